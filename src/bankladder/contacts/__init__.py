"""Logging a contact with a party (a visit, a call...) and re-evaluating the party at once."""
