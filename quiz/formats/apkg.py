"""Anki notes to questions and back (pure Python: the package file itself is read in quiz.data.anki_package).

A quiz question goes to Anki as one note of the note type "quiz question" (fields below); coming back,
that note type gives the question again, a Basic-family note gives a recall question (front -> back),
and a Cloze note gives one gap question per cloze number. Other note types are reported, never guessed.
"""

from __future__ import annotations

import html
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from quiz.core.model import GAP_MARK, Article, Deck, Kind, Question, format_answer
from quiz.core.problems import Problem
from quiz.formats.common import Reading, accept, html_to_text, imported, number_text, tags_from

FIELDS = (
    "Prompt",
    "Options",
    "Answer",
    "Accepted",
    "Explanation",
    "Evidence",
    "Article",
    "Kind",
    "Tolerance",
    "Unit",
    "Difficulty",
    "Id",
)
"""The fields of the note type "quiz question"; a note type whose fields start with these is read as ours."""

MODEL_NAME = "quiz question"
MODEL_ID = 1_518_907_347
"""Fixed for good: Anki knows a note type by its id, so a later export must reuse it."""

FRONT = """<div class="prompt">{{Prompt}}</div>
{{#Options}}<div class="options">{{Options}}</div>{{/Options}}"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}{{#Unit}} {{Unit}}{{/Unit}}{{#Tolerance}} (± {{Tolerance}}){{/Tolerance}}</div>
{{#Accepted}}<div class="accepted">Also accepted: {{Accepted}}</div>{{/Accepted}}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
{{#Evidence}}<div class="evidence">{{Evidence}}</div>{{/Evidence}}
{{#Article}}<div class="article">{{Article}}</div>{{/Article}}"""
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.answer { font-weight: bold; }
.explanation, .accepted { margin-top: 0.8em; }
.evidence { margin-top: 0.8em; font-style: italic; }
.article { margin-top: 0.4em; font-size: 0.8em; opacity: 0.8; }"""

STOCK_BASIC = (1, 2, 3, 4)  # Anki's original stock kinds: Basic, and reversed, optional reversed, type in the answer
STOCK_BASIC_OPTIONAL = 3  # its third field, "Add Reverse", only says whether to make the reverse card
STOCK_CLOZE = 5

_MEDIA = re.compile(r"(?i)<(?:img|audio|video|object|embed)\b|\[sound:[^\]]*\]")
_BLOCKS = r"(?:div|p|li|tr|h[1-6]|ul|ol|table|blockquote)"
# A block's end and the next one's start are one line break, as a browser shows them.
_BLOCK = re.compile(rf"(?i)(?:</{_BLOCKS}>\s*)+(?:<{_BLOCKS}\b[^>]*>)?|<{_BLOCKS}\b[^>]*>")
_HIDDEN = re.compile(r"(?is)<(style|script)\b[^>]*>.*?</\1\s*>|\[sound:[^\]]*\]|\[anki:[^\]]*\].*?\[/anki:[^\]]*\]")
_MARKUP = re.compile(r"[<&\[]")
_ITEM = re.compile(r"(?is)<li\b[^>]*>(.*?)</li>")
_CLOZE = re.compile(r"\{\{c(\d+)::|::|\}\}")
_GAP_TOKEN = "\x00gap\x00"
_ANKI_MARKUP = re.compile(r"\[(?=sound:|anki:|latex\]|\$\]|\$\$\])")


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class NoteType:
    """What an Anki note type says about itself: enough to tell whether quiz can read its notes."""

    id: int
    name: str
    fields: tuple[str, ...]
    cloze: bool
    stock: int = 0  # Anki's "original stock kind"; 0 when unknown (older Anki, or a note type made by hand)

    @property
    def family(self) -> str:
        """'quiz', 'basic' or 'cloze' when quiz can read its notes, else ''."""
        if self.fields[: len(FIELDS)] == FIELDS and not self.cloze:  # fields added in Anki are left out
            return "quiz"
        if self.cloze:
            return "cloze" if self.stock in (0, STOCK_CLOZE) else ""
        if self.fields[:2] == ("Front", "Back"):
            return "basic"
        # Anki's stock Basic types with their fields renamed (as a translated Anki names them), not a
        # note type made from Basic and given other fields: that one's notes say no more which is the answer.
        if self.stock in STOCK_BASIC and len(self.fields) == (3 if self.stock == STOCK_BASIC_OPTIONAL else 2):
            return "basic"
        return ""


@dataclass(frozen=True)
class Note:
    """One Anki note: its fields as Anki stores them (HTML), its tags, and which of its cards are suspended."""

    id: int
    type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...] = ()
    cards: frozenset[int] = frozenset()  # card ordinals (for a cloze: cloze number - 1)
    suspended: frozenset[int] = frozenset()


def read_notes(notes: Iterable[Note], source: Path, reading: Reading | None = None) -> Reading:
    """Questions from Anki notes, in the order given; notes of other note types are reported once per type."""
    reading = reading or Reading()
    skipped: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        family = note.type.family
        if not family:
            skipped[note.type.id].append(note)
            continue
        if _MEDIA.search("".join(note.fields)):
            _note(reading, source, note, "images and sounds are not imported (quiz shows text only)")
        if family == "quiz":
            _quiz_note(note, source, reading)
        elif family == "basic":
            _basic_note(note, source, reading)
        else:
            _cloze_note(note, source, reading)
    for group in skipped.values():
        first, kind = group[0], "cloze" if group[0].type.cloze else "standard"
        more = f" and {len(group) - 1} more" if len(group) > 1 else ""
        message = (
            f"note type '{first.type.name}' ({kind}, fields {', '.join(first.type.fields)}) is neither Basic nor "
            f"Cloze, so quiz cannot tell question from answer; {_notes(len(group))} skipped"
        )
        reading.problems.append(Problem(source, 0, message, f"note {first.id}{more}"))
    return reading


def _notes(n: int) -> str:
    return f"{n} note{'' if n == 1 else 's'}"


def _note(reading: Reading, source: Path, note: Note, message: str) -> None:
    reading.notes.append(Problem(source, 0, message, f"note {note.id}"))


def field_text(value: str, exact: bool = False) -> str:
    """The text of an Anki field: blocks and breaks become new lines, tags and media go, entities resolve.

    `exact`: a field quiz wrote, so spaces are kept as they were; otherwise they fold as a browser shows them.
    """
    if not _MARKUP.search(value):  # most fields are plain text: the quick way (a 50,000-note deck)
        return value.strip() if exact else " ".join(value.split())
    value = _BLOCK.sub("<br>", _HIDDEN.sub("", value))
    if exact:
        value = re.sub(r"(?i)<br\s*/?>", "\n", value)
        return html.unescape(re.sub(r"<[^>]*>", "", value)).strip()
    value = re.sub(r"\s+", " ", value)  # raw white space in HTML is one space
    lines = [" ".join(line.split()) for line in html_to_text(value).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _items(value: str) -> list[str]:
    """The entries of a list field that quiz wrote (`<li>` items), else its lines."""
    found = _ITEM.findall(value)
    items = [field_text(x, exact=True) for x in found] if found else field_text(value).split("\n")
    return [x for x in items if x]


def _tags(note: Note, source: Path, reading: Reading) -> tuple[str, ...]:
    tags, extra = tags_from(note.tags)
    if extra:
        _note(reading, source, note, f"only 3 tags are kept; left out: {', '.join(extra)}")
    return tags


def _draft(note: Note, ordinal: int | None = None) -> str:
    """Suspended in Anki means not studied: such a question comes in as a draft."""
    if ordinal is not None:
        return "draft" if ordinal in note.suspended else "active"
    return "draft" if note.cards and note.cards <= note.suspended else "active"


def _basic_note(note: Note, source: Path, reading: Reading) -> None:
    front, back = (list(note.fields) + ["", ""])[:2]
    for i, value in enumerate(note.fields[2:], 2):
        if field_text(value) and not (note.type.stock == STOCK_BASIC_OPTIONAL and i == 2):
            _note(reading, source, note, "fields past Front and Back are not imported")
            break
    q = imported(
        source,
        0,
        Kind.RECALL,
        field_text(front),
        field_text(back),
        tags=_tags(note, source, reading),
        status=_draft(note),
    )
    accept(q, reading, f"note {note.id} ({note.type.name})")


def _quiz_note(note: Note, source: Path, reading: Reading) -> None:
    """A note quiz exported: every field comes back but the evidence (an imported deck cites no article)."""
    f = dict(zip(FIELDS, note.fields, strict=False))
    where = f"note {note.id} ({note.type.name})"
    kind_text = field_text(f.get("Kind", ""), exact=True).lower()
    try:
        kind = Kind(kind_text)
    except ValueError:
        message = f"{where}: the Kind field {kind_text!r} is not one of {', '.join(k.value for k in Kind)}; fix it"
        reading.problems.append(Problem(source, 0, message))
        return
    answer_text = field_text(f.get("Answer", ""), exact=True)
    answer: str | bool | float = answer_text
    try:
        if kind is Kind.TRUEFALSE:
            if answer_text.lower() not in ("true", "false"):
                raise ValueError("the answer of a true/false question must be True or False")
            answer = answer_text.lower() == "true"
        elif kind is Kind.NUMBER:
            answer = _number(answer_text, "answer")
        tolerance = _number(field_text(f.get("Tolerance", ""), exact=True) or "0", "tolerance")
        difficulty_text = field_text(f.get("Difficulty", ""), exact=True) or "1"
        if not difficulty_text.isdigit():
            raise ValueError(f"the difficulty {difficulty_text!r} must be 1, 2 or 3")
    except ValueError as exc:
        reading.problems.append(Problem(source, 0, f"{where}: {exc}; fix it in Anki and export again"))
        return
    options = _items(f.get("Options", "")) if kind is not Kind.TRUEFALSE else []
    right = format_answer(answer)
    distractors = list(options)
    if right in distractors:
        distractors.remove(right)
    elif kind is Kind.CHOICE:
        reading.problems.append(Problem(source, 0, f"{where}: the answer {right!r} is not among the options; fix it"))
        return
    if any(field_text(v) for v in note.fields[len(FIELDS) :]):
        _note(reading, source, note, "fields added in Anki are not imported")
    if field_text(f.get("Evidence", ""), exact=True):
        _note(reading, source, note, "evidence left out (an imported deck is not checked against articles)")
    q = imported(
        source,
        0,
        kind,
        field_text(f.get("Prompt", ""), exact=True),
        answer,
        alternatives=_items(f.get("Accepted", "")),
        distractors=distractors,
        tolerance=tolerance,
        unit=field_text(f.get("Unit", ""), exact=True),
        explanation=field_text(f.get("Explanation", ""), exact=True),
        tags=_tags(note, source, reading),
        difficulty=int(difficulty_text),
        status=_draft(note),
    )
    accept(q, reading, where)


def _number(text: str, what: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"the {what} {text!r} is not a number") from None


# --------------------------------------------------------------------------- cloze


@dataclass
class _Cloze:
    number: int
    parts: list[str | _Cloze]
    hint: list[str | _Cloze] | None = None


def _parse_cloze(text: str) -> list[str | _Cloze] | None:
    """The field as text and (nested) clozes `{{c1::answer::hint}}`; None when a cloze is left open."""
    root: list[str | _Cloze] = []
    stack: list[_Cloze] = []
    current = root
    at = 0
    for m in _CLOZE.finditer(text):
        current.append(text[at : m.start()])
        at = m.end()
        token = m.group(0)
        if m.group(1):
            cloze = _Cloze(int(m.group(1)), [])
            current.append(cloze)
            stack.append(cloze)
            current = cloze.parts
        elif token == "::" and stack and stack[-1].hint is None:
            stack[-1].hint = []
            current = stack[-1].hint
        elif token == "}}" and stack:
            stack.pop()
            current = (stack[-1].hint if stack[-1].hint is not None else stack[-1].parts) if stack else root
        else:
            current.append(token)
    current.append(text[at:])
    return None if stack else root


def _numbers(parts: list[str | _Cloze]) -> set[int]:
    out: set[int] = set()
    for p in parts:
        if isinstance(p, _Cloze):
            out |= {p.number} | _numbers(p.parts)
    return out


def _render(parts: list[str | _Cloze], number: int, answers: list[tuple[str, str]]) -> str:
    """The field as card `number` asks it: its clozes blanked (answers and hints collected), the others shown."""
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        elif p.number == number:
            answers.append((_render(p.parts, number, []), _render(p.hint or [], number, [])))
            out.append(_GAP_TOKEN)
        else:
            out.append(_render(p.parts, number, answers))
    return "".join(out)


def _cloze_note(note: Note, source: Path, reading: Reading) -> None:
    """One gap question per cloze number; the other fields (Back Extra) become the explanation."""
    where = f"note {note.id} ({note.type.name})"
    at = next((i for i, v in enumerate(note.fields) if "{{c" in v), 0)
    parts = _parse_cloze(note.fields[at]) if note.fields else None
    if parts is None:
        reading.problems.append(Problem(source, 0, f"{where}: a cloze '{{{{c1::...' is never closed with '}}}}'"))
        return
    numbers = sorted(_numbers(parts))
    if not numbers:
        reading.problems.append(Problem(source, 0, f"{where}: the cloze note has no cloze ({{{{c1::...}}}}); skipped"))
        return
    extra = "\n".join(t for i, v in enumerate(note.fields) if i != at and (t := field_text(v)))
    tags = _tags(note, source, reading)
    for n in numbers:
        answers: list[tuple[str, str]] = []
        # The gap is marked before the HTML goes, so a '___' already in the text is never taken for it.
        text = field_text(_render(parts, n, answers))
        if len(answers) != 1:
            message = f"{where}: cloze c{n} has {len(answers)} blanks; a gap question has one, so c{n} is skipped"
            reading.problems.append(Problem(source, 0, message))
            continue
        answer, hint = (field_text(x) for x in answers[0])
        prompt = text.replace(_GAP_TOKEN, GAP_MARK + (f" ({hint})" if hint else ""))
        q = imported(source, 0, Kind.GAP, prompt, answer, explanation=extra, tags=tags, status=_draft(note, n - 1))
        accept(q, reading, f"{where}, cloze c{n}")


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Card:
    """One question as an Anki note of the type "quiz question"."""

    question_id: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    suspended: bool


def field(text: str) -> str:
    """Text as an Anki field shows it literally: HTML escaped, Anki's own [sound:]/[latex] markup defused."""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return _ANKI_MARKUP.sub("&#91;", escaped)


def _list(items: Iterable[str], tag: str = "ol") -> str:
    inner = "".join(f"<li>{field(x)}</li>" for x in items)
    return f"<{tag}>{inner}</{tag}>" if inner else ""


def options(q: Question) -> list[str]:
    """All options of a question with wrong ones, the right one at a place fixed by its id (stable exports)."""
    if q.kind is Kind.TRUEFALSE:
        return ["True", "False"]
    if not q.distractors:
        return []
    at = zlib.crc32(q.id.encode("utf-8")) % (len(q.distractors) + 1)
    out = list(q.distractors)
    out.insert(at, format_answer(q.answer))
    return out


def card(q: Question, articles: Mapping[str, Article]) -> Card:
    """The note for one question: prompt, options, answer, explanation, evidence and its article."""
    answer = number_text(q.answer) if isinstance(q.answer, float) else format_answer(q.answer)
    cited = [articles[a] for a in q.articles if a in articles]
    article = "<br>".join(field(" · ".join(x for x in (a.title, a.outlet, a.date) if x)) for a in cited)
    values = {
        "Prompt": field(q.prompt),
        "Options": _list(options(q)),
        "Answer": field(answer),
        "Accepted": _list(q.alternatives, "ul"),
        "Explanation": field(q.explanation),
        "Evidence": "".join(f"<blockquote>{field(e.quote)}</blockquote>" for e in q.evidence),
        "Article": article or field(", ".join(q.articles)),
        "Kind": q.kind.value,
        "Tolerance": number_text(q.tolerance) if q.tolerance else "",
        "Unit": field(q.unit),
        "Difficulty": str(q.difficulty),
        "Id": field(q.id),
    }
    return Card(q.id, tuple(values[name] for name in FIELDS), tuple(q.tags), q.is_draft)


def cards(deck: Deck, articles: Mapping[str, Article]) -> list[Card]:
    """Every question of the deck as a note; drafts are written with their cards suspended."""
    return [card(q, articles) for q in deck.questions]
