"""The `quiz` command: one entry point, a subcommand each."""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from quiz import __version__
from quiz.cli import commands
from quiz.core.inert import inert

VALUED = ("--bank", "--seeds", "--data-dir", "--profile")
"""The options before a command that take a value (see add_common_options)."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The `quiz` parser; given the arguments, only the part that parses their command (start-up speed)."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Study news articles in the terminal: multiple choice, recall and spaced review.",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    add_common_options(parser, default=None)
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.register(sub, common, None if argv is None else command_in(argv))
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names: "" for none (the TUI), None when every command's parser is needed
    (help, or a name that is not a command, so that the error lists them)."""
    taking_value = False
    for word in argv:
        if taking_value:
            taking_value = False
        elif word in ("-h", "--help"):
            return None
        elif word in VALUED:
            taking_value = True
        elif not word.startswith("-"):
            return word if word in commands.COMMANDS else None
    return ""


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
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    handler = handler_for(getattr(args, "handler", None) or commands.HOME)
    already_open = open_stores()
    previous = _end_politely_on(("SIGTERM", "SIGHUP"))
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        # The score database could not be used (full disk, read-only, damaged): one line, no traceback.
        print(f"quiz: {inert(exc)}", file=sys.stderr)
        return 1
    finally:
        # However the command ended (a finished session, q, Ctrl+C, an error, a closed terminal),
        # the score database it opened is closed, and the checkpoint on closing puts every answer
        # into quiz.db itself.
        for store in open_stores() - already_open:
            store.close()
        for number, handler_before in previous.items():
            signal.signal(number, handler_before)


def _end_politely_on(names: Sequence[str]) -> dict[int, Any]:
    """Turn these signals into SystemExit, so that `finally` blocks run; returns the handlers replaced.

    Left to their default, SIGTERM (a kill) and SIGHUP (the terminal window closed) end the
    process on the spot, leaving the latest answers only in quiz.db-wal.
    """
    replaced: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced  # only the main thread may set handlers
    for name in names:
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            replaced[number] = signal.signal(number, _exit_on_signal)
    return replaced


def _exit_on_signal(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def _is_store_error(exc: BaseException) -> bool:
    module = sys.modules.get("quiz.data.store")  # not imported at start-up: most commands need no store
    return module is not None and isinstance(exc, module.StoreError)


def open_stores() -> set:
    """The score stores open in this process; none if the store was never imported (most commands)."""
    module = sys.modules.get("quiz.data.store")
    return module.open_stores() if module is not None else set()


def handler_for(name: str) -> Callable[[argparse.Namespace], int]:
    """The function a command runs, from its "module:function" name (see quiz.cli.commands)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)
