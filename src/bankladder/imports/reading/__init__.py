"""Reading extract files as streams of rows, one module per format; the API is in ``readers``."""
