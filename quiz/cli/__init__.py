"""The `quiz` command: one entry point, a subcommand each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quiz import __version__
from quiz.cli import (
    bank_commands,
    derive_commands,
    drill_commands,
    format_commands,
    serve_commands,
    store_commands,
    study_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Study news articles in the terminal: multiple choice, recall and spaced review.",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    add_common_options(parser, default=None)
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    bank_commands.register(sub, common)
    store_commands.register(sub, common)
    study_commands.register(sub, common)
    format_commands.register(sub, common)
    derive_commands.register(sub, common)
    serve_commands.register(sub, common)
    drill_commands.register(sub, common)
    return parser


def add_common_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Options every command takes, before or after the subcommand's name."""
    parser.add_argument(
        "--bank",
        metavar="PATH",
        default=default,
        help="a deck file or folder of decks (default: built-in; env QUIZ_BANK)",
    )
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        default=default,
        help="folder with articles.toml (default: seeds/ beside the bank; env QUIZ_SEEDS)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where scores are kept (default: the user data folder; env QUIZ_DATA_DIR)",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=default,
        help="whose scores to use (default: the last one used, or 'default')",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None) or study_commands.home
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
