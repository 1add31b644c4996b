"""`scorer serve`: start the clerk's page on 127.0.0.1 and say where it is."""

from __future__ import annotations

import click

from scorer.cli import fail, main
from scorer.cli.annotate import said
from scorer.cli.check import MEMORY_OPTION, TIMEOUT_OPTION, memory_bytes


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="Language of the start line [zh].")
@TIMEOUT_OPTION
@MEMORY_OPTION
def serve(port: int, open_browser: bool, lang: str, timeout: float | None, memory_limit: str | None) -> None:
    """Start the local web page (127.0.0.1 only, works offline): upload a report, see its scorecard."""
    from scorer.web import make_server
    from scorer.workers import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits

    limits = Limits(timeout or DEFAULT_TIMEOUT, memory_bytes(memory_limit) or DEFAULT_MEMORY)
    try:
        server = make_server(port, limits=limits)
    except OSError as exc:
        fail(said("serve_port", lang, port=port, detail=exc.strerror or str(exc)).removeprefix("scorer: "))
    url = f"http://127.0.0.1:{server.server_port}/"
    click.echo(said("serve_at", lang, url=url))
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
