"""Tokens and capitalised runs: where in a sentence a name may stand ('Secretary of State John Kerry')."""

from __future__ import annotations

import re
from typing import NamedTuple

from quiz.derive.cues import ORG_KEYWORDS
from quiz.derive.gazetteer import Gazetteer
from quiz.derive.mentions import FUNCTION_CAPS, MONTHS, WEEKDAYS
from quiz.derive.sentences import word_set

PARTICLES = word_set("de da di del della van von der den bin ibn al el la le du dos das ter ten abu bint")
_PARTICLE_PREFIX = re.compile(r"^(?:[Aa]l|[Ee]l|ad|an|ar|as|ash|at|az|bin|ibn|[Aa]bu|de|di|da|du|van|von|le|la)-[A-Z]")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w']|[-.](?=[^\W\d_]))*|\d[\d,.]*\d|\d")
_ABBR_DOT = word_set("Gen Sen Rep Gov Lt Col Capt Sgt Adm Dr Mr Mrs Ms Prof Jr Sr St Rev Hon")


class Token(NamedTuple):
    """A word of a sentence and where it stands (a tuple: millions are made for a large folder)."""

    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        text = self.text
        return text[0].isupper() or ("-" in text and bool(_PARTICLE_PREFIX.match(text)))


# --------------------------------------------------------------------------- tokens


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    new = tuple.__new__  # Token(...) without the Python-level __new__: every word of every article is one
    for m in _TOKEN.finditer(text):
        word = m.group()
        start = m.start()
        if word in _ABBR_DOT and text[m.end() : m.end() + 1] == ".":
            word += "."
        possessive = False
        if "'" in word:
            if word.endswith("'s") and len(word) > 2:
                word, possessive = word[:-2], True
            elif word.endswith("s'") and word[0].isupper():
                word, possessive = word[:-1], True
        out.append(new(Token, (word, start, start + len(word), possessive)))
    return out


def _name_like(tok: Token, g: Gazetteer) -> bool:
    t = tok.text
    if not tok.cap or t in FUNCTION_CAPS or t in MONTHS or t in WEEKDAYS:
        return False
    if t in g.title_heads or t in ORG_KEYWORDS or t in g.demonyms:
        return False
    if t.isupper() and len(t) > 1:
        return False
    known = g.names.get(t)
    return not (known and known.type in ("country", "org"))


# --------------------------------------------------------------------------- runs


def _runs(text: str, toks: list[Token]) -> list[list[int]]:
    """Indexes of tokens forming capitalised runs ('Secretary of State John Kerry')."""
    runs: list[list[int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i].cap or toks[i].text[0].isdigit():
            i += 1
            continue
        run = [i]
        j = i
        while not toks[j].possessive and j + 1 < n:
            gap = text[toks[j].end : toks[j + 1].start]
            nxt = toks[j + 1]
            if gap != " ":
                break
            if nxt.cap and not nxt.text[0].isdigit():
                run.append(j + 1)
                j += 1
                continue
            low = nxt.text
            if low in PARTICLES or low == "of":
                k = j + 2
                if low == "of" and k < n and toks[k].text == "the" and text[toks[k - 1].end : toks[k].start] == " ":
                    k += 1
                if k < n and toks[k].cap and text[toks[k - 1].end : toks[k].start] == " ":
                    run.extend(range(j + 1, k + 1))
                    j = k
                    continue
            break
        runs.append(run)
        i = j + 1
    return runs


_SPLIT_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | FUNCTION_CAPS


def _split_run(run: list[int], toks: list[Token]) -> list[list[int]]:
    """Cut a run at months, weekdays and function words ('On Monday United Nations' -> 'United Nations')."""
    out, cur = [], []
    for i in run:
        if toks[i].text in _SPLIT_WORDS:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        out.append(cur)
    # A run may not start or end with a connector word.
    cleaned = []
    for r in out:
        while r and not toks[r[0]].cap:
            r = r[1:]
        while r and not toks[r[-1]].cap:
            r = r[:-1]
        if r:
            cleaned.append(r)
    return cleaned
