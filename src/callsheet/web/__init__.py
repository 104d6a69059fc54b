"""The web desk: server-rendered pages (Jinja2 + vendored htmx) over the same services as the CLI."""
