"""Drafts a reader calls trivia or a giveaway, and the other forms an answer is written in.

The rules come from blind readers' reasons on unseen news (issue 12): a true statement copied word for
word about a minor detail, play-by-play of a game with no game or inning named, a question whose answer
the headline subject or the prompt itself gives away, a post everyone knows the holder of. Called from
vetting.vet, after the prompt has been made to stand alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.gazetteer import gazetteer
from quiz.derive.mentions import Analysis, content_words, fold
from quiz.derive.name_order import family_name

# One player's action in a game, as a match report tells it blow by blow.
_PLAY = re.compile(
    r"\b(?:grounded|flied|lined|popped|fouled) (?:out|into|up)\b|\b(?:was |were )?struck out\b|"
    r"\bcame (?:up )?to bat\b|\b(?:singled|doubled|tripled|homered|bunted)\b|\bstole (?:second|third|home|a base)\b|"
    r"\bcaught stealing\b|\breached (?:first|base)\b|\bdrew a walk\b|\bwas walked\b|\bhit a (?:single|double|triple)\b|"
    r"\b(?:shot|fired|headed) (?:wide|over|just wide)\b|\bwas (?:booked|cautioned)\b|"
    r"\bpop(?:ped)? out\b|\bdouble play\b|\b(?:was )?run out\b|\badvanc(?:ed|ing) (?:the runner|to (?:second|third))\b|"
    r"\bwild pitch\b|\bled off\b|\bhit out\b|\bat bat\b|\ba run scored\b|\bwas walked\b|"
    r"\b(?:base hit|home run|thrown out|fielder's choice)\b|\bon (?:first|second|third)(?: base)?\b|\bscoring [A-Z]|"
    r"\b(?:the|this|that|their|his|her) (?:half of the )?inning\b"
)
# What places an action in the game: without one, 'X grounded out' is a line of a box score. 'The inning'
# or 'the first' alone is not enough (readers: 'which game, which inning?'): it must be named.
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|extra|final|opening|\d+(?:st|nd|rd|th))"
)
_GAME_CONTEXT = re.compile(
    rf"\b{_ORDINAL} (?:innings?|game|match|half|quarter|period|minute|frame|set|round|lap)\b|"
    r"\b(?:top|bottom) of the \w+|\b(?:final|semi-final|quarter-final)\b",
    re.I,
)
# A moment of a game told by its inning or half, and the words that say which of several games it was.
_INNING = re.compile(r"\b(?:innings?|(?:top|bottom)(?: half)? of the|(?:first|second) half)\b", re.I)
_WHICH_GAME = re.compile(
    r"\b(?:first|second|third|opening|final|later|earlier|next) game\b|\bgame (?:one|two|\d)\b", re.I
)
# The people or place a person leads, written straight after the name without its "'s".
_GROUP_AFTER = re.compile(r"^ (?:team|group|lab|laboratory|office|family|staff|campaign|research|researchers)\b")
# A figure that begins a name: '24 Hours of Le Mans', '500 Festival of Racing'.
_NAME_AFTER = re.compile(r"^ [A-Z][a-z]+s? of [A-Z]")
# Posts whose holder anyone knows or looks up without reading the story.
_HEAD_POST = re.compile(r"\b(?:Prime Minister|President|Premier|Chancellor|King|Queen|Pope|Emperor)$", re.I)
# The same place written another way: a reader who types 'Britain' for 'UK' is right.
_SAME_PLACE = (
    ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "England"),
    ("United States", "US", "U.S.", "USA", "America", "United States of America"),
)


def trivial(c: Candidate, a: Analysis, country_names: dict[str, list[str]]) -> bool:
    """Would a reader find the draft trivia, or its answer given away?"""
    if c.template == "tf-true" and not central(a, c.sentence):
        return True  # a minor detail copied word for word: true, and not worth knowing
    if any(play_by_play(e) or _unplaced_inning(e, a) for e in c.evidence):
        return True
    post = re.match(r"Who is the (.+?)(?:, according|\?)", c.prompt) if c.template == "who-is" else None
    if post and _HEAD_POST.search(post.group(1).strip()):
        return True  # 'Who is the British Prime Minister?': general knowledge
    if c.kind is not Kind.TRUEFALSE and c.atype[0] in ("person", "org") and headline_subject(c.key, a):
        return True  # 'Which company ...?' of the company the story is about
    return c.kind is not Kind.TRUEFALSE and _answer_in_prompt(c, country_names)


def central(a: Analysis, index: int) -> bool:
    """Does the sentence carry the story's main fact: the lead itself, a sum or a share, or two of the lead's words?"""
    if index == 0:
        return True
    if any(m.type == "number" and m.subtype.startswith(("money", "percent")) for m in a.mentions[index]):
        return True
    return len(_common_words(a.sentences[0].text) & _common_words(a.sentences[index].text)) >= 2


def _common_words(text: str) -> set[str]:
    """The lower-case content words: a match report names its two teams in every sentence, which says nothing."""
    return content_words(" ".join(w for w in text.split() if not w[:1].isupper()))


@lru_cache(maxsize=1024)
def play_by_play(text: str) -> bool:
    """A player's single action told with no game, half or inning to place it."""
    return bool(_PLAY.search(text)) and not _GAME_CONTEXT.search(text)


def _unplaced_inning(text: str, a: Analysis) -> bool:
    """'In the top of the ninth' in a report of two games: which game? (readers: 'say in the first game')."""
    if not _INNING.search(text) or _WHICH_GAME.search(text):
        return False
    return sum(bool(_WHICH_GAME.search(s.text)) for s in a.sentences) >= 2


def headline_subject(key: str, a: Analysis) -> bool:
    """Is the entity the lead's first person or body, named again and again (the company of the headline)?"""
    ent = a.entities.get(key)
    if ent is None or not a.sentences or 0 not in ent.sentences:
        return False
    first = next((m for m in a.mentions[0] if m.type in ("person", "org")), None)
    return first is not None and first.key == key and len(ent.sentences) >= max(3, len(a.sentences) / 5)


def starts_name(after: str) -> bool:
    """Does the text right after a figure make it part of a name ('___ Hours of Le Mans')?"""
    return bool(_NAME_AFTER.match(after))


def _answer_in_prompt(c: Candidate, country_names: dict[str, list[str]]) -> bool:
    """The prompt says the answer elsewhere: '___ Hours of Le Mans' beside '24', 'the US' in 'of the US ___'."""
    prompt = c.prompt.replace(GAP_MARK, " ")
    answer = c.answer_text.strip()
    if not answer:
        return False
    if c.kind is Kind.NUMBER or c.atype[0] in ("number", "numword"):
        digits = answer.replace(",", "")
        # The plain test first: the blanked figure is seldom there, and each new figure's pattern is compiled.
        if (answer in prompt and _figure(answer, r"(?![\d.,]\d)").search(prompt)) or (
            digits != answer and digits in prompt and _figure(digits, r"(?!\d)").search(prompt)
        ):
            return True
        at = c.prompt.find(GAP_MARK)
        after = c.prompt[at + len(GAP_MARK) :] if at >= 0 else ""
        return starts_name(after)
    if c.atype[0] in ("country", "place"):
        names = [answer, *country_names.get(answer, [])]
        for alike in _SAME_PLACE:
            if fold(answer) in {fold(x) for x in alike}:
                names += list(alike)
        folded = fold(prompt)
        if any(len(n) > 1 and _word(fold(n)).search(folded) for n in names):
            return True
        return _city_of(prompt, names)
    return False


@lru_cache(maxsize=1024)
def _figure(figure: str, after: str) -> re.Pattern[str]:
    """The figure standing alone (not inside a longer number), followed as `after` says."""
    return re.compile(rf"(?<![\d.,]){re.escape(figure)}{after}")


@lru_cache(maxsize=1024)
def _word(words: str) -> re.Pattern[str]:
    """The words standing alone, not inside longer words."""
    return re.compile(rf"\b{re.escape(words)}\b")


def _city_of(prompt: str, names: list[str]) -> bool:
    """Does the prompt name a city of the answer's country ('the University of Chicago in the ___')?"""
    g = gazetteer()
    wanted = {fold(n) for n in names}
    for run in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", prompt):
        for part in (run, *run.split()):
            known = g.lookup(part)
            if known is not None and known.type == "place" and fold(known.country) in wanted:
                return True
    return False


def with_possessive(c: Candidate) -> Candidate:
    """'Dr. ___ team' as the article wrote 'Dr Lee team': the blank before a group of people takes its "'s"."""
    if c.kind is not Kind.GAP or c.atype[0] != "person":
        return c
    at = c.prompt.find(GAP_MARK)
    if at < 0 or not _GROUP_AFTER.match(c.prompt[at + len(GAP_MARK) :]):
        return c
    return replace(c, prompt=c.prompt[: at + len(GAP_MARK)] + "'s" + c.prompt[at + len(GAP_MARK) :])


def other_forms(c: Candidate, a: Analysis) -> Candidate:
    """Accept 'Britain' for 'UK' and a person's surname alone when nobody else in the story bears it."""
    if c.kind not in (Kind.GAP, Kind.RECALL) or not isinstance(c.answer, str):
        return c
    alts = list(c.alternatives)
    t = c.answer_text.strip()
    if c.atype[0] == "country":
        for alike in _SAME_PLACE:
            if fold(t) in {fold(x) for x in alike}:
                alts += [x for x in alike if fold(x) != fold(t)]
    if c.atype[0] == "person" and len(t.split()) >= 2:
        surname = family_name(t)  # 'Ma' for Ma Zhaoxu, never the given name 'Zhaoxu'
        others = [e for e in a.entities.values() if e.type == "person" and e.key != c.key]
        # 'Kim Min-Woo': a hyphened last word is a Korean given name, not what a reader calls him
        shared = any(fold(surname) in fold(e.key).split() for e in others)
        if surname[:1].isupper() and "-" not in surname and not shared:
            alts.append(surname)
            ent = a.entities.get(c.key)
            for role in ent.roles if ent else ():
                if role[:1].isupper() and " " not in role:
                    alts.append(f"{role} {surname}")  # 'Cardinal George' for Cardinal Francis George
    folded = {fold(o.text) for o in c.options} | {fold(t)}
    alts = list(dict.fromkeys(x for x in alts if fold(x) not in folded))
    return c if tuple(alts) == c.alternatives else replace(c, alternatives=tuple(alts))
