"""True/false statements: a sentence as written, or with one value swapped for one the article makes false.

A template group of the candidate Builder (candidates.py), which supplies `a`, `pools`, `rng`,
`content`, `article_dates` and `options`.
"""

from __future__ import annotations

import re

from quiz.core.model import Kind
from quiz.core.text import numbers_in
from quiz.derive.candidate import Candidate
from quiz.derive.figure_options import ceiling_for, date_options, number_options
from quiz.derive.figures import unit_after
from quiz.derive.giveaways import fair_swap, halved_or_doubled
from quiz.derive.mentions import Mention, content_words, fold, words
from quiz.derive.posts import _key_of
from quiz.derive.sentences import Sentence
from quiz.derive.trivia import central, starts_name
from quiz.derive.wording import (
    DISCOURSE,
    GENERIC,
    PRONOUN_START,
    TYPE_TAG,
    capital,
    listed,
    tags_for,
    takes_the,
    written_like,
)

RANGE_END = re.compile(r"^ (?:to|and) (\d+(?:\.\d+)?)\b")
_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|this|these|those)\b", re.I)


_MOST_TRUE = 3  # true statements an article gives: readers rejected a run of them as copied text


class Statements:
    """The true/false template."""

    true_made = 0
    """How many true statements this builder has made so far (for the cap)."""

    def truefalse(self, s: Sentence) -> list[Candidate]:
        """The sentence as a statement: as written (true) or with one entity swapped (false)."""
        text = s.text
        body = DISCOURSE.sub("", text)
        offset = len(text) - len(body)
        n = len(body.split())
        if not 6 <= n <= 32 or '"' in body or not body.endswith(".") or body.split()[0].lower() in PRONOUN_START:
            return []
        statement = capital(body)
        swappable = [
            m for m in self.a.mentions[s.index]
            if m.type in ("person", "number")
            or (m.type == "date" and m.subtype != "weekday")
            or (m.type == "country" and (m.np[0] == offset or listed(text, m)))
            or (m.type == "place" and self.pools.g.lookup(m.text) is not None)
            or (m.type == "org" and m.subtype in ("news-agency", "international", "armed-group", "broadcaster"))
        ]  # fmt: skip
        # Nothing to swap: the sentence as written still makes a true statement about a country, place or body it
        # names, unless a pronoun in it points out of the sentence ('Microsoft has replaced it with ...').
        anchors = swappable or [
            m for m in self.a.mentions[s.index]
            if m.type in ("country", "place", "org") and m.subtype != "acronym" and not _POINTS_BACK.search(body)
        ]  # fmt: skip
        if not anchors:
            return []
        # A minor detail is asked only as its false twin: copied word for word it is true and not worth knowing.
        may_be_true = central(self.a, s.index) and self.true_made < _MOST_TRUE
        make_false = bool(swappable) and (self.rng.random() < 0.6 or not may_be_true)
        out: list[Candidate] = []
        # With no value the article makes false, a central sentence as written is still a statement readers keep.
        for false in (True, False) if make_false else (False,):
            if not false and not may_be_true:
                continue
            for m in anchors if not false else swappable:
                if m.start < offset or text[m.end : m.end + 2] == "'s" or starts_name(text[m.end :]):
                    continue  # a swap inside a name ('the 17 Hours of Le Mans') is a garble, not a falsehood
                sub = self._substitute(s, m) if false else None
                a, b = m.np if m.type == "person" else m.span
                swapped_post = sub is not None and m.type == "person" and m.np_start >= 0
                if swapped_post and text[:a].endswith(("former ", "Former ")):
                    a -= len("former ")  # 'the former housing minister X' -> "the <Y's post> Y", never 'the former <Y>'
                if false and sub is None:
                    continue
                if sub is not None:
                    head = text[offset:a]
                    if m.type == "country" and head.endswith(("the ", "The ")) and not takes_the(sub):
                        head = head[:-4]
                    new = text[offset:a] + sub + text[b:] if head == text[offset:a] else head + sub + text[b:]
                    prompt = f"True or false, according to the article: {capital(new)}"
                    answer: bool = False
                    explanation = f"The article says {text[a:b]}, not {sub}."
                else:
                    prompt = f"True or false, according to the article: {statement}"
                    answer = True
                    explanation = "The article says this in these words."
                    self.true_made += 1
                out.append(
                    Candidate(
                        template="tf-false" if sub else "tf-true",
                        kind=Kind.TRUEFALSE,
                        sentence=s.index,
                        prompt=prompt,
                        answer=answer,
                        answer_text=text[a:b],
                        span=(0, a, b),
                        evidence=(text,),
                        atype=(m.type, m.subtype),
                        key=m.key,
                        explanation=explanation,
                        tags=tags_for(TYPE_TAG.get(m.type, ""), text),
                        substitute=sub or "",
                        sentences=(s.index,),
                    )
                )
                break
            if out:
                break
        return out

    def _substitute(self, s: Sentence, m: Mention) -> str | None:
        """A same-type replacement for `m` that makes the sentence false and says nothing the article says."""
        text = s.text
        present = {fold(x.text) for x in self.a.mentions[s.index]}
        if m.type == "number":
            stated = {x.value for ms in self.a.mentions for x in ms if x.type == "number" and x.subtype == m.subtype}
            lo, hi = _bounds(text, m)
            hi = min(hi, ceiling_for(unit_after(text, m.end), text[: m.start]) or hi)
            if m.subtype.startswith("percent") or re.match(r"^ ?(?:%|per ?cent\b)", text[m.end :]):
                hi = min(hi, 100.0)  # a share doubled past the whole: 109.4 percent is false on its face
            offered = [*number_options(m.value, self.rng, k=6, exclude=stated), *halved_or_doubled(m.value)]
            values = [v for v in offered if lo < v < hi and v not in stated and fair_swap(m.value, v, text)]
            return written_like(m, values[0]) if values else None
        if m.type == "date":
            opts = date_options(m, self.rng, k=1, exclude=self.article_dates)
            return opts[0] if opts else None
        atype = (m.type, m.subtype)
        surname = m.type == "person" and " " not in m.text
        opts = self.options(m.text, atype, m.key, text, s.index, surname=surname, region_first=m.type == "country")
        rest = content_words(text[: m.np[0]] + " " + text[m.end :]) - GENERIC
        rest -= {w for x in self.a.mentions[s.index] for w in words(x.text)}
        g = self.pools.g
        for o in opts:
            if fold(o.text) in present or (m.type in ("country", "place") and o.source == "gazetteer"):
                continue  # a country from nowhere in the story ('Cyprus have won ... Tests') is absurd, not false
            demonyms = g.demonyms_of.get(o.text, [])
            if any(re.search(rf"\b{re.escape(d)}\b", text) for d in demonyms):
                continue  # 'Russia ... will veto the Russian proposal' would be false for a silly reason
            said_elsewhere = False
            ent = self.a.entities.get(_key_of(self.a, o.text))
            mine = self.a.entities.get(m.key)
            if m.type == "person" and ent and mine and ent.role_class != mine.role_class:
                continue  # the Prime Minister swapped into a tennis final is absurd, not false
            for i in ent.sentences if ent else ():
                # Anything the article says about the substitute near these words may make it true.
                if rest & self.content[i]:
                    said_elsewhere = True
            if said_elsewhere:
                continue
            if m.type == "person" and m.np_start >= 0 and ent and ent.phrases:
                return ent.phrases[0]
            if m.type == "person" and m.np_start >= 0:
                continue  # keep titles and names matched: no 'Syrian President Sergei Lavrov'
            return o.text
        return None


_AT_LEAST = re.compile(r"(?:more than|over|above|at least|exceeding|upwards of) $", re.I)
_AT_MOST = re.compile(r"(?:less than|fewer than|under|below|up to|at most|almost|nearly|just under) $", re.I)
_CHANGE = re.compile(
    r"^[^.;]{0,90}?\b(?P<dir>up|down|rising|falling|rose|fell) from "
    r"(?P<num>[£$€]?\d[\d,.]*(?:bn|m|k|p| million| billion| thousand)?)\b"
)


def _bounds(text: str, m: Mention) -> tuple[float, float]:
    """Values a swapped figure must lie between to make the sentence false, and not absurd.

    A threshold ('more than 12 hours', 'up to £18m') is not swapped at all: another figure there is
    seldom false by the article's own words. 'A rate of 3.6%, up from 4.8%' contradicts itself, so a
    figure said to have risen from another stays above it.
    """
    lo, hi = float("-inf"), float("inf")
    before = text[max(0, m.start - 20) : m.start]
    if _AT_LEAST.search(before) or _AT_MOST.search(before):
        return 0.0, 0.0
    upto = RANGE_END.match(text[m.end :])
    if upto:
        hi = float(upto.group(1))
    change = _CHANGE.match(text[m.end :])
    if change:
        values = numbers_in(change.group("num").lstrip("£$€").replace("bn", "b").rstrip("p"))
        if values:
            if change.group("dir") in ("up", "rising", "rose"):
                lo = max(lo, values[0])
            else:
                hi = min(hi, values[0])
    return lo, hi
