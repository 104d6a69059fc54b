"""The JSON API under /api/v1: the same services as the CLI and the web desk, token authentication."""
