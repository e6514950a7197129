"""Split prose paragraphs into sentences: a fast rule-based path, pysbd where a boundary is ambiguous.

Most news paragraphs have only clear boundaries (a full stop after an ordinary word, then a
capital), and titles and initialisms ('Gen.', 'U.S.') are easy to settle from the next word.
Those are split here directly; a paragraph with a boundary that stays ambiguous (an ellipsis,
an abbreviation before a lower-case word) goes to pysbd. pysbd is imported only when needed,
and its regular expressions are the slowest part of deriving (see tests/benchmarks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long word lists stay readable)."""
    return frozenset(words.split())


ABBREVIATIONS = word_set(
    """mr mrs ms dr st gen sen rep gov lt col capt sgt cmdr adm maj prof jr sr inc ltd co corp plc llc
    vs etc no nos jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd dept est approx fig
    al univ rev hon pres sec min max govt intl natl assn bros"""
)  # fmt: skip
_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"""([\w.'-]+)[.!?]+["')\]]*$""")


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    text: str
    first: bool = False
    """The first sentence of its paragraph."""


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd  # noqa: PLC0415 - only for paragraphs the fast path cannot settle

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


_STARTERS = word_set(
    """The A An He She It They We I You But And In On At This That These Those There His Her Its Their Our
    However Meanwhile Still Yet So Some Many Most"""
)
_NEVER_LAST = word_set("mr mrs ms dr gen sen rep gov lt col capt sgt cmdr adm maj prof st rev hon no nos")


def _boundary(paragraph: str, end: int, after: str) -> bool | None:
    """Is the full stop ending at `end` a sentence boundary? None when only pysbd can tell.

    `after` is the word that follows. Titles before names never end a sentence ('Gen. Smith',
    'No. 1'); an initialism or other abbreviation does only before a typical sentence opener
    ('... in the U.S. The talks'), and an ellipsis is left to pysbd.
    """
    head = paragraph[:end]
    if head.endswith("..") or head.endswith("\u2026"):
        return None
    m = _WORD_BEFORE.search(head)
    if not m:
        return True
    word = m.group(1)
    stem = word.rstrip(".").lower()
    dotted = "." in word.rstrip(".")  # U.S. / a.m. / e.g.
    if not dotted and (len(stem) > 1 or stem.isdigit()) and stem not in ABBREVIATIONS:
        return True
    if stem in _NEVER_LAST or (len(stem) == 1 and word[:1].isupper()):
        return False  # 'Gen. Smith', 'John F. Kennedy'
    if stem in ("a.m", "p.m"):
        return None
    if after in _STARTERS:
        return True
    if dotted or stem in ABBREVIATIONS:
        return False if after[:1].isupper() else None
    return None


def split_paragraph(paragraph: str) -> list[str]:
    """The sentences of one paragraph, each a verbatim, stripped piece of it."""
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end()
        if paragraph.count('"', 0, m.start()) % 2 == 1 and not paragraph[m.start() : end].endswith('"'):
            continue  # inside a quotation: the speaker's sentences stay with their attribution
        after = paragraph[end:].lstrip().lstrip("\"'([").split(" ", 1)[0]
        verdict = _boundary(paragraph, m.start() + 1, after)
        if verdict is None:
            return _pysbd_split(paragraph)
        if verdict:
            cuts.append(end)
    if not cuts:
        return [paragraph.strip()] if paragraph.strip() else []
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(paragraph[start:cut].strip())
        start = cut
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def _pysbd_split(paragraph: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for piece in _segmenter().segment(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        at = paragraph.find(piece, pos)
        if at < 0:  # pysbd changed the text; keep the paragraph whole rather than lose evidence
            return [paragraph.strip()]
        if out and re.fullmatch(r"""["')\]]+""", piece):
            out[-1] = paragraph[paragraph.find(out[-1]) : at + len(piece)]
        else:
            out.append(piece)
        pos = at + len(piece)
    return out


def split(paragraphs: tuple[str, ...] | list[str]) -> list[Sentence]:
    """Every sentence of the article, numbered in order."""
    sentences: list[Sentence] = []
    for p, paragraph in enumerate(paragraphs):
        for i, text in enumerate(split_paragraph(paragraph)):
            sentences.append(Sentence(len(sentences), p, text, first=i == 0))
    return sentences
