"""A cache of the parsed bank, so a large bank opens in a fraction of its parse time.

The key is every deck and catalogue file's path, size and modification time plus the quiz
version: editing any file, or upgrading quiz, reads the TOML again. Only a bank without
problems is cached, so errors are always reported from the files themselves.

The bank is stored as plain tuples of strings and numbers in marshal's format, behind a
checksum, and the objects are rebuilt the way pickle rebuilds them (fields written straight
into each instance's __dict__) without pickle's per-object bookkeeping: 50,000 questions load
in under half the time the pickled objects took. A file that is damaged, written by another
version of this format or for other files is ignored, and the bank is parsed again.

The file holds two parts, each behind its own checksum: first the key with an outline of the
decks (quiz.core.outline), then the questions. The app opens the bank by reading the first part
alone and builds the questions when they are first needed, after its first frame.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from quiz import __version__
from quiz.core.outline import DeckOutline, Outline, PendingBank

if TYPE_CHECKING:  # the bank's classes: home is drawn from the outline before any question is built
    from quiz.core.model import Article, Bank, Deck, Evidence
    from quiz.core.problems import Problem

ENV_CACHE = "QUIZ_CACHE_DIR"
MAX_BYTES = 256 * 2**20  # all cached banks together; the least recently used go first (50,000 questions: ~15 MiB)
# Change it whenever the rows below change, or the rules a bank must pass (a bank cached under
# looser rules must be read again: 3 = every command applies `quiz check`'s rules; 5 = an outline
# before the questions).
FORMAT = b"quiz bank cache 5\n"
INDEX_FORMAT = b"quiz bank index 1\n"  # the same for _index's rows
_CHECKSUM = 4  # bytes of CRC-32 after FORMAT
_LENGTH = 4  # bytes that say how long the bank file's first part is
_MARSHAL_VERSION = 4  # readable by every Python quiz supports
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, KeyError, IndexError)  # what a bad file can raise


def cache_dir() -> Path:
    chosen = os.environ.get(ENV_CACHE)
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("quiz", appauthor=False))


def _key(folders: Iterable[Path]) -> str:
    lines = [f"quiz {__version__}\n"]
    for folder in folders:
        files = [folder] if folder.is_file() else sorted(folder.rglob("*.toml")) if folder.is_dir() else []
        for f in files:
            st = f.stat()
            lines.append(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}\n")
    return "".join(lines)


def cached(folders: list[Path], load: Callable[[], tuple[Bank, list[Problem]]]) -> tuple[Bank, list[Problem]]:
    """`load()`'s result, from the cache when none of `folders`' TOML files changed."""
    bank, problems = cached_pending(folders, load)
    return (bank.build() if isinstance(bank, PendingBank) else bank), problems


_HELD: dict[str, Bank] = {}
"""Banks kept in memory by their key (see hold)."""


def hold(folders: list[Path], bank: Bank) -> None:
    """Keep `bank` for every later opening of `folders` while their files are unchanged: the fork
    server of `quiz serve` reads the bank once, and every app it forks has it already."""
    _HELD[_key(folders)] = bank


def cached_pending(
    folders: list[Path], load: Callable[[], tuple[Bank, list[Problem]]]
) -> tuple[Bank | PendingBank, list[Problem]]:
    """As `cached`, but a bank from the cache comes as its outline; its questions are built when asked for."""
    path: Path | None = None
    key = ""
    try:
        key = _key(folders)
        if key in _HELD:
            return _HELD[key], []
        path = _path(folders)
        found = _read(path, key)
        if found is not None:
            outline, head = found
            os.utime(path)  # recently used: the last to go when the cache is over its size
            if not _index_path(path).exists():  # trimmed away, or from before there was one
                bank = _build(_questions(path, head))
                index = marshal.dumps((key, _index(bank)), _MARSHAL_VERSION)
                _write(_index_path(path), INDEX_FORMAT + _checksum(index) + index)
                return bank, []
            return PendingBank(outline, lambda: _build_or_load(path, key, head, load)), []
    except _UNREADABLE:
        pass  # an unreadable cache is only a slower start
    bank, problems = load()
    if not problems and path is not None:
        _store(path, key, bank)
    return bank, problems


def cached_index(folders: list[Path]) -> tuple[tuple[Any, ...], ...] | None:
    """What `quiz stats` and `quiz due` need of each question (see quiz.data.stats.QuestionRow),
    when the bank of `folders` is cached and unchanged; None otherwise.

    A separate small file written beside the bank's: reading it builds no Question at all, which
    at 50,000 questions is most of the time these commands would take.
    """
    try:
        key = _key(folders)
        data = _index_path(_path(folders)).read_bytes()
        body = memoryview(data)[len(INDEX_FORMAT) + _CHECKSUM :]
        if not data.startswith(INDEX_FORMAT) or data[len(INDEX_FORMAT) : len(INDEX_FORMAT) + _CHECKSUM] != _checksum(
            body
        ):
            return None
        stored_key, rows = marshal.loads(body)
        if stored_key != key:
            return None
        os.utime(_path(folders))  # the bank is in use: the last to go when the cache is over its size
        return rows
    except _UNREADABLE:
        return None


def _path(folders: list[Path]) -> Path:
    # One file per set of folders (a bank, its seeds, a data folder's library), so an edited
    # deck replaces its bank's file rather than adding one. The name only spreads banks over
    # files (CRC-32: zlib is loaded already, hashlib is not); the full key inside says whose.
    where = "|".join(str(folder.resolve()) for folder in folders)
    return cache_dir() / f"bank-{zlib.crc32(where.encode()):08x}.cache"


# --------------------------------------------------------------------------- reading


def _read(path: Path, key: str) -> tuple[Outline, bytes] | None:
    """The outline cached in `path` for `key` and the file's first part; None when there is none for it.

    Only the first part is read: at 50,000 questions it is a twentieth of the file.
    """
    try:
        with path.open("rb") as f:
            start = f.read(len(FORMAT) + _LENGTH + _CHECKSUM)
            head = start + f.read(int.from_bytes(start[len(FORMAT) : len(FORMAT) + _LENGTH], "big"))
    except FileNotFoundError:
        return None
    body = memoryview(head)[len(start) :]
    if not head.startswith(FORMAT) or start[-_CHECKSUM:] != _checksum(body):
        return None
    stored_key, decks, tags = marshal.loads(body)
    if stored_key != key:
        return None
    outline = Outline(tuple(DeckOutline(i, t, frozenset(ids), n, drafts) for i, t, ids, n, drafts in decks), tags)
    return outline, head


def _questions(path: Path, head: bytes) -> memoryview:
    """The second part of the file whose first part is `head` (ValueError if the file is another by now)."""
    data = path.read_bytes()
    body = memoryview(data)[len(head) + _CHECKSUM :]
    if not data.startswith(head) or data[len(head) : len(head) + _CHECKSUM] != _checksum(body):
        raise ValueError(f"{path} changed since it was opened")
    return body


def _build_or_load(path: Path, key: str, head: bytes, load: Callable[[], tuple[Bank, list[Problem]]]) -> Bank:
    try:
        return _build(_questions(path, head))
    except _UNREADABLE:  # damaged, or replaced or trimmed away by another quiz since: read the files
        bank, problems = load()
        if not problems:
            _store(path, key, bank)
        return bank


def _build(questions: bytes | memoryview) -> Bank:
    """The bank from the file's second part."""
    # Hundreds of thousands of new objects and no cycles among them: without this pause the
    # cyclic collector would run many times over them for nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        from quiz.core.model import Bank

        decks, articles = marshal.loads(questions)
        bank = Bank(tuple(_decks(decks)), _articles(articles))
        # Every command keeps the bank it reads to its end. Frozen, the collector never walks it:
        # left in the youngest generation, the next two collections would each walk all of it
        # (25 ms at 50,000 questions).
        gc.freeze()
        return bank
    finally:
        if paused:
            gc.enable()


def _decks(rows: Iterable[tuple[Any, ...]]) -> list[Deck]:
    from quiz.core.model import Deck, Evidence, Kind, Question

    new = object.__new__
    kinds = {kind.value: kind for kind in Kind}
    paths = _Paths({None: None})
    decks = []
    for deck_id, title, description, articles, origin, deck_source, question_rows in rows:
        questions = []
        for (
            qid,
            kind,
            prompt,
            answer,
            evidence,
            explanation,
            tags,
            difficulty,
            alternatives,
            distractors,
            tolerance,
            unit,
            status,
            deck,
            source,
            line,
        ) in question_rows:
            # What unpickling does: a bare instance, its fields written into its __dict__
            # (a frozen dataclass's __init__ pays a call of object.__setattr__ per field).
            q = new(Question)
            fields = q.__dict__
            fields["id"] = qid
            fields["kind"] = kinds[kind]
            fields["prompt"] = prompt
            fields["answer"] = answer
            fields["evidence"] = _evidence(evidence, Evidence) if evidence else ()
            fields["explanation"] = explanation
            fields["tags"] = tags
            fields["difficulty"] = difficulty
            fields["alternatives"] = alternatives
            fields["distractors"] = distractors
            fields["tolerance"] = tolerance
            fields["unit"] = unit
            fields["status"] = status
            fields["deck"] = deck
            fields["source"] = paths[source]
            fields["line"] = line
            questions.append(q)
        decks.append(Deck(deck_id, title, tuple(questions), description, articles, origin, paths[deck_source]))
    return decks


def _evidence(pairs: Iterable[tuple[str, str]], evidence: type[Evidence]) -> tuple[Evidence, ...]:
    out = []
    for article, quote in pairs:
        e = object.__new__(evidence)
        e.__dict__.update(article=article, quote=quote)
        out.append(e)
    return tuple(out)


def _articles(rows: Iterable[tuple[Any, ...]]) -> dict[str, Article]:
    from quiz.core.model import Article

    return {art_id: Article(art_id, Path(path), *rest) for art_id, path, *rest in rows}


class _Paths(dict):
    """File name (or None) -> Path (or None), each Path made once: a deck's questions share their deck's."""

    def __missing__(self, name: str) -> Path:
        path = self[name] = Path(name)
        return path


# --------------------------------------------------------------------------- writing


def _store(path: Path, key: str, bank: Bank) -> None:
    try:
        # Each blob once more from a copy of itself: marshal marks every value that something else
        # also holds as one it may meet again, which at first is all of them (the bank holds them).
        # In the copy only the values that do repeat are held twice, and loading skips keeping
        # track of the rest: it reads the file about a fifth faster.
        outline = Outline.of(bank)
        decks = tuple((d.id, d.title, tuple(sorted(d.active)), d.count, d.drafts) for d in outline.decks)
        first = _dumps_shared((key, decks, outline.tags))
        questions = _dumps_shared(_rows(bank))
        index = marshal.dumps((key, _index(bank)), _MARSHAL_VERSION)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = FORMAT + len(first).to_bytes(_LENGTH, "big") + _checksum(first) + first
        _write(path, head + _checksum(questions) + questions)
        _write(_index_path(path), INDEX_FORMAT + _checksum(index) + index)
        _trim(path.parent, MAX_BYTES)
    except (OSError, ValueError):
        pass  # a read-only cache folder (or a value marshal cannot write) only costs start-up time


def _dumps_shared(value: Any) -> bytes:
    return marshal.dumps(marshal.loads(marshal.dumps(value, _MARSHAL_VERSION)), _MARSHAL_VERSION)


def _index_path(bank_file: Path) -> Path:
    """The index beside a cached bank (not named bank-*: it goes with its bank, see _trim)."""
    return bank_file.with_name("index-" + bank_file.name.removeprefix("bank-"))


def _write(path: Path, data: bytes) -> None:
    """Write under a temporary name, then rename: a reader sees the old file or the new one, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bank-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _index(bank: Bank) -> tuple[tuple[Any, ...], ...]:
    return tuple((q.id, q.deck, q.kind.value, q.tags, q.status, q.prompt) for q in bank.questions)


def _trim(folder: Path, limit: int) -> None:
    """Remove the least recently used banks until the rest fit in `limit` bytes (the newest always stays)."""
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith("bank-"):  # also any left by an earlier version (bank-*.pickle)
            with contextlib.suppress(OSError):  # another quiz removed it meanwhile
                st = entry.stat()
                found.append((st.st_mtime_ns, st.st_size, entry.path))
    total = 0
    for n, (_used, size, name) in enumerate(sorted(found, reverse=True)):
        total += size
        if n and total > limit:
            Path(name).unlink(missing_ok=True)
            _index_path(Path(name)).unlink(missing_ok=True)


def _rows(bank: Bank) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The bank as tuples of str, int, float, bool and None: what marshal writes and reads fastest.

    A value that repeats (a tag, a file name, an explanation) is written once and shared when
    read, which makes the file smaller and loading it faster.
    """
    shared: dict[tuple[type, object], Any] = {}

    def one(value: Any) -> Any:
        return shared.setdefault((type(value), value), value) if type(value) in (str, tuple) else value

    def name(path: Path | None) -> str | None:
        return None if path is None else one(str(path))

    decks = tuple(
        (
            d.id,
            d.title,
            d.description,
            one(d.articles),
            d.origin,
            name(d.source),
            tuple(
                (
                    q.id,
                    q.kind.value,
                    q.prompt,
                    one(q.answer),
                    tuple((one(e.article), e.quote) for e in q.evidence),
                    one(q.explanation),
                    one(q.tags),
                    q.difficulty,
                    one(q.alternatives),
                    one(q.distractors),
                    q.tolerance,
                    one(q.unit),
                    one(q.status),
                    one(q.deck),
                    name(q.source),
                    q.line,
                )
                for q in d.questions
            ),
        )
        for d in bank.decks
    )
    articles = tuple((a.id, str(a.path), a.title, a.summary, a.place, a.date, a.outlet) for a in bank.articles.values())
    return decks, articles


def _checksum(body: bytes | memoryview) -> bytes:
    return zlib.crc32(body).to_bytes(_CHECKSUM, "big")
