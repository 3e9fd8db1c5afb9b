"""A real SMTP server for the test suite (issue 30): aiosmtpd, which speaks SMTP as a mail
relay does, keeping each message it is given as a JSON file in a folder, decoded with
Python's own e-mail parser (the subject's encoded words, the body's transfer encoding):

    {"from": "...", "to": ["..."], "subject": "...", "body": "..."}

    sink.py --port PORT --dir FOLDER

It prints "ready" once it listens, and runs until it is stopped."""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        kept = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message["subject"] or ""),
            "body": body.get_content() if body is not None else "",
        }
        name = f"{os.getpid()}-{next(self.count):05d}.json"
        partial = os.path.join(self.folder, "." + name)
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False)
        # Whole files only: a reader never sees one half written.
        os.replace(partial, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Keep(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    try:
        loop.run_until_complete(stop)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
