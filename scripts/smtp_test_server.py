#!/usr/bin/env python3
"""A small SMTP server for the tests of the SamenspraakMail target (aiosmtpd).

It listens on 127.0.0.1 and prints the port it listens on as the first line of standard output (use --port 0 for
a free one); everything else it says goes to standard error. Each message it accepts is written to --out as N.eml
(the bytes as received) and N.json (the envelope and what Python's email package decodes from it).

    smtp_test_server.py --port 0 --out DIR [--starttls CERT KEY [--require-tls] | --tls CERT KEY]
                        [--auth USER:PASS [--auth-mechanisms LOGIN]] [--no-starttls]
                        [--reject CODE [--reject-at rcpt|data]]
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

REJECT_TEXTS = {
    "4": "4.3.0 Try again later",
    "5": "5.7.1 Refused",
}


def parse_arguments():
    parser = argparse.ArgumentParser(description="SMTP test server (aiosmtpd)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"), help="offer STARTTLS with this certificate")
    parser.add_argument("--require-tls", action="store_true", help="refuse MAIL (and more) before STARTTLS")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="TLS from the first byte (implicit TLS)")
    parser.add_argument("--no-starttls", action="store_true", help="never offer STARTTLS")
    parser.add_argument("--auth", metavar="USER:PASS", help="require AUTH (PLAIN and LOGIN) with these credentials")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN",
                        help="comma-separated AUTH mechanisms to offer (default PLAIN,LOGIN)")
    parser.add_argument("--reject", type=int, metavar="CODE", help="answer with this code (e.g. 451 or 550)")
    parser.add_argument("--reject-at", choices=("rcpt", "data"), default="rcpt",
                        help="the command --reject answers (default rcpt)")
    parser.add_argument("--out", metavar="DIR", help="write each received message here as N.eml and N.json")
    arguments = parser.parse_args()
    if arguments.starttls and arguments.tls:
        parser.error("--starttls and --tls exclude each other")
    if arguments.require_tls and not arguments.starttls:
        parser.error("--require-tls needs --starttls")
    if arguments.reject is not None and not 400 <= arguments.reject <= 599:
        parser.error("--reject takes a 4xx or 5xx code")
    return arguments


def decoded(data):
    """What Python's email package reads from a message: the fields the tests compare."""
    message = BytesParser(policy=policy.default).parsebytes(data)

    def body(kind):
        part = message.get_body(preferencelist=(kind,))
        if part is None or part.get_content_type() != f"text/{kind}":
            return None
        # Transport line ends are CRLF by definition; the tests compare the text as written.
        return part.get_content().replace("\r\n", "\n")

    from_header = message["from"]
    to_header = message["to"]
    return {
        "subject": str(message["subject"]) if message["subject"] is not None else None,
        "from_name": from_header.addresses[0].display_name if from_header else None,
        "from_address": from_header.addresses[0].addr_spec if from_header else None,
        "to": str(to_header) if to_header is not None else None,
        "to_name": to_header.addresses[0].display_name if to_header else None,
        "to_address": to_header.addresses[0].addr_spec if to_header else None,
        "text": body("plain"),
        "html": body("html"),
        "content_type": message.get_content_type(),
        "content_language": message["content-language"],
        "message_id": message["message-id"],
        "date": message["date"],
        "mime_version": message["mime-version"],
        "defects": [type(defect).__name__ for defect in message.defects],
        "longest_line": max((len(line) for line in data.split(b"\r\n")), default=0),
    }


class Handler:
    def __init__(self, arguments):
        self.arguments = arguments
        self.count = 0

    def rejection(self, stage):
        code = self.arguments.reject
        if code is None or self.arguments.reject_at != stage:
            return None
        return f"{code} {REJECT_TEXTS[str(code)[0]]}"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rejection = self.rejection("rcpt")
        if rejection:
            return rejection
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        rejection = self.rejection("data")
        if rejection:
            return rejection
        self.count += 1
        if self.arguments.out:
            base = os.path.join(self.arguments.out, str(self.count))
            with open(base + ".eml", "wb") as file:
                file.write(envelope.original_content or envelope.content)
            record = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "tls": session.ssl is not None,
                "authenticated_as": session.auth_data.login.decode() if session.auth_data else None,
            }
            record.update(decoded(envelope.original_content or envelope.content))
            with open(base + ".json.tmp", "w", encoding="utf-8") as file:
                json.dump(record, file, ensure_ascii=False, indent=2)
            os.replace(base + ".json.tmp", base + ".json")   # a reader never sees half a file
        print(f"received message {self.count}", file=sys.stderr, flush=True)
        return "250 OK: queued"


def authenticator_for(credentials):
    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticate


def server_context(cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


async def main():
    arguments = parse_arguments()
    if arguments.out:
        os.makedirs(arguments.out, exist_ok=True)
    handler = Handler(arguments)
    starttls_context = None
    if arguments.starttls and not arguments.no_starttls:
        starttls_context = server_context(*arguments.starttls)
    implicit_context = server_context(*arguments.tls) if arguments.tls else None
    excluded = []
    if arguments.auth:
        offered = {name.strip().upper() for name in arguments.auth_mechanisms.split(",") if name.strip()}
        excluded = [name for name in ("PLAIN", "LOGIN") if name not in offered]

    def factory():
        return SMTP(
            handler,
            hostname="smtp.test",
            tls_context=starttls_context,
            require_starttls=arguments.require_tls,
            auth_required=bool(arguments.auth),
            # With implicit TLS the connection is encrypted from the start, which aiosmtpd does not see.
            auth_require_tls=not arguments.tls,
            authenticator=authenticator_for(arguments.auth) if arguments.auth else None,
            auth_exclude_mechanism=excluded,
            timeout=60,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=arguments.port, ssl=implicit_context)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()   # until SIGTERM, whose default action ends the process


if __name__ == "__main__":
    # A parent may start us with signals blocked (a test runner's thread): SIGTERM must end the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    asyncio.run(main())
