"""Classroom drills: a short code that gives every student the same quiz, and the item analysis.

A code packs the decks, the number of questions, the seed and the time limit into Crockford
base32 with a check character, e.g. `4G7Q-M2XD-91KA-Z`. The check character catches any single
mistyped character and any two neighbours swapped, so a typo is an error, never another quiz.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quiz.core.model import Bank
from quiz.core.selection import Mode, Options

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CHECK = ALPHABET + "*~$=U"  # 37 check symbols
VERSION = 1
MAX_DECKS = 63
LOOKALIKE = str.maketrans({"I": "1", "L": "1", "O": "0"})


class DrillCodeError(ValueError):
    """A code that cannot be used: mistyped, or made for other decks. The message says which."""


@dataclass(frozen=True)
class Drill:
    decks: tuple[str, ...]
    count: int
    seed: int
    time_limit: int | None = None  # seconds per question

    def options(self, code: str) -> Options:
        return Options(
            mode=Mode.DRILL,
            decks=self.decks,
            count=self.count,
            seed=self.seed,
            time_limit=self.time_limit,
            drill=code,
        )


def _fingerprint(bank: Bank) -> int:
    """12 bits that tell whether two machines see the same decks with the same questions."""
    text = "\n".join(
        f"{d.id}:{','.join(sorted(q.id for q in d.active))}" for d in sorted(bank.decks, key=lambda d: d.id)
    )
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:2], "big") >> 4


def _deck_ids(bank: Bank) -> list[str]:
    return sorted(d.id for d in bank.decks)


def encode(drill: Drill, bank: Bank) -> str:
    ids = _deck_ids(bank)
    if len(ids) > MAX_DECKS:
        raise DrillCodeError(f"a drill can use a bank of at most {MAX_DECKS} decks")
    unknown = [d for d in drill.decks if d not in ids]
    if unknown:
        raise DrillCodeError(f"no deck {', '.join(unknown)}")
    if not 1 <= drill.count <= 255:
        raise DrillCodeError("a drill has 1 to 255 questions")
    limit = drill.time_limit or 0
    if not 0 <= limit <= 1275 or limit % 5:
        raise DrillCodeError("the time limit is 5 to 1275 seconds, in steps of 5")
    mask = sum(1 << i for i, d in enumerate(ids) if d in drill.decks)
    fields = [
        (VERSION, 2),
        (_fingerprint(bank), 12),
        (len(ids), 6),
        (mask, len(ids)),
        (drill.count, 8),
        (drill.seed & 0xFFFF, 16),
        (limit // 5, 8),
    ]
    value, bits = 0, 0
    for number, width in fields:
        value, bits = (value << width) | number, bits + width
    value |= 1 << bits  # a leading 1 keeps leading zeros
    digits = []
    while value:
        digits.append(ALPHABET[value & 31])
        value >>= 5
    body = "".join(reversed(digits))
    whole = body + CHECK[int(_number(body) % 37)]
    return "-".join(whole[i : i + 4] for i in range(0, len(whole), 4))


def _number(body: str) -> int:
    value = 0
    for ch in body:
        value = value * 32 + ALPHABET.index(ch)
    return value


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper().translate(LOOKALIKE)


def decode(code: str, bank: Bank) -> Drill:
    """The drill a code stands for; DrillCodeError when it is mistyped or for other decks."""
    text = normalise(code)
    if len(text) < 5 or any(ch not in ALPHABET for ch in text[:-1]) or text[-1] not in CHECK:
        raise DrillCodeError(f"'{code}' is not a drill code; check it against the board")
    body, check = text[:-1], text[-1]
    value = _number(body)
    if CHECK[value % 37] != check:
        raise DrillCodeError(f"'{code}' has a typo (its check character does not match); check each character")
    bits = value.bit_length() - 1
    value &= (1 << bits) - 1

    def take(width: int) -> int:
        nonlocal value, bits
        bits -= width
        if bits < 0:
            raise DrillCodeError(f"'{code}' is too short to be a drill code; check it against the board")
        part = (value >> bits) & ((1 << width) - 1)
        return part

    version = take(2)
    if version != VERSION:
        raise DrillCodeError(f"'{code}' was made by another version of quiz; ask for a new code")
    fingerprint = take(12)
    n = take(6)
    mask = take(n)
    count, seed, limit = take(8), take(16), take(8)
    if bits != 0:
        raise DrillCodeError(f"'{code}' is not a drill code; check it against the board")
    ids = _deck_ids(bank)
    if n != len(ids) or fingerprint != _fingerprint(bank):
        raise DrillCodeError(
            f"'{code}' was made for a different set of decks than this machine has; "
            "make sure everyone has the same quiz version and library decks"
        )
    decks = tuple(d for i, d in enumerate(ids) if mask >> i & 1)
    return Drill(decks, count, seed, limit * 5 or None)


# ------------------------------------------------------------------ item analysis


@dataclass(frozen=True)
class Response:
    """One student's first answer to one drill question."""

    student: str
    question_id: str
    given: str
    correct: bool
    elapsed_ms: int


@dataclass(frozen=True)
class StudentResult:
    student: str
    answered: int
    correct: int
    elapsed_ms: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ItemResult:
    question_id: str
    answered: int
    facility: float  # share correct
    discrimination: float | None  # upper-group minus lower-group share correct (None: too few students)
    picks: dict[str, int] = field(default_factory=dict)  # answer given -> how many times


@dataclass(frozen=True)
class DrillReport:
    students: tuple[StudentResult, ...]  # ranked: accuracy first, then less time
    items: tuple[ItemResult, ...]


def analyse(responses: Iterable[Response], order: Sequence[str] = ()) -> DrillReport:
    """Rank students by accuracy then time, and analyse each question (facility, discrimination, picks)."""
    first: dict[tuple[str, str], Response] = {}
    for r in responses:
        first.setdefault((r.student, r.question_id), r)
    by_student: dict[str, list[Response]] = defaultdict(list)
    by_item: dict[str, list[Response]] = defaultdict(list)
    for r in first.values():
        by_student[r.student].append(r)
        by_item[r.question_id].append(r)
    students = sorted(
        (
            StudentResult(s, len(rs), sum(r.correct for r in rs), sum(r.elapsed_ms for r in rs))
            for s, rs in by_student.items()
        ),
        key=lambda s: (-s.accuracy, s.elapsed_ms, s.student),
    )
    # Upper and lower 27% of the class by total score (the classical discrimination index).
    ranked = [s.student for s in sorted(students, key=lambda s: (-s.correct, s.elapsed_ms))]
    k = max(round(len(ranked) * 0.27), 1)
    upper, lower = set(ranked[:k]), set(ranked[-k:])
    ids = list(dict.fromkeys([*order, *by_item]))
    items = []
    for qid in ids:
        rs = by_item.get(qid, [])
        if not rs:
            continue
        facility = sum(r.correct for r in rs) / len(rs)
        discrimination = None
        if len(ranked) >= 4:
            up = [r.correct for r in rs if r.student in upper]
            low = [r.correct for r in rs if r.student in lower]
            if up and low:
                discrimination = sum(up) / len(up) - sum(low) / len(low)
        picks = Counter(r.given for r in rs)
        items.append(ItemResult(qid, len(rs), facility, discrimination, dict(picks.most_common())))
    return DrillReport(tuple(students), tuple(items))
