"""Propensity feature: learn who responds from the bank's own outcomes.

Past contacts and their results (a campaign export, later the store's own history) train a model
of who is likely to move; this package measures such models honestly (AUC, ALIFT, calibration)
and guards them against features that are only known after the outcome.
"""
