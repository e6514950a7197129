"""`quiz import FILE`, and the deck half of `quiz export` (the export command wires it in)."""

from __future__ import annotations

import argparse
import glob
import os
import re
import secrets
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from quiz import formats
from quiz.cli.bank_commands import display, plural
from quiz.cli.commands import DECK_FORMATS
from quiz.cli.progress_bar import ProgressBar
from quiz.core.bank import deck_files
from quiz.core.inert import inert
from quiz.core.model import Article, Deck
from quiz.core.problems import Problem
from quiz.core.writer import dump_deck
from quiz.data import locations
from quiz.data.library import library_questions, read_full_bank
from quiz.formats import EXTENSIONS, NAMES, PACKAGE, FormatError, build_decks, read_file, write_deck
from quiz.formats.common import Reading, slug, title_from

NOTES_SHOWN = 3
_ID_LINE = re.compile(r'^\s*id\s*=\s*"((?:[^"\\]|\\.)*)"', re.MULTILINE)


# --------------------------------------------------------------------------- import


def import_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        print(f"quiz import: no such file: {display(path)}", file=sys.stderr)
        return 1
    deck_id = slug(args.deck or path.stem)
    if not deck_id:
        print(f"quiz import: cannot make a deck id from {args.deck or path.stem!r}; pass --deck NAME", file=sys.stderr)
        return 2
    target = _target(args, deck_id)
    old = _existing(target)
    if old and not args.replace:
        print(
            f"quiz import: {display(old[0])} already exists; pass --replace to overwrite it, "
            "or choose another name with --deck NAME",
            file=sys.stderr,
        )
        return 1
    bar = ProgressBar("Reading")
    try:
        reading, fmt = _read(path, args.format, Reading(progress=bar))
    except FormatError as exc:
        bar.done()
        print(_line(exc.problem), file=sys.stderr)
        return 1
    except OSError as exc:
        bar.done()
        print(f"quiz import: cannot read {display(path)} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    bar.done()
    _report(reading)
    bad = len(reading.problems)
    if bad and args.strict:
        print(f"✗ {_entries(bad)} in {display(path)}; nothing written (--strict).", file=sys.stderr)
        return 1
    if not reading.questions:
        print(f"✗ {display(path)} has no question quiz can import; nothing written.", file=sys.stderr)
        return 1
    title = args.deck.strip() if args.deck else title_from(path.stem)
    decks = build_decks(reading.questions, deck_id, title, f"Imported from {path.name}.", formats.PART_SIZE)
    files = [target] if len(decks) == 1 else [_part(target, deck_id, d.id) for d in decks]
    clash = _clash(args, decks, set(old))
    if clash:
        print(clash, file=sys.stderr)
        return 1
    header = f"Imported from {path.name} ({NAMES[fmt]}) by `quiz import`."
    if fmt == PACKAGE:
        header += "\nAnki notes carry no evidence: these questions are ungrounded (`quiz check` says so)."
    bar.relabel("Writing")
    # One deck's text at a time: the whole import is never held as text at once.
    texts = (dump_deck(d, header=header) for d in decks)
    try:
        _write(files, texts, old, bar)
    except OSError as exc:
        print(f"quiz import: cannot write {display(target)} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    finally:
        bar.done()
    print(_done(reading, path, files))
    if target.suffix != ".toml":
        print(f"note: {display(target)} does not end in .toml, so quiz will not read it as a deck", file=sys.stderr)
    return 0


def _read(path: Path, fmt: str | None, reading: Reading) -> tuple[Reading, str]:
    """The file's questions and format; an Anki package is known by its name, by --format, or by its content."""
    from quiz.data import anki_package  # imported here: it loads sqlite3, which only a package needs

    if fmt == PACKAGE or (fmt is None and EXTENSIONS.get(path.suffix.lower()) == PACKAGE):
        return anki_package.read_package(path, reading), PACKAGE
    if fmt is None and anki_package.is_package(path):
        reading = anki_package.read_package(path, reading)
        reading.notes.insert(0, Problem(path, 0, "read as an Anki package (recognised from its content)"))
        return reading, PACKAGE
    return read_file(path, fmt, reading)


def _done(reading: Reading, path: Path, files: list[Path]) -> str:
    where = display(files[0]) if len(files) == 1 else f"{len(files)} decks, {display(files[0])} to {files[-1].name}"
    done = f"✓ Imported {plural(len(reading.questions), 'question')} from {display(path)} into {where}"
    bad, notes = len(reading.problems), len(reading.notes)
    if bad or notes:
        # Named for what they are: a note loses nothing that matters, a bad entry was left out.
        parts = [f"{_entries(bad)} left out"] if bad else []
        parts += [plural(notes, "note")] if notes else []
        done += f", with {' and '.join(parts)} (see above)"
    return done + "."


def _entries(n: int) -> str:
    return f"{n} bad {'entry' if n == 1 else 'entries'}"


def _line(p: Problem) -> str:
    where = display(p.file) + (f":{p.line}" if p.line else "") + (f": {p.question}" if p.question else "")
    return inert(f"{where}: {p.message}")  # the message may quote the file: printed inert


def _report(reading: Reading) -> None:
    """Every bad entry, and the notes, at most a few of each kind."""
    for p in reading.problems:
        print(_line(p), file=sys.stderr)
    alike: dict[str, list[Problem]] = defaultdict(list)
    for p in reading.notes:
        alike[p.message].append(p)
    for message, notes in alike.items():
        for p in notes[:NOTES_SHOWN]:
            print(f"{_line(p)} (note)", file=sys.stderr)
        if len(notes) > NOTES_SHOWN:
            print(f"  ... and {len(notes) - NOTES_SHOWN} more like this: {message}", file=sys.stderr)


def _target(args: argparse.Namespace, deck_id: str) -> Path:
    if args.out:
        out = Path(args.out).expanduser()
        return out / f"{deck_id}.toml" if out.is_dir() else out
    return library_questions(locations.data_dir(args.data_dir)) / f"{deck_id}.toml"


def _part(target: Path, deck_id: str, part_id: str) -> Path:
    """`x.toml` -> `x-part01.toml` for the deck `<deck>-part01`."""
    return target.with_name(target.stem + part_id[len(deck_id) :] + target.suffix)


def _existing(target: Path) -> list[Path]:
    """Files an import to `target` would overwrite: it, or the parts of a big import (`x-part01.toml`...)."""
    parts = target.parent.glob(glob.escape(target.stem) + "-part[0-9]*" + glob.escape(target.suffix))
    return sorted({f for f in [target, *parts] if f.is_file()})


def _clash(args: argparse.Namespace, decks: list[Deck], replacing: set[Path]) -> str:
    """Why these decks' ids would collide with the bank in use or the library ('' when they do not)."""
    ours = {d.id for d in decks} | {q.id for d in decks for q in d.questions}
    places = [locations.bank_path(args.bank), library_questions(locations.data_dir(args.data_dir))]
    skip = {r.resolve() for r in replacing}
    for place in places:
        if not place.exists():
            continue
        for file in deck_files(place):
            if file.resolve() in skip:
                continue
            try:
                used = set(_ID_LINE.findall(file.read_text(encoding="utf-8-sig", errors="replace")))
            except OSError:
                continue
            same = sorted(ours & used)
            if same:
                return (
                    f"quiz import: {display(file)} already uses the id {same[0]!r}, which this import would "
                    f"reuse; choose another name with --deck NAME"
                )
    return ""


def _write(files: Sequence[Path], texts: Iterable[str], old: Sequence[Path], bar: ProgressBar | None = None) -> None:
    """Write every file or none: each goes to a temporary file first, then all are moved into place."""
    files[0].parent.mkdir(parents=True, exist_ok=True)
    temps: list[Path] = []
    try:
        for n, (file, text) in enumerate(zip(files, texts, strict=True), 1):
            if bar is not None:
                bar(n, len(files))
            # Not mkstemp: its files are private (0600); a deck file gets the user's usual mode.
            temp = file.with_name(f".{file.name}.{secrets.token_hex(4)}.tmp")
            with temp.open("x", encoding="utf-8", newline="\n") as out:
                temps.append(temp)
                out.write(text)
        for temp, file in zip(temps, files, strict=True):
            os.replace(temp, file)
        temps.clear()
        for stale in set(old) - set(files):
            stale.unlink(missing_ok=True)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- export


def add_export_arguments(parser: argparse.ArgumentParser, formats: Sequence[str] = DECK_FORMATS) -> None:
    """`--format` and `--out` for `quiz export DECK`; pass `formats` to merge in other choices."""
    parser.add_argument(
        "--format",
        choices=list(formats),
        help=f"deck formats: {', '.join(DECK_FORMATS)} (default: from the --out file's extension)",
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")


def export_deck(args: argparse.Namespace, deck_id: str) -> int:
    """Write one deck of the bank in use (or of the library) as GIFT, Aiken, CSV, JSON or an Anki package."""
    out = Path(args.out).expanduser() if getattr(args, "out", None) else None
    fmt = getattr(args, "format", None) or (EXTENSIONS.get(out.suffix.lower()) if out else None)
    if fmt not in DECK_FORMATS:
        print(f"quiz export: choose a format with --format {'|'.join(DECK_FORMATS)}", file=sys.stderr)
        return 2
    if fmt == PACKAGE and out is not None and out.suffix.lower() == ".colpkg":
        # Anki opens a .colpkg as a whole collection, in place of the learner's own.
        print(
            "quiz export: write the deck as .apkg: Anki would replace your whole collection with a .colpkg",
            file=sys.stderr,
        )
        return 2
    bank, _ = read_full_bank(
        locations.bank_path(getattr(args, "bank", None)),
        locations.seeds_path(getattr(args, "seeds", None)),
        locations.data_dir(getattr(args, "data_dir", None)),
    )
    try:
        deck = bank.deck(deck_id)
    except KeyError:
        print(
            f"quiz export: no deck {deck_id!r} (a deck with problems is not loaded; see `quiz check`); "
            "`quiz` lists the decks",
            file=sys.stderr,
        )
        return 2
    if fmt == PACKAGE:
        return _export_package(deck, bank.articles, out or Path(f"{deck.id}.apkg"))
    writing = write_deck(deck, fmt)
    for message, count in writing.notes.items():
        print(f"note: {message}: {count}", file=sys.stderr)
    if not writing.written:
        print(f"✗ no question of deck {deck_id!r} can be written as {NAMES[fmt]}; nothing written.", file=sys.stderr)
        return 1
    if out is None:
        # On a terminal the deck is there to be read, so its text is shown, never obeyed; a pipe
        # or a redirect gets it exact, to be read back.
        sys.stdout.write(inert(writing.text, keep_lines=True) if sys.stdout.isatty() else writing.text)
        return 0
    try:
        # A BOM lets Excel see that a CSV file is UTF-8; every CSV reader quiz knows skips it.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        out.write_text(writing.text, encoding=encoding, newline="\n")
    except OSError as exc:
        print(f"quiz export: cannot write {display(out)} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"✓ Exported {plural(writing.written, 'question')} of deck {deck_id!r} to {display(out)} ({NAMES[fmt]}).")
    return 0


def _export_package(deck: Deck, articles: Mapping[str, Article], out: Path) -> int:
    """The deck as an Anki package file (never to standard output: it is binary)."""
    from quiz.data.anki_package import write_package  # imported here: it loads genanki and sqlite3

    try:
        writing = write_package(deck, articles, out, time.time())
    except OSError as exc:
        print(f"quiz export: cannot write {display(out)} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    for message, count in writing.notes.items():
        print(f"note: {message}: {count}", file=sys.stderr)
    done = f"✓ Exported {plural(writing.written, 'question')} of deck {deck.id!r} to {display(out)} (Anki package)"
    print(f"{done}; importing it into Anki again updates the same notes.")
    return 0
