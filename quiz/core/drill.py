"""Classroom drills: a short code that gives every student the same quiz, signed hand-ins, item analysis.

A code packs the decks, the number of questions, the seed, the time limit and a random nonce into
Crockford base32, followed by three Reed-Solomon check characters, e.g. `6J70-T430-3143-0NF6-YY1C`.
Any two codewords differ in at least four characters, so every typo of one, two or three characters
(a swap of neighbours is two) is caught: a mistyped code is an error, never another drill.

Hand-in files (for classes without a network) are signed with HMAC-SHA256 under a key derived from
the whole code, which the file does not contain: an edited file, or one from another drill, fails.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quiz.core.model import Bank
from quiz.core.selection import Mode, Options

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
VERSION = 2
MAX_DECKS = 63
NONCE_BITS = 24
CHECKS = 3  # Reed-Solomon check characters: the code's minimum distance is CHECKS + 1
LOOKALIKE = str.maketrans({"I": "1", "L": "1", "O": "0"})


class DrillCodeError(ValueError):
    """A code that cannot be used: mistyped, or made for other decks. The message says which."""


@dataclass(frozen=True)
class Drill:
    decks: tuple[str, ...]
    count: int
    seed: int
    time_limit: int | None = None  # seconds per question
    nonce: int = 0  # random bits that make each drill's code, and its hand-in key, its own

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
        (drill.nonce & ((1 << NONCE_BITS) - 1), NONCE_BITS),
    ]
    value, bits = 0, 0
    for number, width in fields:
        value, bits = (value << width) | number, bits + width
    value |= 1 << bits  # a leading 1 keeps leading zeros
    digits = []
    while value:
        digits.append(value & 31)
        value >>= 5
    symbols = list(reversed(digits))
    whole = "".join(ALPHABET[s] for s in symbols + _checks(symbols))
    return "-".join(whole[i : i + 4] for i in range(0, len(whole), 4))


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper().translate(LOOKALIKE)


def decode(code: str, bank: Bank) -> Drill:
    """The drill a code stands for; DrillCodeError when it is mistyped or for other decks."""
    text = normalise(code)
    if not CHECKS + 2 <= len(text) <= _MAX_SYMBOLS or any(ch not in ALPHABET for ch in text):
        raise DrillCodeError(f"'{code}' is not a drill code; check it against the board")
    symbols = [ALPHABET.index(ch) for ch in text]
    if any(_syndromes(symbols)):
        raise DrillCodeError(f"'{code}' has a typo (its check characters do not match); check each character")
    value = 0
    for symbol in symbols[:-CHECKS]:
        value = value * 32 + symbol
    bits = value.bit_length() - 1
    value &= (1 << bits) - 1 if bits > 0 else 0

    def take(width: int) -> int:
        nonlocal bits
        bits -= width
        if bits < 0:
            raise DrillCodeError(f"'{code}' is too short to be a drill code; check it against the board")
        return (value >> bits) & ((1 << width) - 1)

    version = take(2)
    if version != VERSION:
        raise DrillCodeError(f"'{code}' was made by another version of quiz; ask for a new code")
    fingerprint = take(12)
    n = take(6)
    mask = take(n)
    count, seed, limit, nonce = take(8), take(16), take(8), take(NONCE_BITS)
    if bits != 0:
        raise DrillCodeError(f"'{code}' is not a drill code; check it against the board")
    ids = _deck_ids(bank)
    if n != len(ids) or fingerprint != _fingerprint(bank):
        raise DrillCodeError(
            f"'{code}' was made for a different set of decks than this machine has; "
            "make sure everyone has the same quiz version and library decks"
        )
    decks = tuple(d for i, d in enumerate(ids) if mask >> i & 1)
    return Drill(decks, count, seed, limit * 5 or None, nonce)


# ------------------------------------------------------------------ Reed-Solomon over GF(32)

_MAX_SYMBOLS = 31  # a Reed-Solomon code over GF(32) is at most 31 symbols long


def _tables() -> tuple[list[int], list[int]]:
    """Powers and logarithms of the generator a of GF(32), built from x^5 + x^2 + 1 (primitive)."""
    exp, log = [0] * 62, [0] * 32
    x = 1
    for i in range(31):
        exp[i] = exp[i + 31] = x
        log[x] = i
        x <<= 1
        if x & 32:
            x ^= 0b100101
    return exp, log


_EXP, _LOG = _tables()


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _generator() -> list[int]:
    """(x - a)(x - a^2)...(x - a^CHECKS), highest power first."""
    poly = [1]
    for i in range(1, CHECKS + 1):
        root = _EXP[i]
        poly = [a ^ _mul(b, root) for a, b in zip([*poly, 0], [0, *poly], strict=True)]
    return poly


_GENERATOR = _generator()


def _checks(symbols: Sequence[int]) -> list[int]:
    """The check symbols that make `symbols` a codeword: the remainder of m(x)·x^CHECKS by g(x)."""
    if len(symbols) + CHECKS > _MAX_SYMBOLS:
        raise DrillCodeError("this drill has too many decks to fit in a code; pick fewer decks")
    rest = [*symbols, *[0] * CHECKS]
    for i in range(len(symbols)):
        lead = rest[i]
        if lead:
            for j, g in enumerate(_GENERATOR):
                rest[i + j] ^= _mul(g, lead)
    return rest[-CHECKS:]


def _syndromes(symbols: Sequence[int]) -> list[int]:
    """The codeword evaluated at a, a^2, ...: all zero exactly when no check fails."""
    out = []
    for i in range(1, CHECKS + 1):
        acc = 0
        for s in symbols:
            acc = _mul(acc, _EXP[i]) ^ s
        out.append(acc)
    return out


# ------------------------------------------------------------------ signed hand-ins

HAND_IN_FORMAT = 2


class HandInError(ValueError):
    """A hand-in file that must not be counted; the message says why, in one line."""


def drill_id(code: str) -> str:
    """A name for the drill that can go in a file without giving away its code (and so its key)."""
    return hashlib.sha256(b"quiz drill id\0" + normalise(code).encode()).hexdigest()[:16]


def _key(code: str) -> bytes:
    return hashlib.sha256(b"quiz hand-in key\0" + normalise(code).encode()).digest()


def _canonical(payload: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in payload.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_hand_in(code: str, hand_in: str, responses: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A hand-in's content, signed: `hand_in` is its own random id, so a second copy is seen as one."""
    payload: dict[str, Any] = {
        "quiz_hand_in": HAND_IN_FORMAT,
        "drill": drill_id(code),
        "hand_in": hand_in,
        "responses": [dict(r) for r in responses],
    }
    payload["signature"] = hmac.new(_key(code), _canonical(payload), hashlib.sha256).hexdigest()
    return payload


def verify_hand_in(code: str, payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The responses of a signed hand-in for `code`; HandInError if it is for another drill or was altered."""
    if payload.get("quiz_hand_in") != HAND_IN_FORMAT:
        raise HandInError("it is not a signed hand-in from `quiz drill export` (an older quiz?); export it again")
    if payload.get("drill") != drill_id(code):
        raise HandInError("it belongs to another drill")
    expected = hmac.new(_key(code), _canonical(payload), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, str(payload.get("signature", ""))):
        raise HandInError("it was altered after it was exported (its signature does not match)")
    return [dict(r) for r in payload["responses"]]


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
    top_wrong: tuple[str, int] | None = None  # the wrong answer given most often, and how often


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
        wrong = Counter(r.given for r in rs if not r.correct).most_common(1)
        items.append(
            ItemResult(qid, len(rs), facility, discrimination, dict(picks.most_common()), wrong[0] if wrong else None)
        )
    return DrillReport(tuple(students), tuple(items))
