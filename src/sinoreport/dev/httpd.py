"""A static server for built sites that answers as a production host does: gzip for text, long caching
for fingerprinted assets, the site's 404 page. The audit measures through it and the tests browse
through it, so both see the site as readers get it."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import re
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
        ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}
    _COMPRESS = re.compile(r"text/|javascript|json|svg|xml")
    _HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$|/assets/fonts/|\.woff2?$")
    compress = True

    def log_message(self, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
            if not path.is_file():
                self.send_error(404)
                return None
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        zipped = (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
                  and bool(self._COMPRESS.search(ctype)))
        if zipped:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        immutable = self._HASHED.search(str(path)) or "/assets/javascripts/vega/" in str(path)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "public, max-age=600")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 refuses a link checker's parallel connections

    def handle_error(self, request: Any, client_address: Any) -> None:
        # link checkers and browsers drop connections mid-response; that is not a finding
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, *, compress: bool = True) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) from a thread; yields the base URL ending in /.
    `compress=False` sends every file as it is (to measure bytes without gzip)."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
