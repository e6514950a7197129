"""Cut texts to a width so that texts which begin alike can still be told apart.

The prompts of one deck often open with the same words ("In the report on Putin's rejection of
new Syria sanctions, …"), and two long answers may differ only in their last word. Cut from the
end, such texts all look the same; here the opening they share is replaced by "…" instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

ELLIPSIS = "…"
MIN_SHARED = 20  # characters: a shorter shared opening ("Which Russian", "In the report on") stays on screen
LEAD_IN = 20  # characters: how far into a text a shared part may start ("True or false: In the report…")
CLAUSE = 100  # characters: how long an opening clause may be and still be left out ("In the report on …, ")


def common(a: str, b: str) -> int:
    """How many leading characters `a` and `b` share."""
    n, limit = 0, min(len(a), len(b))
    while n < limit and a[n] == b[n]:
        n += 1
    return n


def word_start(text: str, n: int) -> int:
    """Where the word of `text` holding character `n` begins: the cut that keeps that word whole."""
    if n >= len(text):
        return len(text)
    space = text.rfind(" ", 0, n)
    # No word boundary in a long shared run (a code, a URL): cut inside it rather than hide the rest.
    return space + 1 if space >= 0 else (n if n >= MIN_SHARED else 0)


def cut(text: str, width: int, shared: int, lead: int = 0) -> str:
    """`text` in at most `width` characters; a long shared part after its first `lead` characters gives way."""
    if len(text) > width and MIN_SHARED <= shared < len(text) - lead:
        text = text[:lead] + ELLIPSIS + text[lead + shared :]
    return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS


def lead_in(text: str, order: Sequence[str], before: int = LEAD_IN) -> tuple[int, int]:
    """A short lead-in ("True or false: ") after which `text` goes on like another text: (shared, lead)."""
    best = (0, 0)
    start = text.find(" ") + 1
    while 0 < start <= before:
        rest = text[start:]
        i = bisect.bisect_left(order, rest)
        for other in order[max(i - 1, 0) : i + 2]:
            shared = word_start(rest, common(rest, other))
            if other != text and shared < len(rest):  # something must be left to show
                best = max(best, (shared, start))
        start = text.find(" ", start) + 1
    return best


def distinct(texts: Sequence[str], width: int) -> list[str]:
    """Each text cut to `width`, leaving out opening words it shares with other texts, where that helps."""
    flat = [" ".join(t.split()) for t in texts]
    order = sorted(set(flat))
    # In sorted order, what two texts share is the least of what each neighbour between them shares.
    neighbours = [common(a, b) for a, b in zip(order, order[1:], strict=False)]
    cuts: dict[str, list[tuple[int, int]]] = {}  # (shared, lead) to try, in order
    for i, text in enumerate(order):
        shared, least = {0}, len(text)
        for lcp in reversed(neighbours[:i]):  # texts before this one
            if lcp < least:
                least = lcp
                shared.add(word_start(text, least))
        least = len(text)
        for lcp in neighbours[i:]:  # texts after it
            if lcp < least:
                least = lcp
                shared.add(word_start(text, least))
        # Least first: leave out what the whole group shares ("In the report on …, "), more only if needed.
        cuts[text] = [(n, 0) for n in sorted(shared) if n >= MIN_SHARED] or [lead_in(text, order)]
        # Texts that open alike mostly do so with a clause ("According to the … report, "): when another
        # text shares it whole, the row starts where the question does. Tried first; rows still alike then
        # leave out more, and rows alike only after it ("… on A, who said X?", "… on B, …") leave out less.
        clause = text.find(", ") + 2
        if 2 <= clause <= CLAUSE and cuts[text][-1][0] >= clause >= MIN_SHARED:
            more, less = [c for c in cuts[text] if c[0] > clause], [c for c in cuts[text] if c[0] < clause]
            cuts[text] = [(clause, 0), *more, *less]
    tried = dict.fromkeys(order, 0)
    rows = {text: cut(text, width, *cuts[text][0]) for text in order}
    # Rows still alike (one deck, and a question column too narrow for the shared part plus a word) leave
    # out more of what they share, up to all of it; text that differs before it stays ("… on A", "… on B").
    while True:
        by_row: dict[str, list[str]] = {}
        for text, row in rows.items():
            by_row.setdefault(row, []).append(text)
        clashing = [t for same in by_row.values() if len(same) > 1 for t in same if tried[t] + 1 < len(cuts[t])]
        if not clashing:
            return [rows[text] for text in flat]
        for text in clashing:
            tried[text] += 1
            rows[text] = cut(text, width, *cuts[text][tried[text]])
