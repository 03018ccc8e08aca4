"""A small LSP client over a pipe, for the language-server tests and benchmark.

Speaks JSON-RPC with Content-Length framing to `mplint lsp`, keeps every notification the
server sends, and waits for the answers and diagnostics the tests ask for.
"""
import json
import os
import select
import subprocess
import time
import urllib.parse


def uri_of(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


class Client:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.next_id = 1
        self.buffer = b""
        self.responses = {}
        self.notifications = []  # every notification received, in order

    # --- sending -----------------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None, timeout=20):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait_response(rid, timeout)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    # --- receiving ---------------------------------------------------------------------
    def _read_message(self, deadline):
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                headers = self.buffer[:end].decode()
                length = int([h.split(":")[1] for h in headers.split("\r\n")
                              if h.lower().startswith("content-length")][0])
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk

    def pump(self, deadline):
        """Reads one message; returns False when none came before the deadline."""
        message = self._read_message(deadline)
        if message is None:
            return False
        if "method" in message:
            self.notifications.append(message)
        else:
            self.responses[message.get("id")] = message
        return True

    def wait_response(self, rid, timeout=20):
        deadline = time.monotonic() + timeout
        while rid not in self.responses:
            if not self.pump(deadline):
                return None
        return self.responses.pop(rid)

    def wait_diagnostics(self, uri, version=None, timeout=20, since=0):
        """The first publishDiagnostics for `uri` (with `version`, if given) received after
        notification number `since`."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for n in self.notifications[seen:]:
                p = n.get("params") or {}
                if (n["method"] == "textDocument/publishDiagnostics" and p.get("uri") == uri
                        and (version is None or p.get("version") == version)):
                    return p["diagnostics"]
            seen = len(self.notifications)
            if not self.pump(deadline):
                return None

    # --- conveniences ------------------------------------------------------------------
    def initialize(self, root):
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(root),
                                        "capabilities": {}})
        self.notify("initialized", {})
        return r

    def open(self, path, text=None, version=1):
        if text is None:
            text = open(path, encoding="utf-8").read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri_of(path), "languageId": "plaintext", "version": version, "text": text}})

    def change(self, path, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri_of(path), "version": version},
            "contentChanges": [{"text": text}]})

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None
