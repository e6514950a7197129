"""Questions whose feedback tells another's answer: a session keeps them apart.

After an answer the learner reads the explanation and the evidence. When those name another
question's answer ("Chapter 7 … authorizes the use of military force or sanctions"), that other
question is no longer a question in the same session.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quiz.core.text import fold

if TYPE_CHECKING:
    from quiz.core.model import Question


class Feedback:
    """Each question's folded feedback and answer, worked out once per session draw."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, str]] = {}

    def _of(self, q: Question) -> tuple[str, str]:
        if q.id not in self._texts:
            from quiz.core.model import Kind  # the bank's classes: home is drawn before any is needed

            text = f" {fold(' '.join([q.explanation, *(e.quote for e in q.evidence)]))} "
            key = "" if q.kind is Kind.TRUEFALSE else fold(q.answer_text)  # "true" is no giveaway
            self._texts[q.id] = (text, f" {key} " if key else "")
        return self._texts[q.id]

    def gives_away(self, a: Question, b: Question) -> bool:
        """Does reading `a`'s feedback (explanation and evidence) tell `b`'s answer, as whole words?"""
        key = self._of(b)[1]
        return bool(key) and key in self._of(a)[0]

    def clash(self, a: Question, b: Question) -> bool:
        return self.gives_away(a, b) or self.gives_away(b, a)


def keep_apart(chosen: Sequence[Question], pool: Sequence[Question], rng: random.Random) -> list[Question]:
    """`chosen`, in order, with each question that clashes with an earlier one (either's feedback
    gives away the other's answer) replaced by one of `pool` that clashes with none. When the pool
    has no such question left (a session of a whole small deck), the question stays: a session
    that silently shrank would be worse than a hint."""
    feedback = Feedback()
    spare: list[Question] | None = None  # shuffled only at the first clash: most draws have none
    kept: list[Question] = []
    for q in chosen:
        if any(feedback.clash(q, k) for k in kept):
            if spare is None:
                taken = {c.id for c in chosen}
                spare = [c for c in pool if c.id not in taken]
                rng.shuffle(spare)
            while spare:
                other = spare.pop()
                if not any(feedback.clash(other, k) for k in kept):
                    q = other
                    break
        kept.append(q)
    return kept
