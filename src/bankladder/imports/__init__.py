"""Importing the bank's own extracts: mapping files and the conversion of each row."""
