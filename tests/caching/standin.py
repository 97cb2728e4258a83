"""Stand-in HTTP servers on 127.0.0.1 for the purge tests: a front cache's
purge listener that records what it is sent, and one that never answers."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Recorded:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body


class StandIn:
    """A threading http.server answering every request with `status` (and
    `body`), recording each one. `answer` may be replaced by a test to
    decide per request: answer(recorded) → (status, body)."""

    def __init__(self, status=200, body=b""):
        self.requests: list[Recorded] = []
        self.status = status
        self.body = body
        self.answer = None
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorded = Recorded(
                    self.command, self.path, dict(self.headers), self.rfile.read(length)
                )
                stand_in.requests.append(recorded)
                status, body = (
                    stand_in.answer(recorded)
                    if stand_in.answer
                    else (stand_in.status, stand_in.body)
                )
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PURGE = handle_any  # noqa: N815 - http.server API

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self, method="PURGE") -> list[str]:
        return [urlsplit(r.path).path for r in self.requests if r.method == method]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Silent:
    """Accepts connections and never answers: a cache that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def attempts(self) -> int:
        """How many connections came in (accepted now, answered never)."""
        self.sock.setblocking(False)
        count = 0
        while True:
            try:
                connection, _ = self.sock.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1

    def close(self):
        self.sock.close()
