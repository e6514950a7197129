"""`quiz serve`: the same app in a web browser, through textual-serve (extra `serve`)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import shlex
import socket
import sys

from quiz.cli.commands import SERVED

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: read off a board without doubt
JOIN_LENGTH = 8  # 30**8: about 6.6e11 codes


def is_loopback(host: str) -> bool:
    text = host.strip("[]").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether the host means "every address of this machine" (0.0.0.0, ::, or empty)."""
    text = host.strip("[]")
    try:
        return not text or ipaddress.ip_address(text).is_unspecified
    except ValueError:
        return False


def web_host(host: str) -> str:
    """The host as it goes in a URL: an IPv6 address in brackets."""
    text = host.strip("[]")
    try:
        return f"[{text}]" if ipaddress.ip_address(text).version == 6 else text
    except ValueError:
        return text


def page_urls(host: str, port: int, join_code: str | None) -> list[str]:
    """The addresses to give a class: this one, or for 0.0.0.0 / :: each address the machine has."""
    hosts = _own_addresses(ipv6=":" in host) if is_wildcard(host) else [host]
    query = f"/?join={join_code}" if join_code else "/"
    return [f"http://{web_host(h)}:{port}{query}" for h in hosts]


def _own_addresses(ipv6: bool) -> list[str]:
    name = socket.gethostname()
    try:
        infos = socket.getaddrinfo(name, None, socket.AF_INET6 if ipv6 else socket.AF_INET)
    except OSError:
        return [name]
    found = [str(info[4][0]) for info in infos if not is_loopback(str(info[4][0]))]
    return list(dict.fromkeys(found)) or [name]


def join_required(host: str, forced: bool) -> bool:
    """Past loopback the class's network can reach the server: then a join code is never optional."""
    return forced or not is_loopback(host)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this Python, this bank, this data folder."""
    words = [sys.executable, "-m", "quiz"]
    for flag in ("bank", "seeds", "data_dir", "profile"):
        value = getattr(args, flag, None)
        if value:
            words += [f"--{flag.replace('_', '-')}", value]
    return shlex.join(words)


def serve(args: argparse.Namespace) -> int:
    try:
        from quiz.cli.quiz_server import QuizServer
    except ImportError:
        print("quiz: `quiz serve` needs textual-serve: pip install 'quiz[serve]'", file=sys.stderr)
        return 1
    if not 0 < args.port < 65536:
        print(f"quiz: --port {args.port} is not a port; use 1 to 65535 (default 8000)", file=sys.stderr)
        return 2
    join_code = new_join_code() if join_required(args.host, args.join) else None
    urls = page_urls(args.host, args.port, join_code)
    lines = [f"quiz: open {urls[0]} in a browser; Ctrl+C stops the server."]
    lines += [f"      or {url}" for url in urls[1:]]
    if join_code:
        reach = "anyone on this network" if not is_loopback(args.host) else "every user of this machine"
        lines.append(
            f"quiz: join code {join_code}: {reach} can reach this server, so it answers only an address "
            "with the code in it."
        )
    os.environ[SERVED] = "1"  # every app process textual-serve starts inherits it
    server = QuizServer(app_command(args), args.host, args.port, join_code, "\n".join(lines))
    try:
        server.serve()
    except OSError as exc:
        print(f"quiz: cannot serve on {web_host(args.host)}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
