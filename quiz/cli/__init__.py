"""The `quiz` command: one entry point, a subcommand each."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from quiz import __version__
from quiz.cli import commands


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
    commands.register(sub, common)
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
    handler = handler_for(getattr(args, "handler", None) or commands.HOME)
    already_open = open_stores()
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        # However the command ended (a finished session, q, Ctrl+C, an error), the score database
        # it opened is closed, and the checkpoint on closing puts every answer into quiz.db itself.
        for store in open_stores() - already_open:
            store.close()


def open_stores() -> set:
    """The score stores open in this process; none if the store was never imported (most commands)."""
    module = sys.modules.get("quiz.data.store")
    return module.open_stores() if module is not None else set()


def handler_for(name: str) -> Callable[[argparse.Namespace], int]:
    """The function a command runs, from its "module:function" name (see quiz.cli.commands)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)
