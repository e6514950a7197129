"""What derive finds in an article: mentions, the entities they refer to, and the words it reads them by.

Shared by the entity extractor (entities.py), the figures reader (figures.py) and everything downstream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from quiz.core.text import fold as _fold
from quiz.derive.sentences import Sentence, word_set

_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """quiz.core.text.fold, remembered, with a shortcut for plain ASCII (same result, several times faster)."""
    if not text.isascii():
        return _fold(text)
    text = _NON_WORD.sub(" ", text.lower().replace("'", ""))
    return _LEADING_ARTICLE.sub("", _SPACES.sub(" ", text).strip())


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
               "Nov": 11, "Dec": 12}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SPEECH_VERBS = word_set(
    """said says told tells added adds stressed warned noted explained insisted argued asked replied wrote
    tweeted declared announced urged claimed confirmed acknowledged admitted continued concluded suggested
    recalled complained cautioned emphasised emphasized reiterated echoed responded observed remarked
    predicted vowed pledged promised stated commented"""
)
FUNCTION_CAPS = word_set(
    """The A An But And Or However In On At For From With After Before As While When If This That These Those
    It He She They We I You His Her Its Their Our My Your Asked Under Last Next Elsewhere Meanwhile Also Both
    Some Many All More Most Such Other Only Even Still Yet So Then Now Since Despite Following According
    During Unlike Like Why What Who Where How Instead Although Though Because Once Earlier Later Today
    Yesterday Tomorrow Here There Each Every Several Few No Not Nor To By Of Over Into Amid Against Without
    Among Between Through Toward Towards Until Unless Whether Which Whose Whom Let Mr Mrs Ms Dr
    Afterwards Afterward Eventually Overall Finally Subsequently Consequently Nevertheless Initially"""
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12,
}  # fmt: skip

ROLE_CLASSES = {
    "politics": word_set(
        """minister secretary mp chancellor president premier leader spokesperson spokesman spokeswoman senator
        governor mayor councillor lawmaker ambassador envoy speaker whip candidate peer shadow"""
    ),
    "business": word_set(
        """executive ceo chief director chairman chairwoman founder analyst economist partner boss investor
        officer trader banker owner"""
    ),
    "sport": word_set(
        """captain coach manager striker winger midfielder defender goalkeeper forward batter bowler batsman
        player opener keeper referee"""
    ),
    "science": word_set("professor scientist researcher physicist astronomer engineer doctor dr"),
}


def role_class(roles: Iterable[str]) -> str:
    """The field of a person's posts, from the head word of the first post that has one."""
    for role in roles:
        found = _post_class(role)
        if found:
            return found
    return ""


@lru_cache(maxsize=4096)
def _post_class(role: str) -> str:
    """The field of one post, from its last word that names one (asked for every option of every draft)."""
    for w in reversed(role.lower().replace("-", " ").split()):
        for name, heads in ROLE_CLASSES.items():
            if w in heads:
                return name
    return ""


@dataclass(frozen=True)
class Mention:
    """One typed span of a sentence."""

    sentence: int
    start: int
    end: int
    text: str
    type: str
    subtype: str
    key: str
    np_start: int = -1
    """Start of the whole noun phrase (title and nationality before a name), or -1."""
    role: str = ""
    """A person's post without nationality ('Deputy Foreign Minister')."""
    role_phrase: str = ""
    """The post as written ('Russia's Deputy Foreign Minister')."""
    value: float = 0.0
    """Numbers: the value; dates: a sortable ordinal."""

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def np(self) -> tuple[int, int]:
        return (self.np_start if self.np_start >= 0 else self.start), self.end


@dataclass
class Entity:
    """Everything the article says about one thing: its forms and, for a person, posts."""

    key: str
    type: str
    subtype: str
    forms: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_phrases: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    """Persons: the full noun phrase as written, e.g. 'Syrian President Bashar al-Assad'."""
    surname: str = ""
    sentences: list[int] = field(default_factory=list)
    gender: str = ""
    """Persons: 'female' or 'male' when the article shows it (first name, Mr/Ms, he/she), else ''."""

    @property
    def role_class(self) -> str:
        """Persons: the field of their posts ('politics', 'business', 'sport', 'science'), or ''."""
        return role_class(self.roles)


@dataclass
class Analysis:
    """An article's sentences, each with its mentions, and the entities they refer to."""

    sentences: list[Sentence]
    mentions: list[list[Mention]]
    entities: dict[str, Entity]

    def of_type(self, type_: str, subtype: str | None = None) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == type_ and (subtype is None or e.subtype == subtype)]


_WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


STOPWORDS = word_set(
    """a an the and or but of to in on at for from by with as is was are were be been being has have had it its
    this that these those he she they them his her their we our you your i me my not no so than then there
    which who whom whose what when where why how will would could should can may might must do does did
    also into over after before about against between during under while if because said says told
    more most some any all such other only very just up out off again further once here"""
)


def iter_mentions(analysis: Analysis, types: Iterable[str]) -> Iterable[Mention]:
    wanted = set(types)
    for ms in analysis.mentions:
        for m in ms:
            if m.type in wanted:
                yield m
