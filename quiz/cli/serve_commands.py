"""`quiz serve`: the same app in a web browser, through textual-serve (extra `serve`)."""

from __future__ import annotations

import argparse
import shlex
import sys

from quiz.cli.commands import LOCAL


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
        from textual_serve.server import Server
    except ImportError:
        print("quiz: `quiz serve` needs textual-serve: pip install 'quiz[serve]'", file=sys.stderr)
        return 1
    if args.host not in (LOCAL, "localhost", "::1"):
        print(
            f"quiz: warning: serving on {args.host}: anyone who can reach this address can use the app "
            "and every profile's scores. There is no authentication.",
            file=sys.stderr,
        )
    print(f"quiz: open http://{args.host}:{args.port} in a browser; Ctrl+C stops the server.", file=sys.stderr)
    Server(app_command(args), host=args.host, port=args.port, title="quiz").serve()
    return 0
