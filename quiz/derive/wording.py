"""How the templates word things: verbs and clauses, tags, clipping long sentences, figures."""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.derive.figure_options import format_like
from quiz.derive.measures import ordinal
from quiz.derive.mentions import SPEECH_VERBS, STOPWORDS, Mention
from quiz.derive.sentences import Sentence, word_set

PRONOUN_START = word_set("he she it they this that these those his her its their such there we i you")
DISCOURSE = re.compile(
    r"^(?:But|And|However,|Meanwhile,|Still,|Yet|So|Also,|Instead,|Separately,|In addition,|Moreover,|"
    r"Nevertheless,|Nonetheless,|Earlier,|Later,|Now,|Indeed,|Thus,|Therefore,|Further,|Furthermore,) "
)
AUX = word_set("""has have had is was are were will would could can may might should must did does do shall""")
ADVERBS = word_set(
    """also once again already still now then repeatedly reportedly previously recently never first later
    initially finally formally publicly allegedly apparently quickly immediately earlier since often
    has have had is was are were"""
)
_IRREGULAR_PAST = word_set(
    """said told made took gave went came sent met led held left won lost saw began became brought built
    fought kept put set spoke wrote found thought struck hit shot flew drew threw knew grew ran sold bought
    paid stood sought caught taught felt meant chose rose fell broke drove got sat"""
)
_THIRD_PERSON = word_set(
    """says tells accuses denies warns supports opposes wants plans faces continues insists claims controls
    backs calls urges remains seeks holds leads hopes needs refuses rejects expects believes argues
    maintains demands blames fears threatens aims intends supplies says agrees admits announces considers
    estimates favours favors suggests describes runs owns employs"""
)
_NOT_VERBS = word_set("red bed need speed seed feed hundred shed breed indeed creed greed")
_TAG_WORDS = [
    ("security-council", re.compile(r"Security Council|UNSC|\bresolution|\bveto", re.I)),
    ("sanctions", re.compile(r"\bsanction", re.I)),
    ("casualties", re.compile(r"\b(kill\w*|dead|died|deaths?|wounded|injured|casualties|trapped|displaced)\b", re.I)),
    ("humanitarian", re.compile(r"\b(aid|refugees?|civilians?|humanitarian|siege|hospitals?|shortages?)\b", re.I)),
    ("military", re.compile(r"\b(bomb\w*|air ?strikes?|troops|missiles?|weapons?|military|forces|warplanes?)\b", re.I)),
    (
        "diplomacy",
        re.compile(r"\b(talks|negotiat\w+|diplomat\w*|summit|envoy|ambassador|ceasefire|cease-fire)\b", re.I),
    ),
]
TYPE_TAG = {"person": "people", "country": "places", "place": "places", "org": "organisations",
             "date": "chronology", "title": "people"}  # fmt: skip


def is_verb(word: str) -> bool:
    """Could this word start a predicate (a finite verb or auxiliary)?"""
    w = word.strip(",")
    if w in AUX or w in SPEECH_VERBS or w in _IRREGULAR_PAST or w in _THIRD_PERSON:
        return True
    return len(w) > 4 and w.isalpha() and w.islower() and w.endswith("ed") and w not in _NOT_VERBS


@lru_cache(maxsize=4096)
def tags_for(primary: str, text: str, default: str = "people") -> tuple[str, ...]:
    """The primary tag for the answer's type, then topic tags the sentence's words suggest (1-3)."""
    out = [primary] if primary else []
    out += [tag for tag in _topics(text) if tag != primary]
    return tuple(out[:3]) or (default,)


@lru_cache(maxsize=1024)
def _topics(text: str) -> list[str]:
    """The topic tags a sentence's words suggest, in _TAG_WORDS order (asked again for each answer type)."""
    return [tag for tag, pattern in _TAG_WORDS if pattern.search(text)]


def clip(text: str, limit: int = 24) -> str:
    w = text.split()
    return text if len(w) <= limit else " ".join(w[:limit]).rstrip(",;:") + "…"


def clip_at_clause(text: str, limit: int = 30) -> str:
    """A long quotation cut after its last comma within `limit` words ('..., it terrorizes so many people…')."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    comma = head.rfind(", ")
    if comma > 0 and len(head[:comma].split()) >= 8:
        return head[:comma] + "…"
    return clip(text, limit)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def ends_as_question(predicate: str) -> str:
    """'... cease-fire." ' -> '... cease-fire"?'; plain text gets a question mark."""
    p = predicate.rstrip()
    m = re.search(r"""([.!])(["')\]]*)$""", p)
    if m:
        p = p[: m.start()] + m.group(2)
    p = re.sub(r',(["\'])$', r"\1", p)
    return p + "?"


_CLAUSE_BREAK = re.compile(
    r"(?:, (?:but|while|whereas|although|though|and|as) |; | - )"
    r"(?=(?:[A-Z]|the |a |an |they |it |he |she |his |her |their |its |this |there ))"
)


TIME_UNIT = re.compile(r"^(years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)$")
GENERIC = word_set(
    """say says said told tell added would could should will also made make making new last first one two
    three year years week weeks month months day days time people percent according"""
)


_BACK_REFERENCE = re.compile(
    r"^(?:\w+ ){0,2}?(?:made|gave|delivered|repeated|echoed|was making|issued) "
    r"(?:the|these|those|his|her|their) "
    r"(?:remarks?|comments?|statements?|speech|announcement|offer|call|claim|warning|decision)\b"
    r"|^(?:was|were) (?:speaking|talking|commenting|responding)\b"
)


_NEWS_LINK = re.compile(
    r"^In (?:a|another) (?:relevant|related|separate|similar|parallel|further|new) developments?"
    r"(?: (?P<when>on \w+))?, "
)


def plain_intro(intro: str) -> str:
    """'In a relevant development on Tuesday, ' -> 'On Tuesday, ' (news links make odd questions)."""
    m = _NEWS_LINK.match(intro)
    if not m:
        return intro
    when = m.group("when") or ""
    return f"{when[:1].upper()}{when[1:]}, " if when else ""


_LEANING = re.compile(r"^(?:then|also|too)\b|\b(?:it|them|this|that|these|those)[.!]?$")


def leans_on_context(predicate: str) -> bool:
    """'made the remarks in Geneva', 'then reached ...', '... will manufacture it': only makes sense mid-article."""
    return bool(_BACK_REFERENCE.match(predicate) or _LEANING.search(predicate.rstrip()))


_NOUN_CLAUSE = re.compile(
    r", (?:and|but|while) (?:[a-z]+ ){1,2}(?:are|is|were|was|have|has|had|will|would)\b"
    r"| and [A-Z][a-z]+ [a-z]{3,}ed\b"  # '... fumble and Ward recovered': a new subject, its own clause
)


def own_clause(predicate: str) -> str:
    """The predicate up to where a new clause with its own subject starts ('..., but Iran was not ...')."""
    m = _CLAUSE_BREAK.search(predicate) or _NOUN_CLAUSE.search(predicate)
    if not m:
        return predicate
    return predicate[: m.start()] + "."


def attributive(text: str, end: int) -> bool:
    """Is the name at `end` used as a modifier ('Geneva talks', 'UN diplomat')?"""
    m = re.match(r" ([a-z][a-z-]*)", text[end:])
    if not m:
        return False
    word = m.group(1)
    return word not in STOPWORDS and not is_verb(word) and not word.endswith(("ing", "ly"))


def takes_the(country: str) -> bool:
    return country.startswith("United ") or country.endswith("s") or "Republic" in country


def listed(text: str, m: Mention) -> bool:
    """Is the mention one item of a list ('Britain, France, and Spain')?"""
    return bool(re.search(r"(, | and )$", text[: m.start]) or re.match(r"^(, |,? and )", text[m.end :]))


def written_like(m: Mention, value: float) -> str:
    """A replacement figure written as the original is ('24 million' -> '30 million')."""
    t = m.text
    if m.subtype == "ordinal":
        return ordinal(value)  # 'its 20th mission', never 'its 20 mission'
    short = re.fullmatch(r"([£$€])[\d,.]+(bn|m|k)", t)
    if short:
        v = value / {"bn": 1e9, "m": 1e6, "k": 1e3}[short.group(2)]
        return f"{short.group(1)}{v:g}{short.group(2)}"
    if t[:1] in "£$€" and not re.search(r"[a-z]", t):
        return t[0] + (f"{value:,.2f}" if "." in t else f"{value:,.0f}")
    if re.fullmatch(r"[\d.]+p", t):
        return f"{value:g}p"
    if t[:1] in "£$€":
        return t[0] + written_like(Mention(m.sentence, m.start + 1, m.end, t[1:], m.type, m.subtype, m.key), value)
    for scale, mult in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3)):
        if scale in t:
            v = value / mult
            return (f"{v:g}" if v != int(v) else f"{int(v)}") + f" {scale}" + t.split(scale, 1)[1]
    if "%" in t or "percent" in t or "per cent" in t:
        suffix = t[len(t.rstrip("%tcenrp ")) :]
        return format_like(value).replace(",", ",") + suffix
    return format_like(value) if "," in t else f"{value:g}" if value != int(value) else str(int(value))


def grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    """The runs of `n` consecutive words."""
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def usable(s: Sentence) -> bool:
    """A complete sentence of prose, short enough to ask about."""
    text = s.text
    n = len(text.split())
    if n < 6 or n > 70:
        return False
    if not re.search(r"""[.!]["')\]]*$|[.!,]"$""", text):
        return False
    return text[:1].isupper() or text[:1] in "\"'("


def clip_around(text: str, at: int, limit: int = 45) -> str:
    """A long sentence cut to the clauses around position `at`, marked with '…'.

    Cuts fall only where a new clause starts (a comma before a lower-case word other than an
    article, a semicolon or a dash), never inside a list of names.
    """
    if len(text.split()) <= limit:
        return text
    cuts = [0] + [m.end() for m in re.finditer(r"(?:, (?=(?!the |a |an |and )[a-z])|; | - | -- )", text)]
    cuts.append(len(text))
    lo = max(c for c in cuts if c <= at)
    hi = min(c for c in cuts if c > at)
    while True:
        grown = False
        left = [c for c in cuts if c < lo]
        right = [c for c in cuts if c > hi]
        if right and len(text[lo : right[0]].split()) <= limit:
            hi, grown = right[0], True
        if left and len(text[left[-1] : hi].split()) <= limit:
            lo, grown = left[-1], True
        if not grown:
            break
    piece = text[lo:hi].strip().rstrip(",;:-").strip()
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else "")
