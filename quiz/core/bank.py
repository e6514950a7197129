"""Read and validate a question bank: TOML decks in a directory plus the article catalogue."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from quiz.core.model import GAP_MARK, Article, Bank, Deck, Evidence, Kind, Question
from quiz.core.problems import BankError, Problem
from quiz.core.seeds import default_seeds
from quiz.core.text import shorten

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A deck file larger than this is refused rather than parsed: split it into several decks."""

ARTICLES_FILE = "articles.toml"
MAX_OPTIONS = 9  # keys 1-9 choose an option

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

DECK_KEYS = {"id", "title", "description", "articles", "origin"}
ORIGINS = ("written", "derived", "imported")
QUESTION_KEYS = {
    "id",
    "kind",
    "prompt",
    "answer",
    "alternatives",
    "distractors",
    "tolerance",
    "unit",
    "evidence",
    "explanation",
    "tags",
    "difficulty",
    "status",
}
EVIDENCE_KEYS = {"article", "quote"}
ARTICLE_KEYS = {"id", "file", "title", "summary", "place", "date", "outlet"}
STATUSES = ("active", "draft")
_LARGEST = sys.float_info.max


# --------------------------------------------------------------------------- lines


class LineIndex:
    """Finds the line of a table or key in TOML text, since tomli gives values only."""

    def __init__(self, text: str, array: str) -> None:
        self.lines = text.splitlines()
        header = re.compile(r"^\s*\[\[\s*" + re.escape(array) + r"\s*\]\]")
        self.starts = [i + 1 for i, line in enumerate(self.lines) if header.match(line)]

    def item(self, index: int) -> int:
        """Line of the `[[array]]` header of item `index` (1-based line numbers)."""
        return self.starts[index] if index < len(self.starts) else 0

    def key(self, index: int | None, key: str, occurrence: int = 0) -> int:
        """Line where `key` is set inside item `index` (None: before the first item)."""
        if index is None:
            lo, hi = 1, (self.starts[0] if self.starts else len(self.lines) + 1)
        else:
            lo = self.item(index)
            if not lo:
                return 0
            hi = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lines) + 1
        pattern = re.compile(r"^\s*(?:" + re.escape(key) + r"\s*=|\[\[?[\w.\s]*\." + re.escape(key) + r"\s*\]\]?)")
        seen = 0
        for n in range(lo, hi):
            if pattern.match(self.lines[n - 1]):
                if seen == occurrence:
                    return n
                seen += 1
        return lo


# --------------------------------------------------------------------------- files


def read_toml(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    """Parse one TOML file, turning every way it can be unreadable into a Problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(path, 1, f"cannot be read ({exc.strerror or exc})"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                path,
                1,
                f"is {size / 1_048_576:.1f} MB, over the {MAX_FILE_BYTES // 1_048_576} MB limit "
                "for one file; split it into several decks",
            )
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"))
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        problems.append(Problem(path, 1, "is empty; a deck needs a [deck] table and questions"))
        return None
    import tomli  # imported here: a bank read from the cache never needs it (start-up speed)

    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", str(exc))
        line = getattr(exc, "lineno", 0) or 0
        col = getattr(exc, "colno", 0) or 0
        problems.append(Problem(path, line, f"TOML syntax error: {msg} (column {col})"))
    except RecursionError:  # tomli's own limit on nested arrays and inline tables
        problems.append(Problem(path, _line_of(text, _DEEP), "arrays or inline tables nest too deeply; flatten them"))
    except ValueError:  # Python reads no integer of more than 4,300 digits
        problems.append(Problem(path, _line_of(text, _LONG_NUMBER), "a number has thousands of digits; shorten it"))
    return None


_DEEP = re.compile(r"(?:[\[{][^\[\]{}\n]*){32}")  # 32 brackets opened on one line (tomli stops at 400)
_LONG_NUMBER = re.compile(r"\d[\d_]{4300,}")


def _line_of(text: str, pattern: re.Pattern[str]) -> int:
    """The line where `pattern` first matches (1 when it does not)."""
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


# --------------------------------------------------------------------------- fields


class _Fields:
    """Typed access to one table's values, recording a Problem for each bad one."""

    def __init__(
        self,
        table: dict[str, Any],
        path: Path,
        line_of: Callable[[str], int],
        problems: list[Problem],
        question: str = "",
    ) -> None:
        self.table, self.path, self.line_of = table, path, line_of
        self.problems, self.question = problems, question
        self.ok = True

    def fail(self, key: str, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.path, self.line_of(key), message, self.question))

    def unknown(self, allowed: set[str], what: str) -> None:
        for key in self.table:
            if key not in allowed:
                near = _close_match(key, sorted(allowed))
                hint = f"; did you mean '{near[0]}'?" if near else f"; allowed: {', '.join(sorted(allowed))}"
                self.fail(key, f"unknown key '{key}' in {what}{hint}")

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        if key not in self.table:
            if required:
                self.fail(key, f"missing '{key}' (a string)")
            return default
        value = self.table[key]
        if not isinstance(value, str):
            self.fail(key, f"'{key}' must be a string, not {_type(value)}")
            return default
        if required and not value.strip():
            self.fail(key, f"'{key}' is empty")
        return value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        if key not in self.table:
            if required:
                self.fail(key, f"missing '{key}' (a list of strings)")
            return ()
        value = self.table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"'{key}' must be a list of strings, not {_type(value)}")
            return ()
        if any(not v.strip() for v in value):
            self.fail(key, f"'{key}' has an empty entry")
        return tuple(value)


def _type(value: object) -> str:
    names = {str: "a string", bool: "true/false", int: "an integer", float: "a number"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)


def _close_match(word: str, choices: list[str]) -> list[str]:
    """The closest of `choices` to a misspelt `word` (empty when none is close)."""
    import difflib  # imported here: only a typo in a deck needs it

    return difflib.get_close_matches(word, choices, n=1)


# --------------------------------------------------------------------------- articles


def load_articles(seeds: Path, problems: list[Problem]) -> dict[str, Article]:
    """Read `seeds/articles.toml`; every file must exist inside `seeds/` and be UTF-8 text."""
    catalogue = seeds / ARTICLES_FILE
    if not catalogue.is_file():
        problems.append(Problem(catalogue, 1, "article catalogue not found"))
        return {}
    parsed = read_toml(catalogue, problems)
    if parsed is None:
        return {}
    data, text = parsed
    lines = LineIndex(text, "articles")
    articles: dict[str, Article] = {}
    if set(data) - {"articles"}:
        for key in set(data) - {"articles"}:
            problems.append(Problem(catalogue, 1, f"unknown top-level key '{key}'; expected [[articles]]"))
    entries = data.get("articles", [])
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(catalogue, 1, "no [[articles]] entries"))
        return {}
    root = seeds.resolve()
    for i, entry in enumerate(entries):
        f = _Fields(entry, catalogue, lambda k, i=i: lines.key(i, k), problems)
        f.unknown(ARTICLE_KEYS, "an article")
        art_id = f.text("id")
        f.question = art_id
        name = f.text("file")
        title = f.text("title")
        summary = f.text("summary")
        extra = {k: f.text(k, required=False) for k in ("place", "date", "outlet")}
        if art_id and not _ID.match(art_id):
            f.fail("id", f"article id '{art_id}' must be lowercase letters, digits, '-', '_' or '.'")
        if art_id in articles:
            f.fail("id", f"article id '{art_id}' is used twice")
        if not name:
            continue
        path = (seeds / name).resolve()
        if not path.is_relative_to(root):
            f.fail("file", f"article file '{name}' is outside the seeds folder; keep articles in it")
            continue
        if not path.is_file():
            f.fail("file", f"article file '{name}' does not exist in {seeds}")
            continue
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            f.fail("file", f"article file '{name}' is not UTF-8 text")
            continue
        if f.ok:
            articles[art_id] = Article(art_id, path, title, summary, **extra)
    return articles


# --------------------------------------------------------------------------- decks


def load_deck(path: Path, problems: list[Problem]) -> Deck | None:
    """Read one deck file; every problem in it is appended, not just the first."""
    parsed = read_toml(path, problems)
    if parsed is None:
        return None
    data, text = parsed
    lines = LineIndex(text, "questions")
    before = len(problems)
    for key in data:
        if key not in ("deck", "questions"):
            problems.append(
                Problem(path, lines.key(None, key), f"unknown top-level key '{key}'; expected [deck] and [[questions]]")
            )
    head = data.get("deck")
    if not isinstance(head, dict):
        problems.append(Problem(path, 1, "missing the [deck] table (id and title)"))
        head = {}
    d = _Fields(head, path, lambda k: lines.key(None, k), problems)
    if head:
        d.unknown(DECK_KEYS, "[deck]")
    deck_id = d.text("id")
    if deck_id and not _ID.match(deck_id):
        d.fail("id", f"deck id '{deck_id}' must be lowercase letters, digits, '-', '_' or '.'")
    title = d.text("title")
    description = d.text("description", required=False)
    deck_articles = d.texts("articles")
    origin = d.text("origin", required=False, default="written") or "written"
    if origin not in ORIGINS:
        d.fail("origin", f"origin '{origin}' must be one of {', '.join(ORIGINS)}")
    entries = data.get("questions", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Problem(path, 1, "'questions' must be written as [[questions]] tables"))
        entries = []
    if not entries:
        problems.append(Problem(path, 1, "the deck has no [[questions]]"))
    default_article = deck_articles[0] if len(deck_articles) == 1 else ""
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        q = _question(entry, i, path, lines, problems, default_article, origin, deck_id)
        if q is None:
            continue
        if q.id in seen:
            problems.append(
                Problem(path, q.line, f"duplicate id '{q.id}' (first at line {seen[q.id]}); ids must be unique", q.id)
            )
            continue
        seen[q.id] = q.line
        questions.append(q)
    if len(problems) > before:
        return None
    return Deck(deck_id, title, tuple(questions), description, deck_articles, origin, path)


def _question(
    entry: dict[str, Any],
    index: int,
    path: Path,
    lines: LineIndex,
    problems: list[Problem],
    default_article: str,
    origin: str,
    deck_id: str,
) -> Question | None:
    raw_id = entry.get("id")
    qid = raw_id if isinstance(raw_id, str) else f"#{index + 1}"
    f = _Fields(entry, path, lambda k: lines.key(index, k), problems, qid)
    f.unknown(QUESTION_KEYS, "a question")
    f.text("id")
    if isinstance(raw_id, str) and raw_id and not _ID.match(raw_id):
        f.fail("id", f"id '{raw_id}' must be lowercase letters, digits, '-', '_' or '.'")
    kind_name = f.text("kind")
    kind: Kind | None = None
    if kind_name:
        try:
            kind = Kind(kind_name)
        except ValueError:
            near = _close_match(kind_name, [k.value for k in Kind])
            hint = f"; did you mean '{near[0]}'?" if near else ""
            f.fail("kind", f"unknown kind '{kind_name}' (one of {', '.join(k.value for k in Kind)}){hint}")
    prompt = f.text("prompt")
    explanation = f.text("explanation")
    alternatives = f.texts("alternatives")
    distractors = f.texts("distractors")
    tags = f.texts("tags", required=True)
    for tag in tags:
        if not _TAG.match(tag):
            f.fail("tags", f"tag '{tag}' must be lowercase letters, digits and '-'")
    if "tags" in entry and not tags and isinstance(entry["tags"], list):
        f.fail("tags", "give at least one tag")
    status = f.text("status", required=False, default="active") or "active"
    if status not in STATUSES:
        f.fail("status", f"status '{status}' must be 'active' or 'draft'")
    difficulty = entry.get("difficulty")
    if difficulty is None:
        f.fail("difficulty", "missing 'difficulty' (1, 2 or 3)")
    elif isinstance(difficulty, bool) or not isinstance(difficulty, int) or difficulty not in (1, 2, 3):
        f.fail("difficulty", f"'difficulty' must be 1, 2 or 3, not {shorten(repr(difficulty), 24)}")
    evidence = _evidence(entry, f, default_article, required=origin != "imported")
    answer = _answer(entry, kind, f)
    tolerance, unit = 0.0, ""
    if kind is Kind.NUMBER:
        tol = entry.get("tolerance", 0)
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < _LARGEST:
            f.fail("tolerance", f"'tolerance' must be a number of 0 or more, not {shorten(repr(tol), 24)}")
        else:
            tolerance = float(tol)
        unit = f.text("unit", required=False)
    else:
        for key in ("tolerance", "unit"):
            if key in entry:
                f.fail(key, f"'{key}' is only for number questions")
    if kind is Kind.TRUEFALSE and distractors:
        f.fail("distractors", "true/false questions take no distractors")
    if kind is Kind.CHOICE and not distractors and "distractors" not in entry:
        f.fail("distractors", "a multiple-choice question needs 'distractors' (at least one)")
    if len(distractors) > MAX_OPTIONS - 1:
        f.fail("distractors", f"at most {MAX_OPTIONS - 1} distractors (options are chosen with keys 1-9)")
    if alternatives and kind not in (Kind.RECALL, Kind.GAP):
        f.fail("alternatives", "'alternatives' are only for recall and gap questions")
    if kind is Kind.GAP and prompt and prompt.count(GAP_MARK) != 1:
        f.fail("prompt", f"a gap prompt must contain the blank '{GAP_MARK}' exactly once")
    if not f.ok or kind is None or answer is None:
        return None
    return Question(
        id=qid,
        kind=kind,
        prompt=prompt,
        answer=answer,
        evidence=evidence,
        explanation=explanation,
        tags=tags,
        difficulty=difficulty,  # type: ignore[arg-type]
        alternatives=alternatives,
        distractors=distractors,
        tolerance=tolerance,
        unit=unit,
        status=status,
        deck=deck_id,
        source=path,
        line=lines.item(index),
    )


def _answer(entry: dict[str, Any], kind: Kind | None, f: _Fields) -> str | bool | float | None:
    if "answer" not in entry:
        f.fail("answer", "missing 'answer'")
        return None
    value = entry["answer"]
    if kind is Kind.TRUEFALSE:
        if not isinstance(value, bool):
            f.fail("answer", f"a true/false answer must be true or false (no quotes), not {_type(value)}")
            return None
        return value
    if kind is Kind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            f.fail("answer", f"a number answer must be a number (no quotes), not {_type(value)}")
            return None
        if not -_LARGEST < value < _LARGEST:  # an integer past this has no float: float() would overflow
            f.fail("answer", "a number answer must be finite (not inf or nan) and below 1e308")
            return None
        return float(value)
    if not isinstance(value, str):
        f.fail("answer", f"'answer' must be a string, not {_type(value)}")
        return None
    if not value.strip():
        f.fail("answer", "'answer' is empty")
        return None
    return value


def _evidence(entry: dict[str, Any], f: _Fields, default_article: str, *, required: bool) -> tuple[Evidence, ...]:
    value = entry.get("evidence")
    if value is None:
        if required:
            f.fail("evidence", "missing 'evidence' (the article sentence(s) that support the answer)")
        return ()
    if not isinstance(value, list) or not value:
        f.fail("evidence", "'evidence' must be a non-empty list of {article, quote} tables")
        return ()
    out: list[Evidence] = []
    for item in value:
        if not isinstance(item, dict):
            f.fail("evidence", f"each evidence entry must be a table {{article, quote}}, not {_type(item)}")
            continue
        for key in item:
            if key not in EVIDENCE_KEYS:
                f.fail("evidence", f"unknown key '{key}' in evidence; use 'article' and 'quote'")
        quote, article = item.get("quote"), item.get("article", default_article)
        if not isinstance(quote, str) or not quote.strip():
            f.fail("evidence", "each evidence entry needs a non-empty 'quote' string")
            continue
        if not isinstance(article, str) or not article:
            f.fail("evidence", "evidence needs 'article' (the deck lists more or fewer than one article)")
            continue
        out.append(Evidence(article, quote))
    return tuple(out)


# --------------------------------------------------------------------------- bank


def deck_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.toml") if p.is_file())


def outside(file: Path, folder: Path) -> Problem:
    """A deck file that is a link to a file outside the bank folder: a bank holds its decks, it does not point away."""
    message = (
        f"is a link to {file.resolve()}, outside the bank folder {folder}; "
        "copy the deck into the folder instead of linking to it"
    )
    return Problem(file, 0, message)


def read_bank(path: Path, seeds: Path | None = None) -> tuple[Bank, list[Problem]]:
    """Load every deck that is valid, and list the problems of the rest."""
    problems: list[Problem] = []
    if not path.exists():
        return Bank((), {}), [Problem(path, 0, "no such file or folder; pass a deck file or a folder of decks")]
    seeds = seeds or default_seeds(path)
    articles = load_articles(seeds, problems) if (seeds / ARTICLES_FILE).exists() else {}
    decks: list[Deck] = []
    files = deck_files(path)
    if not files:
        problems.append(Problem(path, 0, "no .toml deck files found"))
    root = path.resolve() if path.is_dir() else None
    for file in files:
        if root is not None and not file.resolve().is_relative_to(root):
            problems.append(outside(file, path))
            continue
        deck = load_deck(file, problems)
        if deck is not None:
            decks.append(deck)
    problems.extend(across_decks(decks))
    return Bank(tuple(sorted(decks, key=_deck_order(articles))), articles), problems


def _deck_order(articles: dict[str, Article]):
    """Single-article decks in the catalogue's order, then decks spanning articles, then the rest."""
    position = {art_id: i for i, art_id in enumerate(articles)}

    def key(deck: Deck) -> tuple[int, int, str]:
        if len(deck.articles) == 1 and deck.articles[0] in position:
            return (0, position[deck.articles[0]], deck.id)
        return (1 if deck.articles else 2, 0, deck.id)

    return key


def load_bank(path: Path, seeds: Path | None = None) -> Bank:
    """Load a bank, raising BankError with every problem when anything is wrong."""
    bank, problems = read_bank(path, seeds)
    if problems:
        raise BankError(problems)
    return bank


def across_decks(decks: Iterable[Deck]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Question] = {}
    deck_ids: dict[str, Deck] = {}
    for deck in decks:
        if deck.id in deck_ids and deck.source:
            problems.append(Problem(deck.source, 1, f"deck id '{deck.id}' is also used by {deck_ids[deck.id].source}"))
        deck_ids.setdefault(deck.id, deck)
        for q in deck.questions:
            if q.id in first and q.source:
                other = first[q.id]
                problems.append(
                    Problem(q.source, q.line, f"duplicate id '{q.id}' (also at {other.source}:{other.line})", q.id)
                )
            first.setdefault(q.id, q)
    return problems
