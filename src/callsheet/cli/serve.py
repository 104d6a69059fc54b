"""callsheet serve: the web desk and the API on uvicorn."""

from __future__ import annotations

import typer

from callsheet.cli.common import console, get_desk, handled
from callsheet.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Serve the web desk and the JSON API. Example: callsheet serve --port 8000"""
    desk = get_desk(ctx, choose=False)
    with handled():
        run_server(desk.base, host, port)


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def run_server(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from callsheet.server import create_app

    if host in LOOPBACK and "cookie_secure" not in settings.model_fields_set:
        # Plain http://127.0.0.1 in development: browsers would drop a Secure cookie there.
        settings = settings.model_copy(update={"cookie_secure": False})
    app = create_app(settings)
    console.print(f"The web desk is at http://{host}:{port}/ (API docs at /api/docs). Ctrl+C stops it.")
    # As the benchmarks run it (bench/api_load.py): uvloop and httptools when installed, no access log.
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
