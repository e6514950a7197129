"""CSV and TSV: one question per row.

With a header row the columns are named (see COLUMNS; names ignore case, spaces and `_`, and the
repeatable ones may be numbered: `distractor1`, `Wrong answer 2`). Without one, two columns are
the term-TAB-definition layout Anki and Quizlet export (recall questions: term -> definition),
and three or more are question, answer, wrong options. Anki's `#separator:`, `#html:`,
`#columns:` and `#... column:` header lines and Excel's `sep=;` line are understood.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from pathlib import Path

from quiz.core.model import GAP_MARK, Deck, Kind, Question
from quiz.core.problems import Problem
from quiz.core.text import parse_number
from quiz.formats import limits
from quiz.formats.common import (
    DEFAULT_DIFFICULTY,
    Reading,
    Writing,
    accept,
    html_to_text,
    imported,
    number_text,
    tags_from,
)

COLUMNS = {
    "prompt": ("question", "prompt", "front", "term", "text", "questiontext"),
    "answer": ("answer", "correct", "correctanswer", "right", "rightanswer", "back", "definition"),
    "alternative": ("alternative", "alternatives", "accepted", "alsoaccepted", "acceptedanswer", "otheranswer"),
    "distractor": ("distractor", "distractors", "wrong", "wronganswer", "incorrect", "incorrectanswer"),
    "kind": ("kind", "type", "questiontype"),
    "explanation": ("explanation", "feedback", "generalfeedback"),
    "tags": ("tags", "tag"),
    "difficulty": ("difficulty",),
    "tolerance": ("tolerance",),
    "unit": ("unit",),
    "status": ("status",),
    "id": ("id",),
}
"""Role -> the header names that mean it. `alternative` and `distractor` take any number of columns."""

REPEATED = ("alternative", "distractor")
_NAMES = {name: role for role, names in COLUMNS.items() for name in names}

KINDS = {
    **{k.value: k for k in Kind},
    "multichoice": Kind.CHOICE,
    "multiplechoice": Kind.CHOICE,
    "mc": Kind.CHOICE,
    "mcq": Kind.CHOICE,
    "shortanswer": Kind.RECALL,
    "typed": Kind.RECALL,
    "cloze": Kind.GAP,
    "missingword": Kind.GAP,
    "fillintheblank": Kind.GAP,
    "tf": Kind.TRUEFALSE,
    "truefalse": Kind.TRUEFALSE,
    "boolean": Kind.TRUEFALSE,
    "numerical": Kind.NUMBER,
    "numeric": Kind.NUMBER,
}
TRUTH = {"true": True, "t": True, "yes": True, "1": True, "false": False, "f": False, "no": False, "0": False}

_ANKI = re.compile(
    r"^#(separator|html|columns|tags|notetype|deck|guid column|notetype column|deck column|tags column|if matches)"
    r"\s*:(.*)$",
    re.IGNORECASE,
)
_EXCEL_SEP = re.compile(r"^sep=(.)$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}


def read_csv(text: str, source: Path, reading: Reading | None = None) -> Reading:
    return read(text, source, None, reading)


def read_tsv(text: str, source: Path, reading: Reading | None = None) -> Reading:
    return read(text, source, "\t", reading)


def read(text: str, source: Path, delimiter: str | None, reading: Reading | None = None) -> Reading:
    """Every row of a CSV or TSV file; each bad row is reported with its line and left out."""
    reading = reading or Reading()
    directives: dict[str, str] = {}
    skip = at = 0
    while at < len(text):  # header lines one by one: splitting the whole file would copy it
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        anki, excel = _ANKI.match(line), _EXCEL_SEP.match(line)
        if anki:
            directives[anki.group(1).lower()] = anki.group(2).strip()
        elif excel:
            directives["separator"] = excel.group(1)
        else:
            break
        skip, at = skip + 1, end + 1
    body = text[at:] if at else text
    if "separator" in directives:
        name = directives["separator"]
        delimiter = SEPARATORS.get(name.lower(), name[:1] or ",")
    elif delimiter is None:
        delimiter = _sniff(body, source, skip, reading)
    as_html = directives.get("html", "").lower() == "true"
    rows = _rows(body, delimiter, source, skip, reading)
    roles, layout = _layout(rows, directives, delimiter, source, reading)
    if roles is None:
        return reading
    rows = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    reading.counted(len(rows), source, lambda i: rows[i][0])
    extra_noted = False
    for line, cells in rows:
        cells = [html_to_text(c) if as_html else c.strip() for c in cells]
        if not any(cells):
            continue
        here = roles if layout != "headerless" else ["prompt", "answer", *["distractor"] * (len(cells) - 2)]
        if len(cells) > len(here) and any(cells[len(here) :]) and not extra_noted:
            reading.notes.append(
                Problem(source, line, "has more cells than there are columns; the extra cells are ignored")
            )
            extra_noted = True
        term_and_definition = layout == "fields" or (layout == "headerless" and not any(cells[2:]))
        named = {i: role for i, role in enumerate(here) if role}
        _row(cells, named, line, source, reading, forced=Kind.RECALL if term_and_definition else None)
    return reading


def _sniff(body: str, source: Path, skip: int, reading: Reading) -> str:
    """',' unless the first line has more ';' or tabs (as European spreadsheets write)."""
    first = next((line for line in body.split("\n") if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    if best != "," and counts[best] > counts[","]:
        name = "';'" if best == ";" else "tabs"
        reading.notes.append(Problem(source, skip + 1, f"cells are read as separated by {name}, not commas"))
        return best
    return ","


def _rows(body: str, delimiter: str, source: Path, skip: int, reading: Reading) -> list[tuple[int, list[str]]]:
    """The rows with the line each starts on; no more than a header and one past the limit (that is refused)."""
    rows: list[tuple[int, list[str]]] = []
    filled, most = 0, limits.MAX_QUESTIONS + 2
    # Lines one by one from the text, not through io.StringIO: that would hold a copy of the
    # file at four bytes a character.
    lines = (m.group() for m in _LINE.finditer(body))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    before = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            reading.problems.append(Problem(source, skip + before + 1, _csv_error(str(exc))))
            before = reader.line_num
            continue
        rows.append((skip + before + 1, row))
        before = reader.line_num
        filled += any(c.strip() for c in row)
        if filled == most:
            break
    return rows


def _csv_error(message: str) -> str:
    if "field larger than field limit" in message:
        longest, limit = f"{csv.field_size_limit():,} characters", f"{limits.MAX_FIELD_CHARS:,}"
        return f"a cell is longer than {longest}, over the limit of {limit} for one field; shorten it"
    if "end of data" in message:
        return 'a quoted cell that starts on this line is never closed; close it with " (write a quote inside as "")'
    if "expected after" in message:
        return 'text follows a closing quote; put the whole cell in quotes and write each quote inside it as ""'
    return f"cannot be read ({message}); fix the row"


def _role(name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", name.casefold())
    if key in _NAMES:
        return _NAMES[key]
    role = _NAMES.get(key.rstrip("0123456789"))
    return role if role in REPEATED else None


def _layout(
    rows: list[tuple[int, list[str]]], directives: dict[str, str], delimiter: str, source: Path, reading: Reading
) -> tuple[list[str | None] | None, str]:
    """The role of each column, and how rows are laid out: 'header', 'fields' (Anki) or 'headerless'."""
    if not rows:
        reading.problems.append(Problem(source, 1, "has no rows; nothing to import"))
        return None, ""
    line, first = rows[0]
    if "columns" in directives:
        names, where, layout = next(csv.reader([directives["columns"]], delimiter=delimiter)), 1, "header"
    elif {"prompt", "answer"} <= {_role(c) for c in first}:
        names, where, layout = first, line, "header"
        del rows[0]
    elif any(k.endswith("column") for k in directives):
        return _anki_fields(first, directives, source, reading), "fields"
    else:
        return [], "headerless"
    roles: list[str | None] = []
    for name in names:
        role = _role(name)
        if role is None and name.strip():
            reading.notes.append(Problem(source, where, f"column '{name.strip()}' is ignored; {_known(name)}"))
        elif role in roles and role not in REPEATED:
            reading.notes.append(Problem(source, where, f"a second '{name.strip()}' column is ignored"))
            role = None
        roles.append(role)
    if "prompt" not in roles or "answer" not in roles:
        reading.problems.append(Problem(source, where, "the header needs a question column and an answer column"))
        return None, ""
    return roles, layout


def _known(name: str) -> str:
    near = difflib.get_close_matches(re.sub(r"[^a-z0-9]", "", name.casefold()), list(_NAMES), n=1)
    if near:
        return f"did you mean '{near[0]}'?"
    return "the columns quiz reads are " + ", ".join(names[0] for names in COLUMNS.values())


def _anki_fields(first: list[str], directives: dict[str, str], source: Path, reading: Reading) -> list[str | None]:
    """Anki's notes export: fields in order, with guid, note type, deck and tags in numbered columns."""
    special: dict[int, str | None] = {}
    for key in ("guid column", "notetype column", "deck column", "tags column"):
        if key in directives and directives[key].isdigit():
            special[int(directives[key]) - 1] = "tags" if key == "tags column" else None
    roles: list[str | None] = []
    fields = iter(["prompt", "answer"])
    for i in range(len(first)):
        roles.append(special[i] if i in special else next(fields, None))
    if sum(1 for i in range(len(first)) if i not in special) > 2:
        reading.notes.append(Problem(source, 1, "only the first two fields of each note are imported (front, back)"))
    return roles


def _row(
    cells: list[str], roles: dict[int, str], line: int, source: Path, reading: Reading, forced: Kind | None
) -> None:
    one: dict[str, str] = {}
    many: dict[str, list[str]] = {"alternative": [], "distractor": [], "tags": []}
    for i, role in roles.items():
        cell = cells[i] if i < len(cells) else ""
        if role in REPEATED:
            if cell:
                many[role].append(cell)
        elif role == "tags":
            many["tags"] += [t for t in re.split(r"[\s,;]+", cell) if t]
        elif role != "id":
            one.setdefault(role, cell)
    problems: list[str] = []
    prompt, answer = one.get("prompt", ""), one.get("answer", "")
    kind = _kind(one, many, forced, problems)
    value: str | bool | float = answer
    tolerance = 0.0
    if kind is Kind.TRUEFALSE:
        truth = TRUTH.get(answer.casefold())
        if truth is None:
            problems.append(f"the answer '{answer}' is not true or false; write true or false")
        value = bool(truth)
    elif kind is Kind.NUMBER:
        value = _number(answer, "the answer", problems)
        if one.get("tolerance"):
            tolerance = _number(one["tolerance"], "the tolerance", problems)
    elif one.get("tolerance") or one.get("unit"):
        problems.append("a tolerance and a unit are only for number questions; clear them or set the kind to number")
    difficulty = DEFAULT_DIFFICULTY
    if one.get("difficulty"):
        if one["difficulty"] in ("1", "2", "3"):
            difficulty = int(one["difficulty"])
        else:
            problems.append(f"the difficulty '{one['difficulty']}' must be 1, 2 or 3")
    status = one.get("status", "").casefold() or "active"
    if status not in ("active", "draft"):
        problems.append(f"the status '{status}' must be active or draft (or empty)")
    tags, dropped = tags_from(many["tags"])
    if dropped:
        reading.notes.append(Problem(source, line, f"only 3 tags are kept; left out: {', '.join(dropped)}"))
    if problems:
        reading.problems.append(Problem(source, line, "; ".join(problems)))
        return
    q = imported(
        source,
        line,
        kind,
        prompt,
        value,
        alternatives=many["alternative"],
        distractors=many["distractor"],
        tolerance=tolerance,
        unit=one.get("unit", "") if kind is Kind.NUMBER else "",
        explanation=one.get("explanation", ""),
        tags=tags,
        difficulty=difficulty,
        status=status,
    )
    accept(q, reading)


def _kind(one: dict[str, str], many: dict[str, list[str]], forced: Kind | None, problems: list[str]) -> Kind:
    named = one.get("kind", "")
    if named:
        kind = KINDS.get(re.sub(r"[^a-z]", "", named.casefold()))
        if kind is None:
            problems.append(f"unknown kind '{named}'; use one of {', '.join(k.value for k in Kind)}")
            return Kind.RECALL
        return kind
    if forced:
        return forced
    if one.get("tolerance") or one.get("unit"):
        return Kind.NUMBER
    if many["distractor"]:
        return Kind.RECALL if many["alternative"] else Kind.CHOICE
    if one.get("answer", "").casefold() in ("true", "false"):
        return Kind.TRUEFALSE
    if one.get("prompt", "").count(GAP_MARK) == 1:
        return Kind.GAP
    return Kind.RECALL


def _number(text: str, what: str, problems: list[str]) -> float:
    try:
        value = float(text)
    except ValueError:
        value = parse_number(text) if text else None  # type: ignore[assignment]
    if value is None or not math.isfinite(value):
        problems.append(f"{what} '{text}' is not a number; write it like 250000 or 2.5")
        return 0.0
    return float(value)


# --------------------------------------------------------------------------- writing


def write(deck: Deck) -> Writing:
    """The deck as CSV with a header row; every field but evidence has a column."""
    alternatives = max((len(q.alternatives) for q in deck.questions), default=0)
    distractors = max((len(q.distractors) for q in deck.questions), default=0)
    header = ["id", "kind", "question", "answer"]
    header += [f"alternative{i + 1}" for i in range(alternatives)]
    header += [f"distractor{i + 1}" for i in range(distractors)]
    header += ["tolerance", "unit", "explanation", "tags", "difficulty", "status"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    out = Writing("", 0)
    for q in deck.questions:
        writer.writerow(_cells(q, alternatives, distractors))
        out.written += 1
        if q.evidence:
            out.notes["questions whose evidence quotes are left out (CSV has no column for them)"] += 1
    out.text = buffer.getvalue()
    return out


def _cells(q: Question, alternatives: int, distractors: int) -> list[str]:
    if isinstance(q.answer, bool):
        answer = "true" if q.answer else "false"
    elif isinstance(q.answer, float):
        answer = number_text(q.answer)
    else:
        answer = q.answer
    cells = [q.id, q.kind.value, q.prompt, answer]
    cells += [*q.alternatives, *[""] * (alternatives - len(q.alternatives))]
    cells += [*q.distractors, *[""] * (distractors - len(q.distractors))]
    tolerance = number_text(q.tolerance) if q.kind is Kind.NUMBER and q.tolerance else ""
    cells += [tolerance, q.unit, q.explanation, " ".join(q.tags), str(q.difficulty), q.status]
    return cells
