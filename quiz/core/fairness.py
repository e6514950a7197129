"""Fairness of a bank: no question gives away another, no option pattern gives away the key, no label ages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quiz.core.bank import LineIndex
from quiz.core.model import GAP_MARK, Bank, Deck, Kind, Question
from quiz.core.problems import Problem
from quiz.core.text import fold, loose, numbers_in, shorten

TIME_WORDS = re.compile(
    r"\b(latest|most recent|recent(?:ly)?|this (?:week|month|year)|last (?:week|night|month)|next week"
    r"|yesterday|today|tonight|tomorrow)\b",
    re.IGNORECASE,
)
"""Words whose meaning changes with the day a question is read."""

_PARTS = re.compile(r",\s*then\s+|;\s*|,\s*(?:and\s+)?|\s+and\s+|:\s*")
_ORDER = re.compile(r",\s*then\s+")

LONGER_RATIO = 1.5
"""A key this many times as long as the longest distractor stands out..."""
LONGER_BY = 4
"""...when it is also this many words longer."""


@dataclass(frozen=True)
class Finding:
    """One fairness warning about question `question`, at its key `field`."""

    question: Question
    field: str
    message: str


def fairness(bank: Bank) -> list[Problem]:
    """Every fairness warning in the bank, one Problem each, pointing at file, line and question."""
    out: list[Problem] = []
    indexes = {d.id: _index(d.source) for d in bank.decks}
    positions = {q.id: i for d in bank.decks for i, q in enumerate(d.questions)}
    for finding in findings(bank):
        q = finding.question
        lines = indexes.get(q.deck)
        line = lines.key(positions[q.id], finding.field) if lines else q.line
        out.append(Problem(q.source or Path(q.deck), line, finding.message, q.id, severity="warning"))
    out.sort(key=lambda p: (str(p.file), p.line))
    return out


def findings(bank: Bank) -> list[Finding]:
    """Leaks between questions, option patterns and time-relative words, in bank order."""
    found: list[Finding] = []
    drawn = {d.id: _drawn_from(d) for d in bank.decks}
    answers: dict[tuple[str, ...], AnswerIndex] = {}
    for deck in bank.decks:
        # A deck is studied alongside itself and every deck drawn from one of its articles (the
        # cross-article deck with each article's deck): answers must not leak within that group.
        group = tuple(d.id for d in bank.decks if d.id == deck.id or drawn[deck.id] & drawn[d.id])
        if group not in answers:
            answers[group] = AnswerIndex(q for d in bank.decks if d.id in group for q in d.active)
        for q in deck.active:
            found += answers[group].leaks(q)
            found += option_patterns(q)
            found += time_words(q)
    return found


def _drawn_from(deck: Deck) -> set[str]:
    return set(deck.articles) | {a for q in deck.questions for a in q.articles}


# --------------------------------------------------------------------------- leaks


class AnswerIndex:
    """The answers of a set of questions, looked up by the runs of words of a text (fast for big decks)."""

    def __init__(self, questions: Iterable[Question]) -> None:
        self.forms: dict[str, list[tuple[Question, str]]] = {}
        self.numbers: dict[float, list[Question]] = {}
        for q in questions:
            if q.kind is Kind.NUMBER and isinstance(q.answer, float) and abs(q.answer) >= 100:
                self.numbers.setdefault(q.answer, []).append(q)
                continue
            for form in answer_forms(q):
                self.forms.setdefault(_words(form), []).append((q, form))
        self.longest = max((len(k.split()) for k in self.forms), default=0)

    def shown_in(self, text: str) -> list[tuple[Question, str]]:
        """(question, form of its answer) for every answer that `text` shows, first form first."""
        words = _words(text).split()
        hits = [
            hit
            for i in range(len(words))
            for j in range(i + 1, min(i + self.longest, len(words)) + 1)
            for hit in self.forms.get(" ".join(words[i:j]), ())
        ]
        hits += [(q, q.answer_text) for value in numbers_in(text) for q in self.numbers.get(value, ())]
        return hits

    def leaks(self, q: Question) -> list[Finding]:
        """Where `q`'s prompt, or text every one of its options shares, holds another question's answer."""
        shown = [("prompt", q.prompt)]
        options = _options(q)
        if len(options) >= 2:
            shown.append(("distractors", " / ".join(_common_parts(options))))
        out: list[Finding] = []
        seen = {q.id}
        for field, text in shown:
            for other, form in self.shown_in(text):
                if other.id in seen or fold(other.answer_text) == fold(q.answer_text):
                    continue
                seen.add(other.id)
                where = "the prompt shows" if field == "prompt" else "every option says"
                out.append(
                    Finding(
                        q,
                        field,
                        f"{where} '{shorten(form, 40)}', the answer to {other.id}; "
                        "reword one of the two so that neither gives the other away",
                    )
                )
        return out


def leaks(q: Question, others: Iterable[Question]) -> list[Finding]:
    """Where `q`'s prompt, or text every one of its options shares, holds the answer of one of `others`."""
    return AnswerIndex(others).leaks(q)


def answer_forms(q: Question) -> list[str]:
    """The texts whose sight would give `q` away: its answer and alternatives, specific enough to matter."""
    if q.kind is Kind.TRUEFALSE:
        return []
    if q.kind is Kind.NUMBER:
        return [q.answer_text] if isinstance(q.answer, float) and abs(q.answer) >= 100 else []
    forms = [q.answer_text, *q.alternatives]
    if q.kind is Kind.GAP and GAP_MARK in q.prompt:
        # A common word is a leak only in its own phrase: "the ___ of Aleppo" leaks as "bombing of Aleppo".
        before, after = q.prompt.split(GAP_MARK, 1)
        left = " ".join(fold(before).split()[-2:])
        right = " ".join(fold(after).split()[:2])
        context = [f"{left} {fold(f)}" for f in forms if left] + [f"{fold(f)} {right}" for f in forms if right]
        evidence = " ".join(loose(e.quote) for e in q.evidence)
        return context + [f for f in forms if _name(f, evidence)]
    evidence = " ".join(loose(e.quote) for e in q.evidence)
    return [f for f in forms if _specific(f, evidence)]


def _specific(form: str, evidence: str) -> bool:
    """Several words, a figure, or a name."""
    words = fold(form).split()
    if len(words) >= 2 or any(c.isdigit() for c in form):
        return len(fold(form)) >= 4
    return _name(form, evidence)


def _name(form: str, evidence: str) -> bool:
    """A name of four letters or more, capitalised where the evidence writes it ("Homs", not "terror")."""
    if len(fold(form)) < 4:
        return False
    written = re.search(rf"\b{re.escape(loose(form))}", evidence, re.IGNORECASE)
    return bool(written and written.group()[0].isupper())


# --------------------------------------------------------------------------- option patterns


def option_patterns(q: Question) -> list[Finding]:
    """Ways the options point at the key without the article: the modal option, a long key, an odd form."""
    options = _options(q)
    if len(options) < 3:
        return []
    key, distractors = options[0], options[1:]
    out = []
    if modal := modal_key(key, distractors):
        out.append(Finding(q, "distractors", modal))
    if longer := longer_key(key, distractors):
        out.append(Finding(q, "distractors", longer))
    if odd := odd_form(key, distractors):
        out.append(Finding(q, "distractors", odd))
    return out


def parts(option: str) -> list[str]:
    """The parts of a composite option; an order ("A, then B") keeps each part's place."""
    if _ORDER.search(option):
        return [f"{i}:{fold(p)}" for i, p in enumerate(_ORDER.split(option))]
    return [fold(p) for p in _PARTS.split(option) if fold(p)]


def modal_key(key: str, distractors: Sequence[str]) -> str:
    """A warning when the key shares more parts with the other options than any distractor does."""
    split = [parts(o) for o in (key, *distractors)]
    if len(split[0]) < 2 or sum(len(s) >= 2 for s in split) < 3:
        return ""
    counts = Counter(p for s in split for p in set(s))
    # How often an option's parts recur in the other options: more parts alone earn nothing.
    scores = [sum(counts[p] - 1 for p in set(s)) for s in split]
    if all(scores[0] > s for s in scores[1:]):
        return (
            "the key is the option whose parts recur most among the options, so it can be picked without the article; "
            "balance the distractors so each part is right as often as it is wrong"
        )
    return ""


def longer_key(key: str, distractors: Sequence[str]) -> str:
    """A warning when the key is notably longer than every distractor."""
    words = len(key.split())
    longest = max(len(d.split()) for d in distractors)
    if words >= LONGER_RATIO * longest and words - longest >= LONGER_BY:
        return (
            f"the key has {words} words, every distractor {longest} or fewer; "
            "give the distractors the same detail or trim the key"
        )
    return ""


def odd_form(key: str, distractors: Sequence[str]) -> str:
    """A warning when all the distractors share a form the key lacks (the same first word, a figure)."""
    for name, form in _FORMS:
        mine = form(key)
        theirs = {form(d) for d in distractors}
        if len(theirs) == 1 and mine not in theirs and None not in theirs:
            return f"every distractor {name} and the key does not; vary the distractors or match the key's form to them"
    return ""


def _words(text: str) -> str:
    """fold() with possessives dropped, so "Iran's" shows "Iran"."""
    return fold(re.sub(r"['\u2019]s\b", "", text))


def _first_word(text: str) -> str | None:
    words = fold(text).split()
    return words[0] if words else None


_FORMS = (
    ("starts with the same word", _first_word),
    ("has a figure in it", lambda t: any(c.isdigit() for c in t) or None),
)


# --------------------------------------------------------------------------- time words


def time_words(q: Question) -> list[Finding]:
    """A warning for each prompt word that ages ("latest", "this week"), unless its evidence says it too."""
    evidence = " ".join(loose(e.quote) for e in q.evidence).casefold()
    found = {m.group().casefold() for m in TIME_WORDS.finditer(loose(q.prompt))}
    ageing = sorted(w for w in found if w not in evidence)
    if not ageing:
        return []
    words = ", ".join(f"'{w}'" for w in ageing)
    return [
        Finding(
            q,
            "prompt",
            f"the prompt says {words}, which is wrong once newer news exists; name the event by its date or content",
        )
    ]


# --------------------------------------------------------------------------- helpers


def _options(q: Question) -> list[str]:
    """The key first, then the distractors, for a question that can be asked as multiple choice."""
    if q.kind is Kind.TRUEFALSE or not q.distractors:
        return []
    return [q.answer_text, *q.distractors]


def _common_parts(options: Sequence[str]) -> list[str]:
    """Parts that every option shares: a learner reads them as given, whichever option is right."""
    sets = [set(parts(o)) for o in options]
    common = set.intersection(*sets) if sets else set()
    return sorted(p.split(":", 1)[-1] for p in common)


def _index(source: Path | None) -> LineIndex | None:
    if source is None or not source.is_file():
        return None
    return LineIndex(source.read_text(encoding="utf-8-sig"), "questions")
