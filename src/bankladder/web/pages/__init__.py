"""Server-rendered pages: thin routes over the features' services."""
