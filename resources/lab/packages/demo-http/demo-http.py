#!/usr/bin/python3
"""demo-http @VERSION@: the Patchwise lab's demo web service (synthetic; not a real product).

Serves GET / and GET /health on 0.0.0.0:8080 with a threaded server. It loads libdemo through
ctypes at start and keeps it mapped for the life of the process, so after libdemo is upgraded the
running service still maps the deleted old file (that is how "needs restart" is detected).

DEMO_HTTP_PORT and DEMO_HTTP_LIBDEMO exist only so tests can run the service outside a lab host;
the systemd unit sets neither.
"""
import ctypes
import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = "@VERSION@"
# Regression knobs, set per package version at build time (all zero except in the regression).
EXTRA_DELAY_MIN_MS = int("@EXTRA_DELAY_MIN_MS@")
EXTRA_DELAY_MAX_MS = int("@EXTRA_DELAY_MAX_MS@")
ERROR_PERCENT = int("@ERROR_PERCENT@")

_libdemo = ctypes.CDLL(os.environ.get("DEMO_HTTP_LIBDEMO", "/usr/lib/libdemo/libdemo.so.1"))
_libdemo.demo_version.restype = ctypes.c_char_p
LIBDEMO_VERSION = _libdemo.demo_version().decode("ascii")

_counter_lock = threading.Lock()
_counter = 0


def _next_request_number():
    global _counter
    with _counter_lock:
        _counter += 1
        return _counter


def _regression(n):
    """Delay and failure for the nth request. Deterministic on purpose, so a canary judge sees
    the same regression on every run: the delay walks the whole min..max range, and 61 is coprime
    to 100, so exactly ERROR_PERCENT of every 100 consecutive requests fail, spread out."""
    spread = EXTRA_DELAY_MAX_MS - EXTRA_DELAY_MIN_MS
    delay_ms = EXTRA_DELAY_MIN_MS + ((n * 37) % (spread + 1) if spread > 0 else 0)
    return delay_ms / 1000.0, (n * 61) % 100 < ERROR_PERCENT


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "demo-http/" + VERSION
    # Headers and body go out in two writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK (tens of ms), which would hide the regression under noise.
    disable_nagle_algorithm = True

    def do_GET(self):
        delay, fail = _regression(_next_request_number())
        if delay > 0:
            time.sleep(delay)
        if fail:
            self._send(500, "application/json", {"status": "error", "version": VERSION})
        elif self.path == "/health":
            body = {"status": "ok", "version": VERSION, "libdemo": LIBDEMO_VERSION}
            self._send(200, "application/json", body)
        elif self.path == "/":
            text = "demo-http %s (libdemo %s): Patchwise lab demo service\n" % (VERSION, LIBDEMO_VERSION)
            self._send(200, "text/plain; charset=utf-8", text)
        else:
            self._send(404, "application/json", {"status": "not found"})

    def _send(self, status, content_type, body):
        data = (json.dumps(body) if isinstance(body, dict) else body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        # Canary probes send hundreds of requests; one journal line each would drown the host's log.
        pass


def _notify_ready():
    """Type=notify: tell systemd we are listening, so `systemctl restart` returns only then."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(b"READY=1")


def main():
    server = ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("DEMO_HTTP_PORT", "8080"))), Handler)
    server.daemon_threads = True
    print("demo-http %s listening on port %d (libdemo %s)" % (VERSION, server.server_port, LIBDEMO_VERSION), flush=True)
    _notify_ready()
    server.serve_forever()


if __name__ == "__main__":
    main()
