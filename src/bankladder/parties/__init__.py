"""Parties of a bank: the pure rules that tell a real identifier from a mistyped one."""
