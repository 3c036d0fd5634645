"""Product fit: which of the bank's products to put before a party next, and why.

At rung 2 (discovery) from the needs the RM recorded; at rung 4 (resource mining) from the
party's wallet gap, from what similar customers hold, and, for an enterprise, from cash that
has stayed idle on its demand accounts. Each suggestion carries its reasons in both languages
and the selling points against the competitor the party banks with.
"""
