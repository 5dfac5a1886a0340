#!/usr/bin/env python3
"""A real SMTP server on loopback for the notification tests (aiosmtpd).

    scripts/smtp-sink.py DIR          # prints "PORT <n>" once listening, then serves until killed

Each message accepted is written to DIR/<n>.json: the envelope (mail_from, rcpt_tos) and the
raw message text, so a test can read the recipient, the headers (X-Closeloop-Delivery-Id) and the
body. With SMTP_SINK_DELAY=SECONDS the server waits that long after keeping a message and before
answering 250 (a client killed in that window has sent a message it never saw accepted). With
SMTP_SINK_TLS_CERT and SMTP_SINK_TLS_KEY (PEM files) the server offers STARTTLS and refuses mail
before it (require_starttls); each record says whether its session was under TLS ("tls"). Exits 3 with a message on stderr when aiosmtpd is not installed (scripts/test installs it).
"""
import asyncio
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time

try:
    from aiosmtpd.controller import Controller
except ImportError:
    sys.stderr.write("smtp-sink: aiosmtpd is missing: pip install --break-system-packages aiosmtpd\n")
    sys.exit(3)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
        }
        path = os.path.join(self.folder, "%06d.json" % number)
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)
        delay = float(os.environ.get("SMTP_SINK_DELAY", "0"))
        if delay > 0:
            await asyncio.sleep(delay)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    # A parent may have started us with SIGTERM blocked: unblock it so a plain kill stops us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    tls = {}
    cert, key = os.environ.get("SMTP_SINK_TLS_CERT"), os.environ.get("SMTP_SINK_TLS_KEY")
    if cert and key:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    print("PORT %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
