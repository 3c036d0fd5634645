"""Win-win: the reciprocity ledger of a party (what the bank gave, what the party brought)."""
