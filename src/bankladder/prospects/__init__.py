"""Prospects met in the field, their needs, referrals and relationships, and party search."""
