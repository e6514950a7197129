"""A title shown above a question with the question's own answer taken out of it.

An article's title often names the person or place a question about it asks for ("Putin signs new
sanctions" over "Who signed the sanctions?"), or the very phrase that tells the key from its
distractors ("... over chemical weapons" over "The use of chemical weapons" among "The use of barrel
bombs", ...). Shown as the question's header, such a title gives the answer away, so those words are
replaced by "…" there; the rest of the title still says which article the question is about.
"""

from __future__ import annotations

import re

from quiz.core.elide import ELLIPSIS
from quiz.core.fairness import answer_forms
from quiz.core.model import Kind, Question
from quiz.core.text import fold

_GLUE = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "over", "the", "to", "with"]
)
"""Words a telling run of an answer neither starts nor ends with: alone they tell nothing."""
_TOKEN = re.compile(r"\w+(?:['\u2019](?!s\b)\w+)*")  # a word with its apostrophes ("d'Ivoire"), not a possessive


def without_answer(title: str, q: Question) -> str:
    """`title` with every run of words that spells one of `q`'s answers (any case or accent) as "…"."""
    forms = [words for form in answer_forms(q) if (words := _words(form).split())] + _telling_runs(q)
    if not forms:
        return title
    tokens = [(m.start(), m.end(), _words(m.group())) for m in _TOKEN.finditer(title)]
    tokens = [t for t in tokens if t[2]]  # words fold() drops entirely ("the") are passed over, not matched
    folded = [" ".join(t[2].split()) for t in tokens]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        match = max((_spells(folded, i, f) for f in forms), default=0)
        if match:
            spans.append((tokens[i][0], tokens[i + match - 1][1]))
            i += match
        else:
            i += 1
    for start, end in reversed(spans):
        title = title[:start] + ELLIPSIS + title[end:]
    return title


def _words(text: str) -> str:
    """fold() with possessives dropped, as fairness compares answers: "Putin's" shows "Putin"."""
    return fold(re.sub(r"['\u2019]s\b", "", text))


def _telling_runs(q: Question) -> list[list[str]]:
    """Runs of two or more of the answer's words that no distractor has: what tells the key apart."""
    if q.kind in (Kind.TRUEFALSE, Kind.NUMBER):
        return []
    others = [f" {' '.join(_words(d).split())} " for d in q.distractors]
    runs = []
    for answer in (q.answer_text, *q.alternatives):
        words = _words(answer).split()
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                run = words[i:j]
                if run[0] in _GLUE or run[-1] in _GLUE or any(f" {' '.join(run)} " in d for d in others):
                    continue
                runs.append(run)
    return runs


def _spells(folded: list[str], at: int, form: list[str]) -> int:
    """How many of the title's words from `at` on spell `form` exactly (0: they do not)."""
    # A word can fold to several ("O'Brien" -> "o brien"), so the comparison is word by word.
    words: list[str] = []
    for used, token in enumerate(folded[at:], 1):
        words += token.split()
        if len(words) >= len(form):
            return used if words == form else 0
    return 0
