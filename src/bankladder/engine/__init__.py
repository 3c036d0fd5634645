"""The ladder engine: facts, compiled rules, evaluation and ranking, on any Ibis backend.

No web, no ORM: the engine reads source tables through Ibis and returns Arrow tables.
"""
