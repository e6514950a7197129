"""Rule-based entity recognition for English news: people and their posts, places and organisations
(dates, figures and quotations are read in figures.py).

Capitalised runs of words are found first (name_runs.py), then typed on the words around them
(cues.py) and the gazetteer: the gazetteer names countries, cities and well-known organisations;
a title before a name makes a person ("Russian Deputy Foreign Minister Sergei Ryabkov"); a keyword
at the end makes an organisation ("... Ministry", "... Front"); a surname seen alone later is
linked to the full name. What cannot be typed with confidence is
left out, so a question is never built on a guess.
"""

from __future__ import annotations

import re

from quiz.derive.cues import (
    _COMPANY_APPOSITIVE,
    CLUB_CUES,
    COMPANY_CUES,
    ORG_KEYWORDS,
    PERSON_CUES,
    PLACE_AFTER,
    PLACE_BEFORE,
)
from quiz.derive.figures import _month_number, dates, money, numbers, quotes, unit_after
from quiz.derive.gazetteer import Gazetteer, gazetteer
from quiz.derive.mentions import (
    FUNCTION_CAPS,
    MONTHS,
    SPEECH_VERBS,
    STOPWORDS,
    WEEKDAYS,
    Analysis,
    Entity,
    Mention,
    content_words,
    fold,
    iter_mentions,
    role_class,
    words,
)
from quiz.derive.name_confirmation import _PRONOUN_GENDER, _Pending, confirm_names
from quiz.derive.name_runs import _PARTICLE_PREFIX, PARTICLES, Token, _name_like, _runs, _split_run, tokenize
from quiz.derive.sentences import Sentence

# Names the rest of derive reads from here.
__all__ = [
    "FUNCTION_CAPS", "MONTHS", "ORG_KEYWORDS", "PARTICLES", "SPEECH_VERBS", "STOPWORDS", "WEEKDAYS", "Analysis",
    "Entity", "Extractor", "Mention", "_month_number", "analyse", "content_words", "dates", "fold", "iter_mentions",
    "money", "numbers", "quotes", "role_class", "unit_after", "words",
]  # fmt: skip

# --------------------------------------------------------------------------- the extractor


class Extractor:
    """Finds mentions in an article's sentences (two passes: people first, then what refers to them)."""

    def __init__(self, g: Gazetteer | None = None, hints: dict[str, str] | None = None) -> None:
        self.g = g or gazetteer()
        self.hints = hints or {}
        """Optional labels from spaCy (see spacy_ner.py) for names the rules cannot type."""
        self.entities: dict[str, Entity] = {}
        self.surnames: dict[str, set[str]] = {}
        self.folded: dict[str, str] = {}
        self.companies: set[str] = set()
        self.clubs: set[str] = set()
        self.honoured: dict[str, str] = {}
        """Surnames written after Mr, Ms, Sir, Dame... -> the gender that shows ('' for Dr, Professor)."""

    # ---- registry

    def _entity(self, key: str, type_: str, subtype: str) -> Entity:
        fk = key.casefold()
        if fk in self.folded:
            key = self.folded[fk]
        else:
            self.folded[fk] = key
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key, type_, subtype)
        return ent

    def _person(self, name: str) -> Entity:
        ent = self._entity(name, "person", "person")
        parts = name.split()
        last = parts[-1]
        variants = {last}
        if _PARTICLE_PREFIX.match(last):
            variants.add(last.split("-", 1)[1])
        if len(parts) >= 2 and parts[-2] in PARTICLES:
            variants.add(" ".join(parts[-2:]))
        ent.surname = ent.surname or last
        ent.gender = ent.gender or self.g.first_names.get(parts[0], "")
        for v in variants:
            self.surnames.setdefault(v.casefold(), set()).add(ent.key)
        return ent

    # ---- passes

    def analyse(self, sentences: list[Sentence]) -> Analysis:
        toks = [tokenize(s.text) for s in sentences]
        for s in sentences:
            for m in _HONOURED.finditer(s.text):
                self.honoured.setdefault(m.group(2), _HONORIFIC_GENDER.get(m.group(1), ""))
        mentions: list[list[Mention]] = [[] for _ in sentences]
        pending: list[_Pending] = []
        for s, tk in zip(sentences, toks, strict=True):
            for run in _runs(s.text, tk):
                for part in (p for piece in _split_run(run, tk) for p in self._split_of(piece, tk)):
                    found = self._classify(s, tk, part)
                    if found is None:
                        a, b = tk[part[0]].start, tk[part[-1]].end
                        pending.append(_Pending(s.index, part, a, b, s.text[a:b]))
                    else:
                        mentions[s.index].extend(found)
        confirm_names(self, sentences, toks, pending, mentions)
        for s in sentences:
            found = mentions[s.index]
            found.extend(dates(s.index, s.text))
            found.extend(numbers(s.index, s.text))
            found.extend(money(s.index, s.text))
            mentions[s.index] = _dedupe(found)
            for m in mentions[s.index]:
                if m.type in ("date", "number", "title", "nationality"):
                    continue
                ent = self.entities.get(m.key) or self._entity(m.key, m.type, m.subtype)
                if m.text not in ent.forms:
                    ent.forms.append(m.text)
                if s.index not in ent.sentences:
                    ent.sentences.append(s.index)
                if m.type == "person" and m.np_start >= 0:
                    phrase = s.text[m.np_start : m.end]
                    if phrase not in ent.phrases:
                        ent.phrases.append(phrase)
        self._genders(sentences, mentions)
        return Analysis(sentences, mentions, self.entities)

    def _genders(self, sentences: list[Sentence], mentions: list[list[Mention]]) -> None:
        """Gender where the article shows it: 'Ms Whitcombe', or 'She' opening the next sentence."""
        for ent in self.entities.values():
            if ent.type == "person" and not ent.gender:
                ent.gender = self.honoured.get(ent.surname, "")
        for s in sentences[:-1]:
            people = {m.key for m in mentions[s.index] if m.type == "person"}
            nxt = sentences[s.index + 1]
            pronoun = _PRONOUN_GENDER.get(nxt.text.split(" ", 1)[0])
            if len(people) == 1 and pronoun and nxt.paragraph - s.paragraph <= 1:
                ent = self.entities[next(iter(people))]
                ent.gender = ent.gender or pronoun

    def _classify(self, s: Sentence, tk: list[Token], part: list[int]) -> list[Mention] | None:
        g, text = self.g, s.text
        first, last = tk[part[0]], tk[part[-1]]
        surface = text[first.start : last.end]
        sentence_start = first.start == 0 or text[: first.start].strip() in ('"', "(", "'")
        known = g.lookup(surface)
        if known:
            return [Mention(s.index, first.start, last.end, surface, known.type, known.subtype, known.name)]
        if len(part) == 1 and surface in g.demonyms:
            return [Mention(s.index, first.start, last.end, surface, "nationality", "nationality", g.demonyms[surface])]
        person = self._titled_person(s, tk, part)
        if person:
            return person
        org = self._organisation(s, tk, part, surface)
        if org:
            return org
        company = self._company(s, tk, part, surface)
        if company:
            return company
        if sentence_start and len(part) > 1:
            # 'Scheduled Vienna talks': the capital may only be there because the sentence starts.
            rest = self._classify(s, tk, part[1:]) if tk[part[0]].text not in g.names else None
            if rest:
                return rest
        if first.text in ("River", "Lake", "Mount", "Loch") and len(part) >= 2:
            return [Mention(s.index, first.start, last.end, surface, "place", "natural", surface)]
        nxt = text[last.end : last.end + 40].lstrip(" ").split(" ")
        if nxt and nxt[0].rstrip(",.") in PLACE_AFTER and all(_name_like(tk[i], g) for i in part):
            return [Mention(s.index, first.start, last.end, surface, "place", "region", surface)]
        before = text[max(0, first.start - 16) : first.start].lower().rstrip()
        cue = next((p for p in PLACE_BEFORE if before.endswith(p)), "")
        if cue and all(_name_like(tk[i], g) for i in part):
            return [Mention(s.index, first.start, last.end, surface, "place", PLACE_BEFORE[cue], surface)]
        return None

    def _company(self, s: Sentence, tk: list[Token], part: list[int], surface: str) -> list[Mention] | None:
        """'chipmaker Norvatek', 'Norvatek, the Dutch semiconductor group,', 'shares in Norvatek'."""
        text = s.text
        first, last = tk[part[0]], tk[part[-1]]
        if not all(_name_like(tk[i], self.g) or not tk[i].cap for i in part):
            return None
        prev = tk[part[0] - 1].text.lower() if part[0] >= 1 else ""
        gap = text[tk[part[0] - 1].end : first.start] if part[0] >= 1 else ""
        # 'chipmaker Norvatek', or in apposition: 'The developer, Harbourside Homes, said'.
        cue = prev in COMPANY_CUES and (gap == " " or gap == ", " and text[last.end : last.end + 1] == ",")
        cue = cue or bool(_COMPANY_APPOSITIVE.match(text[last.end :]))
        cue = cue or text[: first.start].lower().endswith(("shares in ", "shares of "))
        if prev in CLUB_CUES and text[tk[part[0] - 1].end : first.start] == " " or surface in self.clubs:
            self.clubs.add(surface)
            return [Mention(s.index, first.start, last.end, surface, "org", "club", surface)]
        if cue or surface in self.companies:
            self.companies.add(surface)
            return [Mention(s.index, first.start, last.end, surface, "org", "company", surface)]
        return None

    def _titled_person(self, s: Sentence, tk: list[Token], part: list[int]) -> list[Mention] | None:
        """'Russian Deputy Foreign Minister Sergei Ryabkov', 'UN Syria envoy Staffan de Mistura'."""
        g, text = self.g, s.text
        heads = g.title_heads
        # A head inside the run: the name follows it.
        for h in range(len(part) - 2, -1, -1):
            t = tk[part[h]].text
            if t not in heads and not (t == "State" and h >= 2 and tk[part[h - 2]].text == "Secretary"):
                continue
            name = part[h + 1 :]
            if not 1 <= len(name) <= 4 or not all(_name_like(tk[i], g) or not tk[i].cap for i in name):
                continue
            if not tk[name[0]].cap or not tk[name[-1]].cap or self._thing(tk, name):
                continue
            role_tokens = part[: h + 1]
            return self._person_mention(s, tk, role_tokens, name)
        # A lower-case head just before the run: 'envoy Staffan de Mistura', 'spokeswoman Maria Zakharova'.
        first = tk[part[0]]
        idx = part[0]
        if idx >= 1 and all(_name_like(tk[i], g) or not tk[i].cap for i in part) and len(part) <= 4:
            prev = tk[idx - 1]
            gap = text[prev.end : first.start]
            after = text[tk[part[-1]].end : tk[part[-1]].end + 1]
            appositive = gap == ", " and after == "," and len(part) >= 2
            if self._thing(tk, part):
                return None
            if prev.text in heads and not prev.text[0].isupper() and (gap == " " or appositive):
                role_start = idx - 1
                lower_words = 0
                while role_start >= 1:
                    cand = tk[role_start - 1]
                    between = text[cand.end + (2 if cand.possessive else 0) : tk[role_start].start]
                    if between != " " or cand.text[0].isdigit() or cand.text in FUNCTION_CAPS:
                        break
                    if cand.cap or cand.text in heads:
                        role_start -= 1
                        if cand.possessive:
                            break
                    elif cand.text.isalpha() and cand.text not in STOPWORDS and lower_words < 1:
                        role_start -= 1  # 'economy minister', 'defence secretary'
                        lower_words += 1
                    else:
                        break
                return self._person_mention(s, tk, list(range(role_start, idx)), part)
            if role_class([prev.text]) and gap == " " and len(part) >= 2:
                # 'winger Liam Fairbairn', 'fast bowler Tom Lathwell': a post, with one word before it.
                role = [idx - 1]
                before = tk[idx - 2] if idx >= 2 else None
                modifier = before and before.text.isalpha() and before.text.islower() and before.text not in STOPWORDS
                if before and modifier and text[before.end : prev.start] == " ":
                    role.insert(0, idx - 2)
                return self._person_mention(s, tk, role, part)
            if prev.text.lower() in PERSON_CUES and gap in (" ", ", ") and len(part) >= 2:
                ent = self._person(text[first.start : tk[part[-1]].end])
                return [Mention(s.index, first.start, tk[part[-1]].end, ent.key, "person", "person", ent.key)]
        return None

    def _split_of(self, part: list[int], tk: list[Token]) -> list[list[int]]:
        """'Tom Redfern of Peel Hunt' is a person and an organisation, not one name."""
        words_ = [tk[i].text for i in part]
        if "of" not in words_ or not any(w in self.g.first_names for w in words_[:2]):
            return [part]
        at = words_.index("of")
        rest = part[at + 1 :]
        if rest and tk[rest[0]].text == "the":
            rest = rest[1:]
        return [p for p in (part[:at], rest) if p]

    def _thing(self, tk: list[Token], name: list[int]) -> bool:
        """Words that name things ('Election', 'Social Care', 'Bristol Rovers'), unless a first name leads."""
        if tk[name[0]].text in self.g.first_names:
            return False
        return any(tk[i].text in self.g.common or tk[i].text in ORG_KEYWORDS for i in name)

    def _person_mention(self, s: Sentence, tk: list[Token], role_tokens: list[int], name: list[int]) -> list[Mention]:
        g, text = self.g, s.text
        a, b = tk[name[0]].start, tk[name[-1]].end
        full = text[a:b]
        np_start = tk[role_tokens[0]].start if role_tokens else a
        # A possessive country right before the title belongs to it: "Britain's UN Ambassador".
        first_role = role_tokens[0] if role_tokens else name[0]
        if first_role >= 1:
            prev = tk[first_role - 1]
            if prev.possessive and text[prev.end + 2 : tk[first_role].start] == " ":
                known = g.lookup(prev.text)
                if known and known.type in ("country", "org"):
                    np_start = prev.start
        role_words = [tk[i].text for i in role_tokens]
        # Nationality words and honorifics are not the post itself.
        while role_words and (role_words[0] in g.demonyms or g.lookup(role_words[0]) is not None):
            if g.lookup(role_words[0]) and g.lookup(role_words[0]).type == "org":  # type: ignore[union-attr]
                break
            role_words = role_words[1:]
        while role_words and role_words[0] in g.honorifics:
            role_words = role_words[1:]  # 'Professor Sir': honours, not a post
        role = " ".join(role_words)
        role_phrase = text[np_start:a].strip().rstrip(",").strip()
        ent = self._person(full)
        if role and role not in ent.roles:
            ent.roles.append(role)
            ent.role_phrases.append(role_phrase)
        return [
            Mention(s.index, a, b, full, "person", "person", ent.key, np_start, role, role_phrase),
        ]

    def _organisation(self, s: Sentence, tk: list[Token], part: list[int], surface: str) -> list[Mention] | None:
        text = s.text
        first, last = tk[part[0]], tk[part[-1]]
        after = text[last.end : last.end + 14]
        if after.startswith((" news agency", " News Agency", " agency")):
            return [Mention(s.index, first.start, last.end, surface, "org", "news-agency", surface)]
        kind = ORG_KEYWORDS.get(last.text)
        if kind and (len(part) >= 2 or last.text == "FC"):
            return [Mention(s.index, first.start, last.end, surface, "org", kind, surface)]
        inner = any(tk[i].text in ORG_KEYWORDS and tk[i].text != "Post" for i in part[:-1])
        if len(part) >= 2 and inner and any(tk[i].text == "of" for i in part):
            # 'Ministry of Defence', 'Bank of England'
            head = next(tk[i].text for i in part if tk[i].text in ORG_KEYWORDS)
            return [Mention(s.index, first.start, last.end, surface, "org", ORG_KEYWORDS[head], surface)]
        if len(part) == 1 and 2 <= len(surface) <= 6 and surface.isupper() and surface.isalpha():
            return [Mention(s.index, first.start, last.end, surface, "org", "acronym", surface)]
        return None


_HONOURED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Dr|Professor)\.? ([A-Z][\w'-]+)")
_HONORIFIC_GENDER = {"Mr": "male", "Sir": "male", "Lord": "male", "Mrs": "female", "Ms": "female", "Miss": "female",
                     "Dame": "female", "Lady": "female"}  # fmt: skip


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sorted by position; of two overlapping mentions the longer one wins."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def analyse(sentences: list[Sentence], g: Gazetteer | None = None, hints: dict[str, str] | None = None) -> Analysis:
    """Find and type every mention in the article's sentences (`hints`: optional spaCy labels)."""
    return Extractor(g, hints).analyse(sentences)
