"""Names left untyped after the first pass, typed on how they are used: speakers, first names,
surnames seen alone, and what only a person does ('was killed', 'tweeted')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quiz.derive.cues import PERSON_CUES
from quiz.derive.gazetteer import Gazetteer
from quiz.derive.mentions import SPEECH_VERBS, Mention, role_class
from quiz.derive.name_runs import _PARTICLE_PREFIX, PARTICLES, Token, _name_like
from quiz.derive.sentences import Sentence

if TYPE_CHECKING:
    from quiz.derive.entities import Extractor


@dataclass
class _Pending:
    sentence: int
    tokens: list[int]
    start: int
    end: int
    text: str


_PERSON_ACT = re.compile(
    r"^(?:died|tweeted|resigned|was (?:killed|born|sentenced|arrested|injured|convicted|jailed|fired|sacked)|"
    r"pleaded|testified)\b"
)
_PRONOUN_GENDER = {"He": "male", "His": "male", "She": "female", "Her": "female"}


def _with_np(m: Mention, text: str, g: Gazetteer) -> Mention:
    """A bare surname mention keeps its title if one is written right before it ('President Putin')."""
    before = text[: m.start].rstrip(" ").rsplit(" ", 1)[-1]
    if before in g.title_heads and before[0].isupper() and text[m.start - 1 : m.start] == " ":
        start = m.start - 1 - len(before)
        return Mention(m.sentence, m.start, m.end, m.text, m.type, m.subtype, m.key, start)
    return m


def confirm_names(
    ex: Extractor,
    sentences: list[Sentence],
    toks: list[list[Token]],
    pending: list[_Pending],
    mentions: list[list[Mention]],
) -> None:
    """Type the runs left over: surnames of known people, and names confirmed by how they are used."""
    """Type the runs left over: surnames of known people, and names confirmed by how they are used."""
    g = ex.g
    # Names of two to four words used as speakers, or whose last word is used alone elsewhere.
    singles = {p.text.casefold() for p in pending if len(p.tokens) == 1}
    for p in pending:
        s = sentences[p.sentence]
        tk = toks[p.sentence]
        if len(p.tokens) >= 3 and p.start == 0 and tk[p.tokens[1]].text in g.first_names:
            cue = tk[p.tokens[0]].text.lower()
            if cue in PERSON_CUES or role_class([cue]):
                # 'Striker Jamal Okonkwo' at the start of a sentence: the first word is the post.
                found = ex._person_mention(s, tk, p.tokens[:1], p.tokens[1:])
                mentions[p.sentence].extend(found)
                p.tokens = []
                continue
        if not 2 <= len(p.tokens) <= 4 or not all(_name_like(tk[i], g) or not tk[i].cap for i in p.tokens):
            continue
        if ex._thing(tk, p.tokens):
            continue
        last = tk[p.tokens[-1]].text
        if _PARTICLE_PREFIX.match(last):
            last = last.split("-", 1)[1]
        after = s.text[p.end :].lstrip(" ,").split(" ", 1)[0].rstrip(",.")
        before = s.text[: tk[p.tokens[0]].start].rstrip().rsplit(" ", 1)[-1]
        acts = " ".join(s.text[p.end :].lstrip(" ,").split(" ")[:2]).rstrip(",.")
        # 'when Ayrton Senna was killed', 'Max Chilton tweeted': what only a person does
        speaker = after in SPEECH_VERBS or before in ("said", "says", "by") or bool(_PERSON_ACT.match(acts))
        if before in ("of", "at", "from", "for", "with"):
            speaker = False  # 'Tom Redfern of Peel Hunt said': the firm is not the speaker
        if before.lower() == "the" and not speaker:
            continue  # 'the Harbour Hawks beat ...': a team or a body, never a person's bare name
        hinted = ex.hints.get(p.text) == "person"
        named = tk[p.tokens[0]].text in g.first_names or last in ex.honoured
        # 'Kwabena Asante-Mensah chaired the panel. She said ...': the subject a pronoun picks up.
        nxt = sentences[p.sentence + 1].text.split(" ", 1)[0] if p.sentence + 1 < len(sentences) else ""
        named = named or (p.start == 0 and nxt in _PRONOUN_GENDER)
        if named or speaker or hinted or last.casefold() in singles or last.casefold() in ex.surnames:
            ex._person(p.text)
    for p in pending:
        s = sentences[p.sentence]
        tk = toks[p.sentence]
        if not p.tokens:
            continue
        if p.text in ex.companies:
            mentions[p.sentence].append(Mention(p.sentence, p.start, p.end, p.text, "org", "company", p.text))
            continue
        key = ex.folded.get(p.text.casefold())
        if key and ex.entities[key].type == "person":
            m = Mention(p.sentence, p.start, p.end, p.text, "person", "person", key)
            mentions[p.sentence].append(_with_np(m, s.text, g))
            continue
        if ex.hints.get(p.text) == "org" and all(_name_like(tk[i], g) or not tk[i].cap for i in p.tokens):
            mentions[p.sentence].append(Mention(p.sentence, p.start, p.end, p.text, "org", "group", p.text))
            continue
        if len(p.tokens) == 1 or (len(p.tokens) == 2 and tk[p.tokens[0]].text in PARTICLES):
            word = p.text.casefold()
            if word.startswith(("al-", "el-")):
                word = word[3:]
            owners = ex.surnames.get(word, set())
            if len(owners) == 1:
                key = next(iter(owners))
                m = Mention(p.sentence, p.start, p.end, p.text, "person", "person", key)
                mentions[p.sentence].append(_with_np(m, s.text, g))
