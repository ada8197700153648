"""A recording HTTP proxy on loopback (standard library only): the browser sends every request through it, it logs
each one, tunnels the routed targets (www.linkedin.com:443 -> the fixture site) and refuses the rest.

    proxy = RecordingProxy({("www.linkedin.com", 443): (site.address, site.port)}).start()
    ... a browser started with proxy_port=proxy.port ...
    proxy.seen      # every request: {"kind": "CONNECT" | "HTTP", "target": ..., "host": ..., "routed": bool}
    proxy.hosts()   # the host names asked for
    proxy.stop()

HTTPS reaches a proxy as `CONNECT host:port` (the proxy sees the host, not the path: the fixture site records
those); plain HTTP, WebSocket upgrades over http and FTP-over-HTTP arrive as an absolute-URL request line.
"""

import selectors
import socket
import socketserver
import threading
import time
from urllib.parse import urlsplit

from server import ClosingServer  # tests/fixtures/site, on pytest's path

HEAD_LIMIT = 64 * 1024


class RecordingProxy:
    def __init__(self, routes):
        self.routes = dict(routes)  # (host, port) -> (upstream host, upstream port)
        self.seen = []
        self.lock = threading.Lock()
        self._server = None

    def start(self):
        handler = type("Handler", (_Handler,), {"proxy": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, args=(0.1,), name="recording-proxy",
                         daemon=True).start()
        return self

    @property
    def port(self):
        return self._server.server_address[1]

    def stop(self):
        if self._server:
            self._server.close()
            self._server = None

    def reset(self):
        with self.lock:
            self.seen.clear()

    def hosts(self):
        with self.lock:
            return {entry["host"] for entry in self.seen}

    def record(self, kind, target, host, routed):
        with self.lock:
            self.seen.append({"kind": kind, "target": target, "host": host, "routed": routed,
                              "time": time.time()})


class _Server(ClosingServer, socketserver.ThreadingTCPServer):
    allow_reuse_address = True

    def __init__(self, address, handler):
        self.connections = set()
        super().__init__(address, handler)


class _Handler(socketserver.BaseRequestHandler):
    proxy: RecordingProxy = None

    def handle(self):
        conns = self.server.connections
        conns.add(self.request)
        try:
            self.request.settimeout(30)
            head = self._read_head()
            if head is None:
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split()
            if len(parts) != 3:
                self.proxy.record("?", request_line, "?", False)
                return self._refuse(400)
            method, target, _version = parts
            if method.upper() == "CONNECT":
                host, _, port = target.rpartition(":")
                host = host.strip("[]").lower()
                upstream = self.proxy.routes.get((host, int(port) if port.isdigit() else -1))
                self.proxy.record("CONNECT", target, host, upstream is not None)
                if upstream is None:
                    return self._refuse(403)
                return self._tunnel(upstream)
            # Plain HTTP through a proxy: an absolute URL. Nothing is routed over plain HTTP.
            host = (urlsplit(target).hostname or "?").lower()
            self.proxy.record("HTTP", f"{method} {target}", host, False)
            self._refuse(403)
        finally:
            conns.discard(self.request)

    def _read_head(self):
        data = b""
        while b"\r\n\r\n" not in data:
            try:
                chunk = self.request.recv(4096)
            except OSError:
                return None
            if not chunk:
                return data or None
            data += chunk
            if len(data) > HEAD_LIMIT:
                return data
        return data

    def _refuse(self, status):
        reason = {400: "Bad Request", 403: "Forbidden"}[status]
        try:
            self.request.sendall(f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                 .encode())
        except OSError:
            pass

    def _tunnel(self, upstream):
        try:
            remote = socket.create_connection(upstream, timeout=10)
        except OSError:
            return self._refuse(403)
        conns = self.server.connections
        conns.add(remote)
        try:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            remote.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.request.settimeout(None)
            remote.settimeout(None)
            _pump(self.request, remote)
        except OSError:
            pass
        finally:
            conns.discard(remote)
            remote.close()


def _pump(a, b):
    """Copy bytes both ways until either side closes."""
    peer = {a: b, b: a}
    with selectors.DefaultSelector() as sel:
        sel.register(a, selectors.EVENT_READ)
        sel.register(b, selectors.EVENT_READ)
        while True:
            for key, _ in sel.select(timeout=60):
                data = key.fileobj.recv(65536)
                if not data:
                    return
                peer[key.fileobj].sendall(data)
