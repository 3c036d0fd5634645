"""The audit trail: what users did that the bank must be able to show."""
