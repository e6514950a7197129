"""Keeping the score database safe: checks that never write, daily backups, and restore."""

from __future__ import annotations

import contextlib
import enum
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

FOLDER = "backups"
KEEP = 7
BUSY_TIMEOUT_S = 10.0
MAGIC = b"SQLite format 3\x00"
_NAME = re.compile(r"^quiz-(\d{4}-\d{2}-\d{2})\.db$")
_STALE_TEMP_S = 600


class Health(str, enum.Enum):
    OK = "ok"
    DAMAGED = "damaged"  # not a database, or fails the integrity check
    UNREADABLE = "unreadable"  # permissions, I/O: the file may be fine
    BUSY = "busy"  # another process held a lock for longer than the busy timeout
    NEWER = "newer"  # written by a newer quiz
    FOREIGN = "foreign"  # a SQLite database, but not one of ours


@dataclass(frozen=True)
class Diagnosis:
    """What a check of a database file found (it never writes to the file)."""

    path: Path
    health: Health = Health.OK
    detail: str = ""
    version: int = 0  # PRAGMA user_version
    empty: bool = True  # no tables at all: a new database

    @property
    def ok(self) -> bool:
        return self.health is Health.OK


def diagnose(
    path: Path,
    *,
    max_version: int,
    application_id: int,
    full: bool = False,
    when_needed: bool = False,
    read_header: bool = True,
) -> Diagnosis:
    """Check a database file without ever writing to it: quick_check, or integrity_check when `full`.

    The header is read first, so a file that is not SQLite, or that a newer quiz wrote, is never
    handed to SQLite at all. Opening a WAL database even read-only creates `-wal` and `-shm`
    beside it; when the file turns out unusable, the ones this check created are removed again.

    `when_needed` (every open of the store): the whole-file quick_check runs only when the file
    looks unclean: a write-ahead log with answers in it (a crash, or another quiz running) or a
    file shorter than its header says. Otherwise the header, the schema and the version are read.

    `read_header=False` when this process already has the file open through SQLite: closing any
    other handle on a file drops every POSIX lock the process holds on it, and another quiz
    closing would then take itself for the last one and delete the -wal and -shm this process
    still uses. SQLite's own reading of the version stands in for the header's.
    """
    if not read_header:
        check = "integrity_check" if full else "" if when_needed else "quick_check"
        return _ask_sqlite(path, check, max_version, application_id)
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        return Diagnosis(path, Health.UNREADABLE, exc.strerror or str(exc))
    if not header:
        # SQLite would take it for a new, empty database; quiz never leaves a 0-byte file (it creates
        # the database whole, under another name), so this is a history lost to a crash or a bad copy.
        return Diagnosis(path, Health.DAMAGED, "it is empty (0 bytes)")
    if len(header) < 100 or not header.startswith(MAGIC):
        return Diagnosis(path, Health.DAMAGED, "it is not a SQLite database (damaged, or a different kind of file)")
    version = int.from_bytes(header[60:64], "big")
    if version > max_version:
        return Diagnosis(path, Health.NEWER, f"schema version {version}", version, empty=False)
    companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existed = [c.exists() for c in companions]
    check = "integrity_check" if full else "quick_check"
    if when_needed and not full and _size(companions[0]) == 0 and not _shorter_than_said(path, header):
        check = ""
    found = _ask_sqlite(path, check, max_version, application_id)
    if not found.ok:
        for companion, was_there in zip(companions, existed, strict=True):
            # Only what this check created, and only while empty of data: never someone's journal.
            if not was_there and (companion.name.endswith("-shm") or _size(companion) == 0):
                with contextlib.suppress(OSError):  # a read-only disk: nothing was created to remove
                    companion.unlink(missing_ok=True)
    return found


def _shorter_than_said(path: Path, header: bytes) -> bool:
    """The file is shorter than the page count in its header: cut off (SQLite only notices on reading there)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    # The header's page count is valid only while its "valid-for" number equals the change counter.
    if header[92:96] != header[24:28]:
        return False
    return _size(path) < page_size * int.from_bytes(header[28:32], "big")


def _ask_sqlite(path: Path, check: str, max_version: int, application_id: int) -> Diagnosis:
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        return Diagnosis(path, Health.UNREADABLE, str(exc))
    try:
        messages = [row[0] for row in db.execute(f"PRAGMA {check}")] if check else ["ok"]
        if messages != ["ok"]:
            more = f" (and {len(messages) - 3} more)" if len(messages) > 3 else ""
            return Diagnosis(path, Health.DAMAGED, "; ".join(messages[:3]) + more)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as exc:
        return Diagnosis(path, _classify(exc), str(exc))
    finally:
        db.close()
    if version > max_version:
        return Diagnosis(path, Health.NEWER, f"schema version {version}", version, empty=False)
    # Version 0 with tables, or another application's id: a SQLite file that quiz did not write.
    if app not in (0, application_id) or (app == 0 and tables):
        return Diagnosis(path, Health.FOREIGN, "it is a SQLite database of another program", version, empty=False)
    return Diagnosis(path, Health.OK, "", version, empty=tables == 0)


def _classify(exc: sqlite3.Error) -> Health:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Health.BUSY
    if "unable to open" in text or "i/o" in text or "permission" in text or "readonly" in text:
        return Health.UNREADABLE
    return Health.DAMAGED


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --------------------------------------------------------------------------- backups


def backups(folder: Path) -> list[tuple[date, Path]]:
    """Backups in `folder`, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                try:
                    found.append((date.fromisoformat(match.group(1)), path))
                except ValueError:
                    continue
    return sorted(found, reverse=True)


def has_daily(folder: Path, today: date) -> bool:
    existing = backups(folder)
    return bool(existing) and existing[0][0] == today


def write_daily(db: sqlite3.Connection, folder: Path, today: date, keep: int = KEEP) -> Path | None:
    """Back `db` up as quiz-YYYY-MM-DD.db unless today's backup exists; keep the `keep` newest."""
    if has_daily(folder, today):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"quiz-{today.isoformat()}.db"
    copy_to(db, target)
    prune(folder, keep)
    return target


def copy_to(db: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of `db` as one plain file, through SQLite's backup API (safe while in use).

    Written under a temporary name and renamed, so the file at `target` is always whole.
    """
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy = sqlite3.connect(temp)
        try:
            db.backup(copy)
            # A copy of a WAL database says WAL in its header; a backup is a plain file, so that
            # checking or copying it later never needs (or creates) -wal and -shm files.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        _fsync(temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    _fsync_folder(target.parent)


def count(path: Path, table: str) -> int:
    """Rows in one table of a backup, read without writing anything beside it."""
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.close()


def back_up(path: Path, target: Path) -> None:
    """Copy the live database at `path` to `target`, with the answers still in its write-ahead log."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        copy_to(db, target)
    finally:
        db.close()


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the `keep` newest backups, and temporary files left by interrupted ones."""
    for _day, path in backups(folder)[keep:]:
        path.unlink(missing_ok=True)
    sweep(folder, ".quiz-*.tmp")


def sweep(folder: Path, pattern: str) -> None:
    """Remove temporary files matching `pattern` that a killed process left behind (10 minutes old)."""
    for temp in folder.glob(pattern):
        try:
            if time.time() - temp.stat().st_mtime > _STALE_TEMP_S:
                temp.unlink()
        except OSError:
            continue  # another process finished or removed it meanwhile


def latest_good_backup(folder: Path, *, max_version: int, application_id: int) -> Path | None:
    """The newest backup that passes quick_check and this quiz can read, if any."""
    for _day, path in backups(folder):
        if diagnose(path, max_version=max_version, application_id=application_id).ok:
            return path
    return None


def restore(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Put `backup` in place of `db_path`; the file it replaces is renamed aside, never deleted.

    Returns where the replaced file went (None when there was none).
    """
    aside = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}")
        n = 1
        while aside.exists():
            n += 1
            aside = db_path.with_name(f"{db_path.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}-{n}")
        # The journal belongs to the damaged file: it moves with it, so the restored copy starts clean.
        for suffix in ("-wal", "-shm", ""):
            companion = Path(f"{db_path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{aside}{suffix}"))
    temp = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    shutil.copyfile(backup, temp)
    _fsync(temp)
    os.replace(temp, db_path)
    _fsync_folder(db_path.parent)
    return aside


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
