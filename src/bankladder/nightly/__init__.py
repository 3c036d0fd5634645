"""The nightly run: wallet estimates, the ladder's evaluation, the referral network."""
