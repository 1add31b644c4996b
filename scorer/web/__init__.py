"""The clerk's page: a local Flask app on 127.0.0.1 that scores an uploaded or pasted report in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from werkzeug.serving import BaseWSGIServer

    from scorer.workers import Limits

DEFAULT_PORT = 8765
HOST = "127.0.0.1"  # loopback only: the page is for the person at this machine, never the network


def make_server(port: int = DEFAULT_PORT, max_bytes: int | None = None, limits: Limits | None = None) -> BaseWSGIServer:
    """A threaded WSGI server bound to loopback (port 0: any free port); raises OSError when it cannot bind.

    The app accepts only Host headers naming this machine and the port bound (scorer.web.app)."""
    from werkzeug.serving import WSGIRequestHandler
    from werkzeug.serving import make_server as _make

    from scorer.web.app import create_app

    class Quiet(WSGIRequestHandler):
        """No line per request on the terminal: the clerk who started the page sees its address, not a log."""

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            pass

    app = create_app(max_bytes, limits)
    server = _make(HOST, port, app, threaded=True, request_handler=Quiet)
    app.config["SCORER_PORT"] = server.server_port
    return server
