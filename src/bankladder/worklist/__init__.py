"""Worklist feature: each RM's ranked, explained actions and the funnel by stage."""
