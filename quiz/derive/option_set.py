"""The options a draft shows: three of the key's kind and form, none another way of writing the key or another option.

Multiple choice is held to more: its key must be a name the article shows to be one, its three
options must look like the key (no option stands out by its form), and its prompt must read on its
own, without leaning on the sentence before. A choice draft that cannot have all that is dropped:
a teacher would rather have fewer questions than a give-away.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quiz.core.fairness import longer_key, modal_key, odd_form
from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.distractors import Option, named_person, same_person
from quiz.derive.gazetteer import gazetteer
from quiz.derive.mentions import Analysis, fold
from quiz.derive.ranker import shape

SHOWN = 3
LONGEST = 35
"""Words a choice prompt may have: a longer one is a paragraph to read, not a question."""
# Words that tie a prompt to what came before it: 'Afterwards, who ...', 'On the next series, who ...',
# 'Who looked shaky again?', 'this time from ...'.
_LEANS_BACK = re.compile(
    r"\b(?:afterwards?|next|again|restart|subsequently|meanwhile|this time|the same|that day|in response|"
    r"in turn|by then|as well|too|such an?)\b",
    re.I,
)
# A pronoun outside a quotation that stands for something the prompt never names.
_BACK_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this|these|those)\b", re.I)
_QUOTED = re.compile(r'"[^"]*"?|\u201c[^\u201d]*\u201d?')


def variant(a: Option | str, b: Option | str, type_: str) -> bool:
    """Two ways of writing one thing: 'Blair' and 'Mr Blair', 'Nusra Front' and 'Islamist Nusra Front',
    'Spokeswoman' and 'spokesperson'."""
    x, y = (o.text if isinstance(o, Option) else o for o in (a, b))
    if type_ == "person" and same_person(x, y):
        return True
    fx, fy = fold(x), fold(y)
    if not fx or not fy:
        return True
    if f" {fx} " in f" {fy} " or f" {fy} " in f" {fx} ":
        return True
    if type_ == "title":
        *rx, lx = fx.split()
        *ry, ly = fy.split()
        return rx == ry and lx[:6] == ly[:6] and len(lx) >= 6  # 'Spokeswoman', 'spokesperson': one post
    return False


def settle(c: Candidate, a: Analysis) -> Candidate | None:
    """The candidate with at most three options, those most like the key first; None for a choice draft
    that cannot show three options fit to stand beside its key, or whose prompt does not stand alone."""
    type_ = c.atype[0]
    kept: list[Option] = []
    for o in c.options:
        if variant(o, c.answer_text, type_) or any(variant(o, k, type_) for k in kept):
            continue
        if c.template == "who-is" and not _holds_a_post(o.text, a):
            continue  # 'Who is Tunisia's goalkeeper?': a player the article gives no post is a give-away
        kept.append(o)
    key_shape = shape(c.answer_text)
    alike = [o for o in kept if shape(o.text) == key_shape]
    ordered = (alike + [o for o in kept if shape(o.text) != key_shape])[:SHOWN]
    if not _named(c, a):
        return None  # 'Who ...?' of a club or a commission: no person, whatever its options
    if c.kind is Kind.CHOICE and (len(alike) < SHOWN or not stands_alone(c.prompt) or _gives_away(c, ordered)):
        return None
    if tuple(ordered) == c.options:
        return c
    return replace(c, options=tuple(ordered))


def stands_alone(prompt: str) -> bool:
    """Does the prompt read on its own: short enough, with no 'afterwards' and no stray 'it' pointing back?"""
    plain = _QUOTED.sub(" ", prompt)
    return len(prompt.split()) <= LONGEST and not (_LEANS_BACK.search(plain) or _BACK_PRONOUN.search(plain))


def _named(c: Candidate, a: Analysis) -> bool:
    """A person key the article shows to be a person: 'Real' (a club) is not one to ask 'Who ...?' of."""
    if c.atype[0] != "person":
        return True
    ent = a.entities.get(c.key)
    return ent is not None and named_person(ent, a, gazetteer())


def _holds_a_post(name: str, a: Analysis) -> bool:
    return any(e.roles for e in a.of_type("person") if e.key == name or name in e.forms)


def _gives_away(c: Candidate, options: list[Option]) -> bool:
    """Would the options point at the key without the article (the checks `quiz check` warns of)?"""
    key, others = c.answer_text, [o.text for o in options]
    return bool(modal_key(key, others) or longer_key(key, others) or odd_form(key, others))
