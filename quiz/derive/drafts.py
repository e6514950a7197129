"""Review drafts in the learner's library: list, accept, reject and edit them (no UI here).

Drafts live in the library's derived decks (`library/questions/*.toml`) with `status = "draft"`;
accepting one rewrites its deck with the status set to active, rejecting one removes it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from quiz.core.bank import load_deck, read_bank
from quiz.core.check import grounding
from quiz.core.model import Bank, Deck, Question
from quiz.core.problems import Problem
from quiz.core.text import loose
from quiz.core.writer import dump_deck
from quiz.data.files import write_atomic
from quiz.data.library import library_questions, library_seeds

DECK_HEADER = "Drafted by `quiz derive` from an article in your library.\nReview with `quiz drafts`."


class DraftError(Exception):
    """A draft operation that cannot be done, with the reason and what to do."""


def library_bank(data_dir: Path) -> tuple[Bank, list[Problem]]:
    """The library's decks (empty when there are none yet)."""
    folder = library_questions(data_dir)
    if not folder.is_dir() or not any(folder.glob("*.toml")):
        return Bank((), {}), []
    return read_bank(folder, library_seeds(data_dir))


def list_drafts(data_dir: Path) -> list[Question]:
    """Every draft question in the library, deck by deck, in file order."""
    bank, _ = library_bank(data_dir)
    return [q for deck in bank.decks for q in deck.questions if q.is_draft]


def _find(bank: Bank, ids: list[str]) -> dict[str, Deck]:
    """The deck of each id; DraftError naming the ids that are not drafts in the library."""
    where: dict[str, Deck] = {}
    for deck in bank.decks:
        for q in deck.questions:
            if q.id in ids:
                where[q.id] = deck
    missing = [i for i in ids if i not in where]
    if missing:
        raise DraftError(f"no question with id {', '.join(missing)} in your library; see `quiz drafts list`")
    return where


def write_deck(deck: Deck, path: Path) -> None:
    """Write a deck file atomically (a crash never leaves half a deck)."""
    write_atomic(path, dump_deck(deck, DECK_HEADER))


def _rewrite(deck: Deck, questions: list[Question]) -> None:
    assert deck.source is not None
    if not questions:
        deck.source.unlink()  # an empty deck is not a valid deck; the article stays in the library
        return
    write_deck(replace(deck, questions=tuple(questions)), deck.source)


def accept(data_dir: Path, ids: list[str]) -> list[str]:
    """Make these drafts active (studied from now on); returns the ids that changed."""
    bank, _ = library_bank(data_dir)
    where = _find(bank, ids)
    changed: list[str] = []
    for deck in {id(d): d for d in where.values()}.values():
        questions = []
        for q in deck.questions:
            if q.id in where and q.is_draft:
                q = replace(q, status="active")
                changed.append(q.id)
            questions.append(q)
        _rewrite(deck, questions)
    return changed


def accept_deck(data_dir: Path, deck_id: str) -> list[str]:
    """Accept every draft of one library deck."""
    bank, _ = library_bank(data_dir)
    try:
        deck = bank.deck(deck_id)
    except KeyError:
        known = ", ".join(d.id for d in bank.decks) or "none yet; add one with `quiz add ARTICLE`"
        raise DraftError(f"no deck '{deck_id}' in your library (decks: {known})") from None
    return accept(data_dir, [q.id for q in deck.questions if q.is_draft]) if deck.questions else []


def reject(data_dir: Path, ids: list[str]) -> list[str]:
    """Remove these questions from their decks; returns the ids removed."""
    bank, _ = library_bank(data_dir)
    where = _find(bank, ids)
    for deck in {id(d): d for d in where.values()}.values():
        _rewrite(deck, [q for q in deck.questions if q.id not in where])
    return list(where)


def update(data_dir: Path, question: Question) -> Question:
    """Replace the question with the same id by this edited one, if it is still valid and grounded."""
    bank, _ = library_bank(data_dir)
    deck = _find(bank, [question.id])[question.id]
    assert deck.source is not None
    questions = [question if q.id == question.id else q for q in deck.questions]
    edited = replace(deck, questions=tuple(questions))
    problems: list[Problem] = []
    fd, tmp = tempfile.mkstemp(prefix=".edit-", suffix=".tmp", dir=deck.source.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(dump_deck(edited, DECK_HEADER))
        reloaded = load_deck(Path(tmp), problems)
    finally:
        Path(tmp).unlink(missing_ok=True)
    if reloaded is not None:
        texts = {a.id: loose(a.read()) for a in bank.articles.values()}
        new = next(q for q in reloaded.questions if q.id == question.id)
        problems += [Problem(deck.source, 0, msg, question.id) for _, msg in grounding(new, texts, bank)]
    if problems:
        raise DraftError("; ".join(p.message for p in problems))
    write_deck(edited, deck.source)
    return question


FEW_DRAFTS = "Only {count} drafts worth asking from this article"


def few_drafts_note(text: str, count: int) -> str:
    """'Only 2 drafts worth asking ...' when derive kept fewer drafts than an article of this length gives, else ''.

    Derive emits fewer than its floor rather than a draft a teacher would reject; the deck says so.
    """
    from quiz.derive.normalise import prose
    from quiz.derive.rank import floor_for
    from quiz.derive.sentences import split

    words = sum(len(s.text.split()) for s in split(prose(text).paragraphs))
    floor = floor_for(words)
    if count >= floor:
        return ""
    return FEW_DRAFTS.format(count=count) + f" (one of its length usually gives {floor}); review them before study."


def deck_note(deck: Deck) -> str:
    """The few-drafts note a derived deck was written with, or ''."""
    head = FEW_DRAFTS.split("{", 1)[0]
    return deck.description if deck.origin == "derived" and deck.description.startswith(head) else ""
