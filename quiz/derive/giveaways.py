"""Drafts whose answer a reader works out from the prompt or the headline without reading the article.

Blind readers' reasons on unseen news (issue 12): a count the prompt lists item by item ('Finland, Croatia,
Japan and Lithuania are the ___ countries'), a total that is the sum of the parts it gives, a count a
compound restates ('the four-legged robot ... its ___ legs'), 'almost ___ percent' whose answer is 100,
and a true statement that says again what the headline says.
"""

from __future__ import annotations

import re
from itertools import combinations

from quiz.core.text import numbers_in
from quiz.derive.mentions import content_words

_COUNT_WORDS = {
    w: i
    for i, w in enumerate(re.findall(r"\w+", "zero one two three four five six seven eight nine ten eleven twelve"))
}
# One item of a list: a few words with no clause break ('the United States', '20 cases').
_ITEM = r"[^,;:()\"]{1,40}?"
_LIST = re.compile(
    rf"(?:{_ITEM}, )+{_ITEM},? (?:and|or) {_ITEM}(?=[,.;:)]| (?:are|were|is|was|have|had|on|in|for|the)\b|$)"
)
# A count given again by a compound: 'the four-legged robot', 'a 3-year deal'.
_COMPOUND = re.compile(r"\b([a-z]+|\d+)-[a-z]+", re.I)
# 'the other' or 'one' beside a figure: '26 in Mexico and the other in the United States'.
_THE_OTHER = re.compile(r"\b(?:the other|another|one other|the last|the remaining one)\b", re.I)
# A bound a round limit fills: 'almost ___ percent', 'nearly ___%'.
_NEAR = re.compile(r"\b(?:almost|nearly|close to|just under|over|more than|about|around|virtually)\s*$", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per ?cent\b)", re.I)


def count_value(answer: str) -> int | None:
    """The whole number an answer writes, as a word or in figures ('four', '4'), or None."""
    a = answer.strip().lower()
    if a in _COUNT_WORDS:
        return _COUNT_WORDS[a]
    return int(a) if re.fullmatch(r"\d{1,4}", a) else None


def counted_in_prompt(before: str, after: str, answer: str) -> bool:
    """Does the prompt around a blank let a reader work the count out: list it, add it up, or say it in a compound?"""
    n = count_value(answer)
    if n is None or n < 2:
        return False
    around = f"{before} {after}"
    if any(_list_length(m.group(0)) == n for m in _LIST.finditer(around)):
        return True  # 'Finland, Croatia, Japan and Lithuania are the ___ countries'
    if any(count_value(m.group(1)) == n for m in _COMPOUND.finditer(around)):
        return True  # 'the four-legged robot ... its ___ legs'
    parts = [v for v in numbers_in(around) if v == int(v) and 0 < v < n]
    if any(sum(p) == n for k in (2, 3) for p in combinations(parts, k)):
        return True  # '___ deaths: 20 in Mexico and 6 in the United States'
    return n - 1 in parts and bool(_THE_OTHER.search(around))  # '26 in Mexico and the other in the US'


def _list_length(text: str) -> int:
    """How many items a list 'A, B, C and D' holds, read from its last clause back."""
    return text.count(",") - text.count(", and") - text.count(", or") + 2


def round_limit(before: str, after: str, answer: str, unit: str = "") -> bool:
    """'almost ___ percent' with 100, 'nearly ___' with 'all': the limit a bound points to is guessed."""
    if not _NEAR.search(before):
        return False
    a = answer.strip().lower()
    if a in ("all", "every", "everyone"):
        return True
    percent = (
        a.endswith("%") or bool(_PERCENT_AFTER.match(after)) or unit.strip().lower() in ("%", "percent", "per cent")
    )
    return percent and a.rstrip("%").strip() in ("100", "one hundred")


def restates_headline(statement: str, headline: str) -> bool:
    """Does a statement mostly say again what the headline says, adding no figure of its own?

    Readers rejected the lead copied as a true statement when it covered the headline ('Pakistani President
    signs bill to merge ...') and kept ones that the headline only touches.
    """
    head = _stems(headline)
    if len(head) < 3:
        return False
    mine = _stems(statement)
    shared = mine & head
    if len(shared) < 0.6 * len(head) or len(shared) < 0.5 * len(mine):
        return False
    new_figures = set(re.findall(r"\d[\d,.]*", statement)) - set(re.findall(r"\d[\d,.]*", headline))
    return not new_figures


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so 'signs' and 'signed' count as one."""
    return {w[:5] for w in content_words(text)}


# Words that say a figure is high or low: a swap the other way contradicts them ('a record 20' -> 'a record 12').
_SAYS_HIGH = re.compile(
    r"\b(?:record|highest|largest|biggest|most|greatest|top|peak|very high|surged?|soared?|jumped|rose|risen)\b", re.I
)
_SAYS_LOW = re.compile(
    r"\b(?:lowest|smallest|fewest|least|very low|only|just|mere|merely|fell|dropped|plunged)\b", re.I
)
_TOO_CLOSE = (0.77, 1.3)  # within about a quarter of the true figure: a swap a reader calls a nitpick


def fair_swap(true: float, swapped: float, sentence: str) -> bool:
    """Is a swapped figure clearly false (not within a quarter of the true one) and not given away by the sentence?"""
    if true <= 0 or swapped <= 0:
        return False
    ratio = swapped / true
    if _TOO_CLOSE[0] < ratio < _TOO_CLOSE[1]:
        return False  # 10% for 11%: false by a nitpick
    if ratio < 1 and _SAYS_HIGH.search(sentence) and not _SAYS_LOW.search(sentence):
        return False  # 'a record fee of 26 million' for 52 million: smaller than a record, which the reader sees
    return not (ratio > 1 and _SAYS_LOW.search(sentence) and not _SAYS_HIGH.search(sentence))


def halved_or_doubled(value: float) -> list[float]:
    """Half and double a figure, rounded as it is written: clearly different, and of its form and scale."""
    if value == int(value):
        return [float(v) for v in (round(value * 2), round(value / 2)) if v > 0 and v != value]
    places = len(f"{value}".split(".")[1])
    return [round(value * 2, places), round(value / 2, places)]
