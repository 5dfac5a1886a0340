#!/usr/bin/env python3
"""A real HTTP receiver for Closeloop webhooks, for the notification tests.

    scripts/webhook-receiver.py DIR SECRET [STATUS]   # prints "PORT <n>", serves until killed

Every POST is checked: X-Closeloop-Signature must be "sha256=" + the hex HMAC-SHA256 of the exact
body with SECRET. Each request is written to DIR/<n>.json with its delivery id, event, timestamp,
body and whether the signature verified. A verified request is answered STATUS (default 200; 500
makes every delivery fail), one that does not verify 401.
"""
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FOLDER, SECRET = sys.argv[1], sys.argv[2].encode()
STATUS = int(sys.argv[3]) if len(sys.argv) > 3 else 200
COUNT = [0]
LOCK = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        verified = hmac.compare_digest(expected, self.headers.get("X-Closeloop-Signature", ""))
        with LOCK:
            COUNT[0] += 1
            number = COUNT[0]
        record = {
            "delivery_id": self.headers.get("X-Closeloop-Delivery-Id"),
            "event": self.headers.get("X-Closeloop-Event"),
            "timestamp": self.headers.get("X-Closeloop-Timestamp"),
            "verified": verified,
            "body": body.decode("utf-8", "replace"),
        }
        path = os.path.join(FOLDER, "%06d.json" % number)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)
        status = STATUS if verified else 401
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    # A parent may have started us with SIGTERM blocked: unblock it so a plain kill stops us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    os.makedirs(FOLDER, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
