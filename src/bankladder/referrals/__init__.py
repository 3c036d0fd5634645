"""Referral attribution and fission figures (stage 6, the expansive intermediary)."""
