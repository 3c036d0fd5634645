"""The REST API under /api/v1: JSON over the features' services; a Bearer API token or the
session cookie (with its CSRF header) signs a request in."""
