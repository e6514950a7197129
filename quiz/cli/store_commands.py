"""`quiz stats`, `due`, `profiles`, `export` and `doctor`: the score store from the command line."""

from __future__ import annotations

import argparse
import csv
import functools
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from quiz.cli.bank_commands import plural
from quiz.core.inert import csv_cell, inert, json_text
from quiz.core.model import Bank
from quiz.data import backup, locations
from quiz.data import config as settings
from quiz.data.library import read_question_rows
from quiz.data.stats import Forecast, QuestionRow, Stats
from quiz.data.store import (
    APPLICATION_ID,
    DEFAULT_PROFILE,
    EXPORT_FIELDS,
    Store,
    StoreError,
    database_path,
    explain,
    known_version,
)

Handler = Callable[[argparse.Namespace], int]


def _reports_store_errors(handler: Handler) -> Handler:
    """A StoreError already says what to do: print it, exit 1, no traceback."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as exc:
            print(f"quiz: {exc}", file=sys.stderr)
            return 1

    return run


def _now() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def _open(args: argparse.Namespace, *, backups: bool = True) -> Store:
    """The store; commands that only read it leave the day's backup to studying (start-up speed)."""
    return Store.open(locations.data_dir(args.data_dir), backups=backups)


def _day_start() -> int:
    """The hour the learner's study day begins (config.toml), any problem with the file said."""
    loaded = settings.load(locations.config_dir())
    for warning in loaded.warnings:
        print(f"quiz: {warning}", file=sys.stderr)
    return loaded.config.day_start


def _profile(store: Store, args: argparse.Namespace) -> str:
    """--profile (which must exist), else the last one used, else 'default'."""
    if args.profile:
        name = args.profile.strip()
        if name != DEFAULT_PROFILE and not store.has_profile(name):
            known = ", ".join(store.profiles()) or "none yet"
            raise StoreError(f"There is no profile named {name!r} (profiles: {known}).")
        return name
    return store.last_profile() or DEFAULT_PROFILE


def _bank(args: argparse.Namespace) -> Bank | Sequence[QuestionRow]:
    """The bank as the figures read it: its cached index when there is one (no question is built)."""
    data_dir = locations.data_dir(args.data_dir)
    bank, problems = read_question_rows(locations.bank_path(args.bank), locations.seeds_path(args.seeds), data_dir)
    if problems:
        print(
            f"quiz: note: the bank has {plural(len(problems), 'problem')}; figures use the decks that loaded "
            "(see `quiz check`).",
            file=sys.stderr,
        )
    return bank


def shown(text: str) -> str:
    """Text from the bank or the learner, with control characters made visible instead of obeyed."""
    return inert(text)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


# --------------------------------------------------------------------------- stats


@_reports_store_errors
def stats_command(args: argparse.Namespace) -> int:
    day_start = _day_start()
    with _open(args, backups=False) as store:
        profile = _profile(store, args)
        figures = store.stats(profile, _bank(args), _now(), day_start=day_start)
        if args.json:
            from quiz.data import charts

            retention = settings.load(locations.config_dir()).config.desired_retention
            series = charts.read(
                store, profile, figures.as_of, decks=args.deck, desired_retention=retention, day_start=day_start
            )
    if args.json:
        print(json_text(json.dumps(figures.to_dict() | {"charts": series.to_dict()}, indent=2, ensure_ascii=False)))
    else:
        print(report(figures))
    return 0


def report(s: Stats) -> str:
    """The stats as text for a terminal or a pipe."""
    head = f"Progress of {shown(s.profile)!r} as of {s.as_of:%Y-%m-%d %H:%M}"
    if not s.attempts:
        return f"{head}\n\nNo answers yet. Start a session with `quiz` (or `quiz play --plain`)."
    if not s.streak:
        streak = "0 days: answer today to start one"
    else:
        streak = plural(s.streak, "day") + (", including today" if s.answered_today else "; answer today to keep it")
    later = sum(n for _, n in s.due.days[1:])
    lines = [
        head,
        "",
        f"Answers    {s.attempts:,} ({s.correct:,} correct, {_percent(s.accuracy)})"
        f" · {s.questions_seen:,} of {s.questions_in_bank:,} questions seen",
        f"Mastered   {s.mastered:,} of {s.questions_in_bank:,} questions"
        " (FSRS expects you to remember them for 21 days or more)",
        f"Streak     {streak}",
        f"Due        {s.due.due_today:,} today · {later:,} more over the next {len(s.due.days) - 1} days"
        " (`quiz due` for detail)",
    ]
    groups = (("deck", s.decks), ("tag", s.tags), ("kind", s.kinds))
    width = max([8] + [len(shown(x.name)) for _title, scores in groups for x in scores])
    for title, scores in groups:
        if scores:
            lines += ["", f"{'By ' + title:<{width + 2}}  answers  accuracy"]
            for x in scores:
                lines.append(f"  {shown(x.name):<{width}}  {x.attempts:>7,}  {_percent(x.accuracy):>8}")
    active = [d for d in s.days if d.attempts]
    lines += ["", f"Last {len(s.days)} days: answered on {len(active)} of them", "              answers  correct"]
    most = max((d.attempts for d in active), default=1)
    for d in active:
        bar = "█" * max(1, round(24 * d.attempts / most))
        lines.append(f"  {d.date:%a %d %b}  {d.attempts:>7,}  {d.correct:>7,}  {bar}")
    if s.weakest:
        lines += ["", "Weakest questions (answered at least twice)"]
        for w in s.weakest:
            prompt = shown(w.prompt)
            prompt = prompt if len(prompt) <= 60 else prompt[:59] + "…"
            lines.append(f"  {_percent(w.accuracy):>4}  {w.correct:>3} of {w.attempts:<3}  {shown(w.id)}  {prompt}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- due


@_reports_store_errors
def due_command(args: argparse.Namespace) -> int:
    now, day_start = _now(), _day_start()
    with _open(args, backups=False) as store:
        profile = _profile(store, args)
        forecast = store.forecast(profile, now, _bank(args), day_start=day_start)
    if args.json:
        head = {"profile": profile, "as_of": now.isoformat(), "day_start": day_start}
        print(json.dumps({**head, **forecast.to_dict()}, indent=2))
    else:
        print(due_table(profile, now, forecast))
    return 0


def due_table(profile: str, now: datetime, f: Forecast) -> str:
    head = f"Reviews due for {shown(profile)!r} as of {now:%Y-%m-%d %H:%M}"
    if not f.decks:
        return f"{head}\n\nNothing scheduled yet: reviews appear once you have answered questions."
    columns = ["today", *(f"{d:%a %d}" for d, _ in f.days[1:])]
    width = max(len("all decks"), *(len(d.deck) for d in f.decks))
    rows = [(shown(d.deck), *d.days) for d in f.decks]
    rows.append(("all decks", *(n for _, n in f.days)))
    lines = [head, "", " " * (width + 2) + "".join(f"{c:>8}" for c in columns)]
    lines += [f"  {name:<{width}}" + "".join(f"{n:>8,}" for n in counts) for name, *counts in rows]
    lines += [
        "",
        f"'today' is what falls due before your study day ends, {f.today.end:%a %H:%M} (overdue included):",
        "what `quiz play --mode review` studies today. Each day begins at day_start in config.toml.",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- profiles


@_reports_store_errors
def profiles_command(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if args.action == "add":
            store.add_profile(args.name, _now())
            print(f"Added profile {shown(args.name.strip())!r}; use it with --profile {shown(args.name.strip())!r}.")
            return 0
        if args.action == "remove":
            gone = store.remove_profile(args.name)
            print(
                f"Removed profile {shown(gone.name)!r}: {plural(gone.attempts, 'answer')}, "
                f"{plural(gone.sessions, 'session')}, {plural(gone.cards, 'scheduled card')}."
            )
            return 0
        summaries = store.profile_summaries()
        last = store.last_profile()
    if args.json:
        listing = [{"name": p.name, "attempts": p.attempts, "last_used": p.name == last} for p in summaries]
        print(json_text(json.dumps(listing, indent=2, ensure_ascii=False)))
    elif not summaries:
        print("No profiles yet: one called 'default' is made with the first answer (`quiz profiles add NAME`).")
    else:
        for p in summaries:
            mark = "  (last used)" if p.name == last else ""
            print(f"{shown(p.name)}  {plural(p.attempts, 'answer')}{mark}")
    return 0


# --------------------------------------------------------------------------- export


@_reports_store_errors
def export_command(args: argparse.Namespace) -> int:
    if args.what != "attempts":
        from quiz.cli.format_commands import export_deck  # every format's code: only for this

        return export_deck(args, args.what)
    if args.format not in (None, "csv", "json"):
        print("quiz: answers are exported as --format csv or json", file=sys.stderr)
        return 2
    args.format = args.format or "csv"
    with _open(args, backups=False) as store:
        profile = _profile(store, args)
        rows = store.attempts(profile)
        if not args.out:
            _write(rows, args.format, sys.stdout)
            return 0
        try:
            with Path(args.out).open("w", encoding="utf-8", newline="") as out:
                count = _write(rows, args.format, out)
        except OSError as exc:
            print(f"quiz: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    print(f"Exported {plural(count, 'answer')} of {shown(profile)!r} to {args.out}.", file=sys.stderr)
    return 0


def _write(rows: Iterable[dict[str, Any]], form: str, out: TextIO) -> int:
    """Stream rows out one at a time (a million answers need not fit in memory)."""
    count = 0
    if form == "csv":
        writer = csv.DictWriter(out, fieldnames=["profile", *EXPORT_FIELDS], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
            count += 1
        return count
    out.write("[")
    for row in rows:
        out.write((",\n  " if count else "\n  ") + json_text(json.dumps(row, ensure_ascii=False)))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


# --------------------------------------------------------------------------- doctor


def doctor_command(args: argparse.Namespace) -> int:
    """Check without changing anything; --restore swaps a damaged file for the latest good backup;
    --backup copies the database, every answer included, to a file of the learner's choosing."""
    path = database_path(locations.data_dir(args.data_dir))
    if args.backup is not None:
        if args.restore:
            print("quiz: choose one of --backup and --restore", file=sys.stderr)
            return 2
        return _back_up(path, args.backup)
    folder = path.parent / backup.FOLDER
    limits = {"max_version": known_version(), "application_id": APPLICATION_ID}
    found = backup.diagnose(path, full=True, **limits) if path.exists() else None
    print(f"Score database  {path}")
    if found is None:
        print("  – not created yet: it appears with the first answer")
    elif found.ok:
        print("  ✓ integrity check: ok")
        upgrade = "" if found.version == known_version() else f"; upgraded to {known_version()} when next opened"
        print(f"  ✓ schema version {found.version}{upgrade}")
    else:
        print(f"  ✗ {explain(found, advise_doctor=False)}")
    copies = backup.backups(folder)
    print(f"Backups         {folder}")
    if not copies:
        print("  – none yet: one is written each day you study (or change profiles)")
    for _day, copy in copies:
        check = backup.diagnose(copy, **limits)
        print(f"  {'✓' if check.ok else '✗'} {copy.name}  {'ok' if check.ok else check.detail}")
    damaged = found is not None and found.health is backup.Health.DAMAGED
    good = backup.latest_good_backup(folder, **limits) if damaged else None
    if not args.restore:
        if damaged:
            print("\n" + _what_to_do(path, good))
        elif found is not None and found.ok:
            print("\nTo keep a copy elsewhere (another disk, a new laptop): `quiz doctor --backup FILE`.")
        return 0 if found is None or found.ok else 1
    if not damaged:
        print("\nNothing to restore: " + ("the database is healthy." if found and found.ok else "see above."))
        return 0 if found is None or found.ok else 1
    if good is None:
        print(f"\nquiz: no usable backup in {folder}; the database was left as it is.", file=sys.stderr)
        return 1
    try:
        aside = backup.restore(path, good, _now())
    except OSError as exc:
        print(f"\nquiz: could not restore {good.name}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"\nRestored {good.name} as {path}.")
    if aside is not None:
        print(f"The damaged file is kept as {aside}; answers given after the backup are only in that file.")
    return 0


def _what_to_do(path: Path, good: Path | None) -> str:
    """The next step for a damaged database: restore a good backup, or start again beside the old file."""
    if good is not None:
        return (
            f"Run `quiz doctor --restore` to put back {good.name}, the latest good backup. The damaged file "
            "is kept beside it; answers given after that backup are only in the damaged file."
        )
    return (
        f"No good backup to restore. Move {path.name} out of {path.parent} (keep it: a SQLite tool such as "
        "`sqlite3 quiz.db .recover` may get answers back); quiz then starts a new, empty database."
    )


def _back_up(path: Path, target_name: str) -> int:
    """`quiz doctor --backup [FILE]`: a checked, complete copy, never over an existing file."""
    if not path.exists():
        print(f"quiz: there is no score database at {path} yet: nothing to back up.", file=sys.stderr)
        return 1
    limits = {"max_version": known_version(), "application_id": APPLICATION_ID}
    found = backup.diagnose(path, full=True, **limits)
    if not found.ok:
        print(f"quiz: not backed up. {explain(found)}", file=sys.stderr)
        return 1
    default = f"quiz-backup-{_now():%Y-%m-%d-%H%M%S}.db"
    target = Path(target_name or default).expanduser()
    if target.is_dir():
        target = target / default
    if target.exists():
        print(f"quiz: {target} already exists; give another file name (a backup never overwrites).", file=sys.stderr)
        return 1
    try:
        backup.back_up(path, target)
    except (OSError, sqlite3.Error) as exc:
        print(f"quiz: could not write the backup {target}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    check = backup.diagnose(target, full=True, **limits)
    if not check.ok:
        print(f"quiz: the backup {target} did not pass its check ({check.detail}); try again.", file=sys.stderr)
        return 1
    answers, profiles = backup.count(target, "attempts"), backup.count(target, "profiles")
    print(f"Backed up {plural(answers, 'answer')} of {plural(profiles, 'profile')} to {target}.")
    print(f"It is one complete file: copy it anywhere. To go back to it, put it in place of {path}.")
    return 0
