"""`quiz` (the TUI) and `quiz play`: study sessions from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from quiz.cli.commands import SERVED
from quiz.core.mode import Mode
from quiz.core.verdict import Form
from quiz.data import locations
from quiz.data.library import open_full_bank, read_full_bank
from quiz.data.store import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from quiz.core.model import Bank
    from quiz.core.selection import Options
    from quiz.data.config import LoadedConfig


def options_from(args: argparse.Namespace) -> Options:
    from quiz.core.model import Kind  # these classes: `quiz` draws home before any is needed
    from quiz.core.selection import Options

    return Options(
        mode=Mode(args.mode),
        decks=tuple(args.deck),
        tags=tuple(args.tag),
        kinds=tuple(Kind(k) for k in args.kind),
        difficulty=tuple(args.difficulty),
        count=args.count,
        seed=args.seed,
        form=Form(args.form) if args.form else None,
        time_limit=args.time_limit,
    )


def open_or_report(args: argparse.Namespace):
    """The study services for these arguments, or None after explaining what is wrong."""
    from quiz.factory import open_study

    data_dir = locations.data_dir(args.data_dir)

    def load() -> Bank:
        return read_full_bank(locations.bank_path(args.bank), locations.seeds_path(args.seeds), data_dir)[0]

    bank, problems = open_full_bank(locations.bank_path(args.bank), locations.seeds_path(args.seeds), data_dir)
    if problems:
        from quiz.cli.bank_commands import refuse_bank  # imported here: start-up speed

        refuse_bank(locations.bank_path(args.bank), problems, sys.stderr)
        return None
    try:
        return open_study(bank, data_dir, args.profile, reload=load, config=read_settings())
    except StoreError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return None


def play(args: argparse.Namespace) -> int:
    if args.count < 1:
        print("quiz: --count must be 1 or more", file=sys.stderr)
        return 2
    known = _deck_ids(args)  # None when the bank has problems: open_or_report says them, as `quiz check` does
    unknown = sorted(set(args.deck) - known) if known is not None else []
    if unknown:
        print(f"quiz: no deck {', '.join(unknown)}; `quiz` lists the decks", file=sys.stderr)
        return 2
    study = open_or_report(args)
    if study is None:
        return 1
    options = options_from(args)
    if args.plain:
        from quiz.plain.line_mode import LineMode

        session = study.start(options)
        if session.current is None:
            study.finish(session)
            print("Nothing to study with these choices.")
            return 0
        LineMode(study, session, sys.stdin, sys.stdout).run()
        return 0
    return run_tui(args, study, options)


def home(args: argparse.Namespace) -> int:
    """`quiz` alone: the TUI in a terminal or a served browser; else (a pipe) a summary of the bank."""
    if not sys.stdout.isatty() and os.environ.get(SERVED) != "1":
        from quiz.cli.bank_commands import summary_command

        return summary_command(args)
    study = open_or_report(args)
    if study is None:
        return 1
    return run_tui(args, study, None)


def run_tui(args: argparse.Namespace, study, options: Options | None) -> int:
    app = tui_app(study, options)
    app.run()
    return app.return_code or 0  # non-zero when the app ended on an error (a full disk, say)


_READ: dict[Path, tuple[object, LoadedConfig]] = {}
"""config.toml as read_settings last read it, per folder, with the file's stamp: tui_app reads it again
only when the file has changed since."""


def read_settings():
    """config.toml's settings, any problem with them said (once: `quiz` reads them before the app starts)."""
    from quiz.data import config as settings

    config_dir = locations.config_dir()
    stamp = _stamp(settings.config_file(config_dir))
    loaded = settings.load(config_dir)
    _READ[config_dir] = (stamp, loaded)
    for warning in loaded.warnings:
        print(f"quiz: {warning}", file=sys.stderr)
    return loaded.config


def _settings(config_dir: Path) -> LoadedConfig:
    """config.toml's settings: as read_settings read them moments ago when the file is unchanged, else read now."""
    from quiz.data import config as settings

    stamp, loaded = _READ.pop(config_dir, (None, None))
    if loaded is not None and stamp == _stamp(settings.config_file(config_dir)):
        return loaded
    return settings.load(config_dir)


def _stamp(path: Path) -> object:
    try:
        status = path.stat()
    except OSError:
        return "absent"
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def tui_app(study, options: Options | None = None):
    """The app as `quiz` runs it (the start-up benchmark builds it here too): settings read,
    and `options` to go straight into a session."""
    import gc

    from quiz.factory import build_app

    config_dir = locations.config_dir()
    # No collection until home is drawn (QuizApp turns the collector back on then): loading Textual
    # and building home set off dozens of them, about a tenth of the start-up time, for a few
    # hundred objects of garbage.
    gc.disable()
    # The bank and the store are loaded by now and live as long as the app: frozen before the
    # app is built, the collections that building it sets off no longer walk 50,000 questions.
    gc.freeze()
    loaded = _settings(config_dir)
    app = build_app(study, config_dir, loaded.config)
    app.settings_warnings = loaded.warnings  # said in the app too: the shell's lines are hidden while it runs
    app.start_options = options
    app.collector_paused = True
    # What is loaded by now (the modules, the bank, the store) lives as long as the app. Frozen,
    # the cyclic garbage collector stops walking it on every collection and once more at exit:
    # with 50,000 questions that was a fifth of the start-up time.
    gc.freeze()
    return app


def _deck_ids(args: argparse.Namespace) -> set[str] | None:
    data_dir = locations.data_dir(args.data_dir)
    bank, problems = read_full_bank(
        locations.bank_path(args.bank), locations.seeds_path(args.seeds), data_dir, cache=True
    )
    return None if problems else {d.id for d in bank.decks}
