"""Prove a bank is grounded: every question is backed by the text of its article."""

from __future__ import annotations

from pathlib import Path

from quiz.core.bank import ARTICLES_FILE, LineIndex, read_bank
from quiz.core.model import Bank, Kind, Question
from quiz.core.problems import Problem
from quiz.core.text import contains_quote, fold, loose, numbers_in, shorten


def check_bank(path: Path, seeds: Path | None = None) -> tuple[Bank, list[Problem]]:
    """Validate the bank, then its grounding; returns the bank and every problem found."""
    bank, problems = read_bank(path, seeds)
    texts = _CitedTexts(bank)
    # An article whose catalogue entry is broken is reported once, not once per question.
    broken = {p.question for p in problems if p.file.name == ARTICLES_FILE}
    for deck in bank.decks:
        lines = _lines(deck.source)
        for i, q in enumerate(deck.questions):
            if broken & set(q.articles):
                continue
            for field, message in grounding(q, texts, bank):
                line = lines.key(i, field) if lines else q.line
                problems.append(Problem(q.source or Path(deck.id), line, message, q.id))
    problems.sort(key=lambda p: (str(p.file), p.line))
    return bank, problems


class _CitedTexts(dict[str, str]):
    """Each article's text as evidence is matched against it, read when a question first cites it.

    `quiz add` checks one new deck against a library of every article added before: reading them all
    made each add slower than the one before.
    """

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def __missing__(self, article: str) -> str:
        text = self[article] = loose(self.bank.articles[article].read())
        return text


def ungrounded(bank: Bank) -> list[Question]:
    """Questions that cite no evidence (imported ones may): valid, but nothing proves their answers."""
    return [q for q in bank.questions if not q.evidence]


def _lines(source: Path | None) -> LineIndex | None:
    if source is None:
        return None
    return LineIndex(source.read_text(encoding="utf-8-sig"), "questions")


def grounding(q: Question, texts: dict[str, str], bank: Bank) -> list[tuple[str, str]]:
    """(field, message) for each way `q` is not supported by its articles or is ill-formed."""
    out: list[tuple[str, str]] = []
    for ev in q.evidence:
        if ev.article not in bank.articles:
            known = ", ".join(sorted(bank.articles))
            hint = f"known: {known}" if known else "no seeds/articles.toml beside the bank; pass --seeds DIR"
            out.append(("evidence", f"evidence cites unknown article '{ev.article}' ({hint})"))
        elif not contains_quote(texts[ev.article], ev.quote):
            out.append(
                (
                    "evidence",
                    f"evidence quote not found in article '{ev.article}': \"{shorten(loose(ev.quote), 60)}\"; "
                    "copy it exactly from the article",
                )
            )
    evidence = " ".join(loose(e.quote) for e in q.evidence)
    typed = q.kind in (Kind.RECALL, Kind.GAP) and isinstance(q.answer, str)
    if q.evidence and typed and loose(q.answer_text).casefold() not in evidence.casefold():
        out.append(("answer", f"the answer '{q.answer}' does not appear in the evidence"))
    numeric = q.kind is Kind.NUMBER and isinstance(q.answer, float)
    if q.evidence and numeric and not any(abs(n - float(q.answer)) <= q.tolerance for n in numbers_in(evidence)):
        out.append(("answer", f"the number {q.answer_text} does not appear in the evidence"))
    if q.kind is not Kind.TRUEFALSE:
        answer = fold(q.answer_text)
        if any(fold(d) == answer for d in q.distractors):
            out.append(("distractors", f"the answer '{q.answer_text}' is also among the distractors"))
        folded = [fold(d) for d in q.distractors]
        dupes = sorted({d for d in q.distractors if folded.count(fold(d)) > 1})
        if dupes:
            out.append(("distractors", f"distractors repeat after normalisation: {', '.join(dupes)}"))
        clash = [a for a in q.alternatives if fold(a) in folded]
        if clash:
            out.append(("alternatives", f"an accepted alternative is also a distractor: {', '.join(clash)}"))
    return out
