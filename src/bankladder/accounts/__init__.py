"""Workbench users: passwords, sign-in with throttling, server-side sessions, API tokens."""
