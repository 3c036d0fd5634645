"""The RM workbench: server-rendered pages and the REST API, built by ``app.create_app``."""
