"""Anki packages (.apkg, .colpkg) on disk: read the notes of one, write a deck as one.

A package is a zip holding one SQLite collection: `collection.anki21b` (zstd-compressed, schema 18,
written by Anki 2.1.50 and later), `collection.anki21` or `collection.anki2` (plain SQLite, schema 11).
Newer packages also hold a stub `collection.anki2` saying "please update", so the newest one wins.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import sqlite3
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from hashlib import sha256
from pathlib import Path
from typing import IO

from quiz.core.model import Article, Deck
from quiz.core.problems import Problem
from quiz.formats import apkg, limits
from quiz.formats.common import FormatError, Reading, Writing

COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
MAX_PACKAGE_BYTES = 1 << 30
"""A package over 1 GiB is refused (media make packages big; quiz reads only the collection)."""
MAX_COLLECTION_BYTES = 256 << 20
"""The collection inside is unpacked to at most 256 MiB (measured: 10,000 notes as quiz writes them take 13 MB)."""
_CHUNK = 1 << 20
_HOW = "export the deck from Anki with File > Export, as an Anki Deck Package (.apkg)"


def read_package(path: Path, reading: Reading | None = None) -> Reading:
    """The questions of an Anki package, with the notes it had to skip. Raises FormatError, OSError."""
    reading = reading or Reading()
    size = path.stat().st_size
    if size > MAX_PACKAGE_BYTES:
        raise _error(path, f"is {size / (1 << 20):,.0f} MiB; quiz reads Anki packages of up to 1 GiB")
    try:
        with zipfile.ZipFile(path) as package, tempfile.TemporaryDirectory(prefix="quiz-anki-") as temp:
            member = next((name for name in COLLECTIONS if name in package.namelist()), None)
            if member is None:
                raise _error(path, f"is a zip file with no Anki collection in it (no {' or '.join(COLLECTIONS)})")
            database = Path(temp) / "collection.sqlite"
            _unpack(package, member, database, path)
            notes = _notes(database, path, member, reading)
            return apkg.read_notes(notes, path, reading)  # note by note, as SQLite gives them
    except zipfile.BadZipFile as exc:
        raise _error(path, f"is not a readable zip file ({exc}), so not an Anki package; {_HOW}") from None


def is_package(path: Path) -> bool:
    """Is the file a zip with an Anki collection in it (whatever its name)?"""
    try:
        with zipfile.ZipFile(path) as package:
            return any(name in package.namelist() for name in COLLECTIONS)
    except (zipfile.BadZipFile, OSError):
        return False


def _error(path: Path, message: str) -> FormatError:
    return FormatError(Problem(path, 0, message))


def _unpack(package: zipfile.ZipFile, member: str, out: Path, path: Path) -> None:
    """Copy the collection out of the zip (and out of zstd), refusing one that unpacks too big."""
    too_big = f"holds a collection of over {MAX_COLLECTION_BYTES >> 20} MiB unpacked; quiz refuses it"
    if package.getinfo(member).file_size > MAX_COLLECTION_BYTES:
        raise _error(path, too_big)
    zstd = _zstd()
    try:
        with package.open(member) as raw, out.open("wb") as sink:
            stream: IO[bytes] = zstd.ZstdFile(raw) if member.endswith("21b") else raw
            written = 0
            while chunk := stream.read(_CHUNK):
                written += len(chunk)
                if written > MAX_COLLECTION_BYTES:
                    raise _error(path, too_big)
                sink.write(chunk)
    except (zstd.ZstdError, zlib.error, EOFError, ValueError) as exc:
        raise _error(path, f"has a damaged {member} ({exc}); export the deck from Anki again") from None


def _zstd():  # noqa: ANN202 - the module differs by Python version
    """Python 3.14's zstd module, or its backport before that."""
    try:
        from compression import zstd  # type: ignore[import-not-found]
    except ImportError:
        from backports import zstd  # type: ignore[no-redef]
    return zstd


def _notes(database: Path, path: Path, member: str, reading: Reading) -> Iterator[apkg.Note]:
    """Every note of the collection, oldest first, with its note type and which of its cards are suspended."""
    uri = database.as_uri() + "?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _error(path, f"has a collection quiz cannot open ({exc})") from None
    try:
        # Schema 18 sorts names with Anki's own collation; any stand-in will do for reading.
        con.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"notes", "cards", "col"} <= tables:
            raise _error(path, f"has a {member} that is not an Anki collection (no notes table); {_HOW}")
        reading.entries = con.execute("SELECT count(*) FROM notes").fetchone()[0]
        if reading.entries > limits.MAX_QUESTIONS:  # refused before a single note is read
            most = limits.MAX_QUESTIONS
            (past,) = con.execute("SELECT id FROM notes ORDER BY id LIMIT 1 OFFSET ?", (most,)).fetchone()
            problem = limits.too_many(path, 0)
            raise FormatError(Problem(path, 0, problem.message.replace("entry", "note", 1), f"note {past}"))
        types = _types_18(con) if "notetypes" in tables else _types_11(con, path)
        cards: dict[int, list[tuple[int, int]]] = {}
        for nid, ordinal, queue in con.execute("SELECT nid, ord, queue FROM cards"):
            cards.setdefault(nid, []).append((ordinal, queue))
        unknown = apkg.NoteType(0, "(missing)", (), False)
        for nid, mid, tags, fields in con.execute("SELECT id, mid, tags, flds FROM notes ORDER BY id"):
            mine = cards.get(nid, [])
            yield apkg.Note(
                nid,
                types.get(mid, unknown),
                tuple(str(fields).split("\x1f")),
                tuple(str(tags).split()),
                frozenset(o for o, _ in mine),
                frozenset(o for o, q in mine if q == -1),
            )
    except sqlite3.DatabaseError as exc:
        raise _error(path, f"has a damaged collection: {member} is not a readable SQLite database ({exc})") from None
    finally:
        con.close()


def _types_11(con: sqlite3.Connection, path: Path) -> dict[int, apkg.NoteType]:
    """Note types as schema 11 keeps them: JSON in the `col` row."""
    row = con.execute("SELECT models FROM col").fetchone()
    try:
        models = json.loads(row[0]) if row else {}
        return {
            int(m["id"]): apkg.NoteType(
                int(m["id"]),
                str(m.get("name", "")),
                tuple(str(f["name"]) for f in sorted(m["flds"], key=lambda f: f["ord"])),
                m.get("type") == 1,
                int(m.get("originalStockKind") or 0),
            )
            for m in models.values()
        }
    except (ValueError, TypeError, KeyError) as exc:
        raise _error(path, f"has a collection whose note types cannot be read ({exc!r})") from None


def _types_18(con: sqlite3.Connection) -> dict[int, apkg.NoteType]:
    """Note types as schema 18 keeps them: a table, with fields in their own table and a protobuf config."""
    fields: dict[int, list[str]] = {}
    for ntid, name in con.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(str(name))
    out = {}
    for ntid, name, config in con.execute("SELECT id, name, config FROM notetypes"):
        values = _varints(bytes(config or b""))
        # A config quiz cannot read makes a note type of no known family: its notes are reported, not guessed.
        kind, stock = (values.get(1, 0), values.get(9, 0)) if values is not None else (-1, -1)
        out[ntid] = apkg.NoteType(ntid, str(name), tuple(fields.get(ntid, [])), kind == 1, stock)
    return out


def _varints(blob: bytes) -> dict[int, int] | None:
    """The varint fields of a protobuf message by number (enough for a note type's kind); None if malformed."""
    out: dict[int, int] = {}
    at = 0

    def varint() -> int:
        nonlocal at
        value = shift = 0
        while True:
            if at >= len(blob) or shift > 63:
                raise ValueError("truncated")
            byte = blob[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    try:
        while at < len(blob):
            key = varint()
            number, wire = key >> 3, key & 7
            if wire == 0:
                out[number] = varint()
            elif wire == 1:
                at += 8
            elif wire == 2:
                length = varint()  # not `at += varint()`: that adds to `at` as it was before the length
                at += length
            elif wire == 5:
                at += 4
            else:
                return None
        return out if at == len(blob) else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- writing


def deck_id(deck: Deck) -> int:
    """The same Anki deck id for the same quiz deck, export after export."""
    digest = int.from_bytes(sha256(f"quiz deck {deck.id}".encode()).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def write_package(deck: Deck, articles: Mapping[str, Article], out: Path, now: float) -> Writing:
    """Write the deck as an Anki package at `out` (replaced whole, never half-written). Raises OSError."""
    import genanki  # imported here: only an export to Anki needs it

    model = genanki.Model(
        apkg.MODEL_ID,
        apkg.MODEL_NAME,
        fields=[{"name": name} for name in apkg.FIELDS],
        templates=[{"name": "Question", "qfmt": apkg.FRONT, "afmt": apkg.BACK}],
        css=apkg.CSS,
    )
    target = genanki.Deck(deck_id(deck), deck.title, deck.description)
    writing = Writing("", 0, Counter())
    for card in apkg.cards(deck, articles):
        # The GUID follows the question id, so importing a later export updates these notes in Anki.
        note = genanki.Note(
            model, list(card.fields), tags=list(card.tags), guid=genanki.guid_for("quiz", card.question_id)
        )
        if card.suspended:
            for c in note.cards:
                c.suspend = True
            writing.notes["drafts written as suspended cards"] += 1
        target.add_note(note)
        writing.written += 1
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with tempfile.TemporaryDirectory(prefix="quiz-anki-") as folder:
            database = Path(folder) / "collection.anki2"
            con = sqlite3.connect(database)
            try:
                genanki.Package(target).write_to_db(con.cursor(), now, itertools.count(int(now * 1000)))
                con.commit()
            finally:
                con.close()
            with zipfile.ZipFile(temp, "x", zipfile.ZIP_DEFLATED) as package:
                package.write(database, "collection.anki2")
                package.writestr("media", "{}")
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return writing
