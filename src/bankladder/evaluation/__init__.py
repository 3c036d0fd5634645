"""Evaluation feature: run the engine over the store and keep its results there."""
