"""A group robot (webhook receiver) on 127.0.0.1 for the tests of outgoing messages: it keeps what ``keep`` makes of
every POST and answers like WeCom/DingTalk (``{"errcode":0,"errmsg":"ok"}``)."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer


@contextlib.contextmanager
def robot_server(keep: Callable[[str, dict, object], object]) -> Iterator[tuple[str, list]]:
    """``(base URL, received)``; ``keep(path, headers, JSON body)`` makes each entry of ``received``."""
    received: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append(keep(self.path, dict(self.headers), body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"errcode":0,"errmsg":"ok"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()
