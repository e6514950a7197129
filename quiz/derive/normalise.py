"""Turn an article's text into prose paragraphs: quotes straightened, whitespace folded, non-prose dropped.

Every paragraph stays a verbatim piece of the article once quotes and whitespace are ignored
(`quiz.core.text.loose`), so sentences taken from it pass `quiz check` as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quiz.core.text import loose

_TERMINAL = re.compile(r"""[.!?]["')\]]*$|[.!?,]"$|:$""")
_SENTENCE_END = re.compile(r"""[.!?]["')\]]*$|[.!?,]"$""")
_NAME = r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}"
_DROP = [
    # Captions and picture credits.
    re.compile(r"^(FILE|File)( PHOTO| photo)?\s*[:|-]"),
    re.compile(r"^(PHOTO|Photo|Photograph|Picture|Image|IMAGE|Caption|CAPTION|Video|VIDEO|Graphic|GRAPHIC)\s*[:|]"),
    re.compile(r"^(Credit|Credits|Source|Photos?)\s*:", re.I),
    re.compile(r"(Getty Images|Shutterstock|AP Photo|EPA-EFE|/Reuters|/AFP|Reuters/|AFP/|Photograph:|Picture:)"),
    re.compile(r"\b(photo|Photo|PHOTO|picture|image|Image)\s*$"),
    re.compile(r"^\(?(Image|Photo|Picture|Media|Video) (copyright|credit|source|caption)", re.I),
    re.compile(r"^(This video can ?not be played|To play this (video|content)|Watch: |Listen: )", re.I),
    # Links to other stories and page furniture.
    re.compile(
        r"^(Read more|Read also|Also read|Read the full|See also|Related( stories| articles| coverage| content)?:|"
        r"More on this|More from|Recommended:|Advertisement|Sponsored|Share this|Share on|Share$|Follow us|"
        r"Sign up|Subscribe|Click here|Tap here|Download (the|our)|Comments?(\s*\(\d+\))?$|Copyright|"
        r"All rights reserved|Watch:|Listen:|Explainer:|Live:|Opinion:|Editor's note|Editing by|Writing by|"
        r"Reporting by|Additional reporting|Compiled by|Produced by)",
        re.I,
    ),
    re.compile(r"^(©|\(c\)|&copy;)", re.I),
    # Bylines and credits for the reporting.
    re.compile(r"^(With|Additional|Further) (reporting|contributions?|research) (by|from)\b", re.I),
    re.compile(r"\b(contributed (to )?(this|the) (report|story|article))\b", re.I),
    re.compile(r"^By " + _NAME + r"(?:(?:,| and) " + _NAME + r")*(?:,? [^.]{0,40})?$"),
    # Time stamps and bare dates.
    re.compile(r"^(Published|Updated|Last updated|Posted|First published|Modified)\b", re.I),
    re.compile(r"^\d{1,2}:\d{2}"),
    re.compile(r"^\d+ (minutes?|hours?|days?) ago\b", re.I),
    # Links, e-mail addresses and lines with no words.
    re.compile(r"^(https?://|www\.)\S*$", re.I),
    re.compile(r"^\S+@\S+\.\w+$"),
    re.compile(r"^[\W\d_]*$"),
]
# Where the story ends and the page goes on: readers' comments, lists of other stories.
_END_OF_STORY = re.compile(
    r"^(?:Have your say|Comments?(?:\s*\(\d+\))?|Reader comments|Join the (?:conversation|debate|discussion)|"
    r"Most (?:read|popular|viewed)|Related (?:topics|stories|links|articles)|More on this story|Top stories|"
    r"You may also (?:like|be interested in)|Comment on this (?:story|article))\s*:?$",
    re.I,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'/-]*(?: [A-Z][A-Z.'/-]*)*(?:, [A-Z][a-z]+\.?(?: \d{1,2})?)?\s*(?:\([A-Za-z .-]+\)\s*)?"
    r"|\([A-Za-z .-]+\)\s*)[-\u2013\u2014]+\s+"
)


@dataclass(frozen=True)
class Prose:
    """The usable paragraphs of an article, and the headline if the article starts with one."""

    paragraphs: tuple[str, ...]
    headline: str = ""
    dropped: tuple[str, ...] = ()


def is_dropped(line: str) -> bool:
    """Is this line page furniture (caption, credit, link, byline, time stamp) rather than prose?"""
    return any(p.search(line) for p in _DROP)


def is_heading(line: str) -> bool:
    """A short line that does not end a sentence: a headline or subheading."""
    if _TERMINAL.search(line):
        return False
    return len(line.split()) <= 20


def strip_dateline(paragraph: str) -> str:
    """'MOSCOW/BEIRUT - Russia said ...' -> 'Russia said ...' (the dateline is not part of the story)."""
    m = _DATELINE.match(paragraph)
    if m and m.end() < len(paragraph) and len(m.group().split()) <= 6:
        return paragraph[m.end() :]
    return paragraph


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: most long lines end mid-sentence."""
    long = [line for line in lines if len(line) > 50]
    if len(long) < 3:
        return False
    open_ended = sum(1 for line in long if not _TERMINAL.search(line))
    return open_ended / len(long) > 0.4


@lru_cache(maxsize=8)  # one article is read for its drafts, its title and its summary
def prose(text: str) -> Prose:
    """Split `text` into prose paragraphs: one per line, or per blank-line block when hard-wrapped."""
    raw_lines = text.split("\n")
    if _hard_wrapped([line.strip() for line in raw_lines]):
        blocks, current = [], []
        for line in raw_lines:
            if line.strip():
                current.append(line.strip())
            elif current:
                blocks.append(" ".join(current))
                current = []
        if current:
            blocks.append(" ".join(current))
    else:
        blocks = [line for line in raw_lines if line.strip()]
    paragraphs: list[str] = []
    dropped: list[str] = []
    headline = ""
    for i, block in enumerate(blocks):
        line = loose(block)
        if paragraphs and _END_OF_STORY.match(line.strip()):
            dropped.extend(loose(b) for b in blocks[i:])
            break
        if is_dropped(line):
            dropped.append(line)
            continue
        if is_heading(line) or line.isupper():
            if not paragraphs and not headline and not line.isupper() and len(line.split()) >= 3:
                headline = line.strip("\"'")
            dropped.append(line)
            continue
        paragraphs.append(strip_dateline(line))
    return Prose(tuple(paragraphs), headline, tuple(dropped))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))
