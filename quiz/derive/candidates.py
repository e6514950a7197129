"""Question candidates from an analysed article: several templates per sentence, each checked as it is built.

Templates:
- subject: "Which country has once again blocked ...?" (the sentence's subject asked for)
- said: 'Who said "..."?' (a quotation or reported statement with its speaker after it)
- post / who-is: "What post does X hold?", "Who is Britain's UN Ambassador?" (posts.py)
- gap: the sentence with a person, place, organisation or date blanked out
- number: the sentence with a figure blanked out
- truefalse: the sentence as written, or with one entity swapped for another of its type (statements.py)
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.distractors import Option, Pools
from quiz.derive.entities import COMPANY_CUES
from quiz.derive.figure_options import ceiling_for, date_options, format_like, number_options, numword_options
from quiz.derive.figures import quotes, unit_after
from quiz.derive.mentions import SPEECH_VERBS, Analysis, Mention, content_words, fold, words
from quiz.derive.posts import Posts
from quiz.derive.sentences import Sentence
from quiz.derive.statements import RANGE_END, Statements
from quiz.derive.wording import (
    ADVERBS,
    AUX,
    DISCOURSE,
    PRONOUN_START,
    TIME_UNIT,
    TYPE_TAG,
    attributive,
    capital,
    clip,
    clip_around,
    clip_at_clause,
    ends_as_question,
    grams,
    is_verb,
    leans_on_context,
    own_clause,
    plain_intro,
    tags_for,
    usable,
)

_WH = {
    ("person", "person"): "who",
    ("country", "country"): "which country",
    ("place", "city"): "which city",
    ("place", "region"): "which region",
    ("org", "international"): "which organisation",
    ("org", "ngo"): "which organisation",
    ("org", "news-agency"): "which news agency",
    ("org", "broadcaster"): "which broadcaster",
    ("org", "armed-group"): "which group",
    ("org", "party"): "which party",
    ("org", "company"): "which company",
    ("org", "university"): "which university",
    ("org", "newspaper"): "which newspaper",
}


class Builder(Posts, Statements):
    """Builds every candidate for one analysed article."""

    def __init__(self, analysis: Analysis, pools: Pools, rng: random.Random) -> None:
        self.a = analysis
        self.pools = pools
        self.rng = rng
        self.sents = analysis.sentences
        self.article_dates = [m.text for ms in analysis.mentions for m in ms if m.type == "date"]
        # Each sentence's words, computed once: the conflict checks compare every pair of sentences.
        self.words = [words(s.text) for s in self.sents]
        self.content = [content_words(s.text) for s in self.sents]
        self.grams = [grams(w, 6) for w in self.words]
        self._forms: dict[str, list[str]] = {}
        # What the story is about (in a third of its sentences or more): as a blank, anyone guesses it.
        floor = max(4, len(self.sents) / 3)
        self.dominant = {e.key for e in analysis.entities.values() if len(e.sentences) >= floor}

    # ---------------------------------------------------------------- helpers

    def forms(self, key: str) -> list[str]:
        """Every way the article (or the gazetteer, for a country) writes this entity."""
        if key in self._forms:
            return self._forms[key]
        ent = self.a.entities.get(key)
        out = [key]
        if ent:
            out += ent.forms
            if ent.type == "person":
                out.append(ent.surname)
                if "-" in ent.surname:
                    out.append(ent.surname.split("-", 1)[1])
            if ent.type == "country":
                out += self.pools.g.aliases.get(key, [])
        found = self._forms[key] = [f for f in dict.fromkeys(out) if f]
        return found

    def leaks(self, prompt: str, key: str, answer: str) -> bool:
        """Does the prompt give the answer away (any written form of it, even inside a longer word)?"""
        p = fold(prompt)
        for f in [answer, *self.forms(key)]:
            ff = fold(f)
            if len(ff) > 3 and ff in p:
                return True
            if 0 < len(ff) <= 3 and re.search(rf"\b{re.escape(ff)}\b", p):
                return True
        return False

    def opening(self, s: Sentence) -> tuple[int, str] | None:
        """How to read a sentence that opens with a pronoun out of context: (length of the pronoun, what it
        stands for), (0, '') when it opens with none, None when the pronoun cannot be resolved.

        'He joined ...' -> 'Okonkwo joined ...' when the sentence before names one person of that gender;
        'Its chief executive, ...' -> "The Home Builders Federation's chief executive, ..." after an organisation.
        """
        word = s.text.split(" ", 1)[0]
        if word not in _OPENING_PRONOUNS:
            return 0, ""
        if s.index == 0 or s.paragraph - self.sents[s.index - 1].paragraph > 1:
            return None
        prev = self.a.mentions[s.index - 1]
        possessive = word in ("His", "Her", "Its", "Their")
        if word in ("He", "She", "His", "Her"):
            gender = "male" if word in ("He", "His") else "female"
            people = {m.key for m in prev if m.type == "person"}
            ents = [self.a.entities[k] for k in people]
            if len(ents) != 1 or ents[0].gender not in (gender, ""):
                return None
            name = ents[0].surname
            return len(word), name + ("'s" if possessive else "")
        orgs = [m for m in prev if m.type == "org"]
        if not orgs or len({m.key for m in orgs}) > 1 and word in ("Its", "It"):
            return None
        lead = self.sents[s.index - 1].text[: orgs[0].start].lower().split()
        if not set(lead) <= _ORG_LEADS:
            return None  # 'Researchers at the University of Bristol ... They found': they are the researchers
        name = orgs[0].key
        the = "The " if re.match(r"^(?:[A-Z][a-z]+ ){1,}(?:" + "|".join(_THE_HEADS) + ")", name) else ""
        return len(word), the + name + ("'s" if possessive and not name.endswith("s") else "'" if possessive else "")

    def readable(self, s: Sentence, shown: str) -> str | None:
        """`shown` (the sentence with a blank) with an opening pronoun resolved, or None if it cannot be."""
        found = self.opening(s)
        if found is None:
            return None
        n, name = found
        if not n or not shown.startswith(s.text[:n]):
            return shown
        return f"[{name}]" + shown[n:]  # brackets: words put in, as quoting news does

    def _gives_away(self, text: str, m: Mention) -> bool:
        """Does the sentence name the place's country, so the blank is obvious ('Swiss city of ___')?"""
        known = self.pools.g.lookup(m.text)
        if not known or not known.country:
            return False
        demonyms = self.pools.g.demonyms_of.get(known.country, [])
        rest = text[: m.start] + text[m.end :]
        return any(re.search(rf"\b{re.escape(w)}\b", rest) for w in [known.country, *demonyms])

    def conflicting(self, index: int, statement: str, key: str, type_: tuple[str, str]) -> bool:
        """Does another sentence say much the same with another entity of the answer's type?"""
        mine = content_words(statement)
        if len(mine) < 3:
            return False
        runs = grams(words(statement), 6)
        for s in self.sents:
            if s.index == index:
                continue
            overlap = len(mine & self.content[s.index]) / len(mine)
            if overlap < 0.6 and runs.isdisjoint(self.grams[s.index]):
                continue
            for m in self.a.mentions[s.index]:
                if (m.type, m.subtype) == type_ and m.key != key:
                    return True
        return False

    def options(
        self,
        answer: str,
        m_type: tuple[str, str],
        key: str,
        avoid: str,
        sentence: int,
        surname: bool = False,
        region_first: bool = False,
    ) -> list[Option]:
        region = self.pools.g.regions.get(key, "")
        ms = [m for m in self.a.mentions[sentence] if m.key != key and m.type not in ("number", "date")]
        names = [m.text for m in ms]
        # Names in the sentence under any of their forms ('US' there rules out 'United States'), and the
        # countries of the people in it ('Assad' rules out Syria as a plausible 'Which country ...?').
        exclude = [*self.forms(key), *(f for m in ms for f in self.forms(m.key))]
        if m_type == ("country", "country"):
            for m in ms:
                ent = self.a.entities.get(m.key)
                for phrase in ent.role_phrases if ent and m.type == "person" else ():
                    exclude += [self.pools.g.demonyms.get(w.removesuffix("'s"), w.removesuffix("'s"))
                                for w in phrase.split()]  # fmt: skip
        return self.pools.pick(
            answer, m_type, self.rng, exclude=exclude, avoid=avoid, avoid_names=names, region=region,
            surname=surname, region_first=region_first,
            like=self.a.entities.get(key) if m_type[0] == "person" else None,
        )  # fmt: skip

    # ---------------------------------------------------------------- templates

    def all(self) -> list[Candidate]:
        out: list[Candidate] = []
        for s in self.sents:
            if not usable(s):
                continue
            for make in (self.subject, self.said, self.posts, self.gaps, self.number, self.truefalse):
                out.extend(make(s))
        return out

    def subject(self, s: Sentence) -> list[Candidate]:
        """Ask for the sentence's subject: 'Which country has once again blocked ...?'."""
        text = s.text
        body = DISCOURSE.sub("", text)
        offset = len(text) - len(body)
        ms = self.a.mentions[s.index]
        intro = ""
        subj = [m for m in ms if m.np[0] == offset]
        if not subj:
            m = re.match(r"^([A-Z][^,\"]{5,90}), ", body)
            if m and not (set(words(m.group(1))) & PRONOUN_START):
                at = offset + m.end()
                subj = [x for x in ms if x.np[0] == at]
                intro = plain_intro(m.group(0))
        if not subj:
            return []
        first = subj[0]
        members = [first]
        end = first.end
        # 'Britain, France, and Spain have ...' / 'Russia and Syria accuse ...'
        rest = text[end:]
        while True:
            m = re.match(r"^(,? and |, )(the )?", rest)
            if not m:
                break
            nxt = [x for x in ms if x.start == end + m.end()]
            if not nxt or (nxt[0].type, nxt[0].subtype) != (first.type, first.subtype):
                break
            members.append(nxt[0])
            end = nxt[0].end
            rest = text[end:]
            if m.group(1).strip(", ") == "and":
                break
        if len(members) > 1 and not text[members[-2].end : members[-1].start].lstrip(",").startswith(" and"):
            return []  # a list cut short: 'Russia, China, ...'
        atype = (first.type, first.subtype)
        if atype not in _WH or (first.type != "person" and first.key in self.dominant):
            return []
        after = text[end:]
        appositive = ""
        m = re.match(r"^(, [^,]{3,80},) ", after)
        if m and not re.search(r'["]', m.group(1)):
            # A relative clause can go ('Santos, who took charge in January, said' -> 'Who said');
            # a noun appositive stays as a clue ('Which country, a staunch Assad ally, opposed').
            relative = re.match(r"^, (who|which|whose|where)\b", m.group(1))
            appositive = "" if relative else m.group(1)
            after = after[m.end() - 1 :]
        predicate = own_clause(after.lstrip(" "))
        pw = predicate.split(" ")
        i = 0
        while i < len(pw) - 1 and pw[i] in ADVERBS - AUX:
            i += 1
        if not pw or not is_verb(pw[i]) or text.rstrip().endswith("?") or leans_on_context(predicate):
            return []
        if len(members) > 1:
            answer_text = text[first.start : end]
            n = len(members)
            wh = f"which {'two' if n == 2 else 'three' if n == 3 else 'four' if n == 4 else ''} " + {
                "country": "countries", "place": "places", "org": "organisations", "person": "people",
            }.get(first.type, "")  # fmt: skip
            wh = wh.replace("  ", " ")
        else:
            answer_text = first.text
            wh = _WH[atype]
        question = f"{wh}{appositive} {ends_as_question(predicate)}"
        prompt = f"{intro}{question}" if intro else capital(question)
        key = first.key if len(members) == 1 else "|".join(x.key for x in members)
        if any(self.leaks(prompt, x.key, x.text) for x in members):
            return []
        statement = predicate
        if self.conflicting(s.index, statement, first.key, atype):
            return []
        if len(members) > 1:
            opts = self.list_options(members, text, prompt)
            explanation = f"The article names {answer_text}."
        else:
            surname = first.type == "person" and " " not in answer_text
            opts = self.options(answer_text, atype, first.key, prompt, s.index, surname=surname)
            if first.type in ("country", "place") and not any(o.source == "article" for o in opts):
                return []  # only far-off names to choose from: the answer is guessed from the question
            said = clip(ends_as_question(predicate)[:-1], 18)
            explanation = f"The article reports that {answer_text} {said}" + ("" if said.endswith("…") else ".")
        primary = TYPE_TAG.get(first.type, "")
        if re.match(r"^(said|told|says|added|warned|stressed)\b", predicate) and '"' in predicate:
            primary = "quotes"
        base = Candidate(
            template=f"subject-{first.type}" if len(members) == 1 else "subject-list",
            kind=Kind.CHOICE,
            sentence=s.index,
            prompt=prompt,
            answer=answer_text,
            answer_text=answer_text,
            span=(0, first.start, end),
            evidence=(text,),
            atype=atype if len(members) == 1 else (first.type + "-list", str(len(members))),
            key=key,
            explanation=explanation,
            tags=tags_for(primary, text),
            options=tuple(opts),
            difficulty=2 if len(members) > 1 or intro else 1,
            sentences=(s.index,),
        )
        out = [base]
        if len(members) == 1:
            out.append(replace(base, kind=Kind.RECALL, alternatives=tuple(self.alternatives(first, opts))))
        return out

    def list_options(self, members: list[Mention], text: str, prompt: str) -> list[Option]:
        """Lists like the answer with one or two members swapped for others of the same type."""
        first = members[0]
        seps = [text[members[i].end : members[i + 1].start] for i in range(len(members) - 1)]
        keys = {m.key for m in members}
        pool = self.pools.pick(
            first.text, (first.type, first.subtype), self.rng, k=6,
            exclude=[f for m in members for f in self.forms(m.key)], avoid=prompt,
        )  # fmt: skip
        names = [o.text for o in pool if o.text not in keys]
        out: list[Option] = []
        atype = (first.type + "-list", str(len(members)))
        positions = list(range(len(members)))[::-1]
        for i, name in zip(positions, names, strict=False):
            parts = [m.text for m in members]
            parts[i] = name
            joined = parts[0] + "".join(sep + p for sep, p in zip(seps, parts[1:], strict=True))
            out.append(Option(joined, atype, pool[0].source if pool else "article"))
        return out[:3]

    def alternatives(self, m: Mention, opts: list[Option]) -> list[str]:
        banned = {fold(o.text) for o in opts} | {fold(m.text)}
        alts: list[str] = []
        ent = self.a.entities.get(m.key)
        if m.type == "person" and ent:
            if fold(ent.key) != fold(m.text):
                alts.append(ent.key)
            alts.append(ent.surname)
            if "-" in ent.surname:
                alts.append(ent.surname.split("-", 1)[1])
        elif m.type == "country":
            alts += [m.key, *self.pools.g.aliases.get(m.key, [])]
        seen = set(banned)
        out = []
        for a in alts:
            if fold(a) not in seen and fold(a):
                seen.add(fold(a))
                out.append(a)
        return out[:3]

    def said(self, s: Sentence) -> list[Candidate]:
        """'"...," Putin added.' -> 'Who said "..."?'."""
        text = s.text
        body_start = len(text) - len(DISCOURSE.sub("", text))
        verbs = "|".join(sorted(SPEECH_VERBS))
        for m in self.a.mentions[s.index]:
            if m.type != "person":
                continue
            np0 = m.np[0]
            before, after = text[:np0], text[m.end :]
            trailing = re.match(rf"^ ({verbs})\b([^\"]{{0,80}})[.]$", after)
            inverted = re.search(rf'(,"|,|[?!]") ({verbs}) $', before)
            if trailing and re.search(r'(,"|,|[?!]"|") $', before):
                cut = re.search(r'(,"|,|[?!]"|") $', before).start()  # type: ignore[union-attr]
                clause = text[body_start : cut + (1 if before[cut:].startswith(('"', '?"', '!"')) else 0)]
                if before[cut:].startswith(',"'):
                    clause = text[body_start:cut] + '"'
            elif inverted and re.match(r"^(,[^\"]{0,80})?[.]$", after):
                cut = inverted.start()
                clause = text[body_start:cut] + ('"' if inverted.group(1).endswith('"') else "")
            else:
                continue
            return self._said(s, m, clause)
        # '"...," he said.' -> the speaker is the person the previous sentence is about.
        pm = re.search(rf'(,"|[?!]") (he|she) ({verbs})([^"]{{0,60}})[.]$', text)
        if pm and s.index > 0:
            speaker = self._previous_speaker(s.index)
            if speaker:
                prev, m = speaker
                clause = text[body_start : pm.start()] + '"'
                return self._said(s, m, clause, previous=prev)
        return []

    def _previous_speaker(self, index: int) -> tuple[Sentence, Mention] | None:
        prev = self.sents[index - 1]
        if self.sents[index].paragraph - prev.paragraph > 1:
            return None
        people = [m for m in self.a.mentions[prev.index] if m.type == "person"]
        if not people:
            return None
        body_start = len(prev.text) - len(DISCOURSE.sub("", prev.text))
        if people[0].np[0] == body_start or len({m.key for m in people}) == 1:
            return prev, people[0]
        return None

    def _said(self, s: Sentence, m: Mention, clause: str, previous: Sentence | None = None) -> list[Candidate]:
        clause = clause.strip()
        named = any(x.start == len(s.text) - len(DISCOURSE.sub("", s.text)) for x in self.a.mentions[s.index])
        if len(clause.split()) < 5 or clause.count('"') % 2:
            return []
        inner = clause
        qs = quotes(clause)
        if len(qs) == 1 and qs[0].start == 0 and qs[0].end == len(clause):
            inner = qs[0].text.rstrip(",. ")
            # A long quotation: its first sentence is enough to recognise it.
            first = re.split(r"(?<=[.!?]) (?=[A-Z])", inner)[0]
            if len(first.split()) >= 6:
                inner = first.rstrip(".")
            inner = clip_at_clause(inner, 30)
            shown = f'"{inner}"'
        else:
            shown = re.sub(r'[,.]"', '"', clause)
            first_word = shown.split(" ", 1)[0]
            if not named and first_word != "I" and first_word[1:].islower():
                shown = shown[:1].lower() + shown[1:]  # 'Turnout was ...' -> 'Who said turnout was ...?'
        prompt = f"Who said {shown}" + ("" if shown.endswith(("?", '?"', "!", '!"')) else "?")
        ent = self.a.entities.get(m.key)
        if self.leaks(prompt, m.key, m.text):
            return []
        if self.conflicting(s.index, clause, m.key, ("person", "person")):
            return []
        answer_text = m.text
        surname = " " not in answer_text
        opts = self.options(answer_text, ("person", "person"), m.key, prompt, s.index, surname=surname)
        evidence = (previous.text, s.text) if previous else (s.text,)
        span = (0, m.start, m.end) if previous else (0, m.start, m.end)
        role = f", {ent.role_phrases[0]}" if ent and ent.role_phrases else ""
        name = ent.key if ent else answer_text
        explanation = f"The article gives these words to {name}{role}."
        base = Candidate(
            template="said",
            kind=Kind.RECALL,
            sentence=s.index,
            prompt=prompt,
            answer=answer_text,
            answer_text=answer_text,
            span=span,
            evidence=evidence,
            atype=("person", "person"),
            key=m.key,
            explanation=explanation.replace("  ", " "),
            tags=tags_for("quotes", s.text) if "people" in tags_for("quotes", s.text) else ("quotes", "people"),
            options=tuple(opts),
            difficulty=2 if previous else 1,
            sentences=(previous.index, s.index) if previous else (s.index,),
        )
        base.alternatives = tuple(self.alternatives(m, opts))
        return [base, replace(base, kind=Kind.CHOICE, alternatives=())]

    def gaps(self, s: Sentence) -> list[Candidate]:
        """The sentence with one person, place, organisation, date or number word blanked out."""
        text = s.text
        if GAP_MARK in text or '"' in text[:1]:
            return []
        out: list[Candidate] = []
        for m in self.a.mentions[s.index]:
            atype = (m.type, m.subtype)
            if m.type not in ("person", "country", "place", "org", "date", "numword") or m.key in self.dominant:
                continue
            if m.type == "org" and m.subtype in ("acronym", "government", "group"):
                continue
            if m.type == "numword" and not unit_after(text, m.end) and not text[m.end :].startswith(" other "):
                continue
            if m.type in ("country", "place", "org") and attributive(text, m.end):
                continue  # 'the Geneva talks', 'a UN diplomat': the blank would be guessed from the noun
            if m.type == "place" and self._gives_away(text, m):
                continue  # 'the Swiss city of ___'
            if text[m.end : m.end + 2] == "'s" or (m.type == "date" and m.subtype == "weekday"):
                continue  # "___'s government" gives a person away; a weekday is trivia
            if m.type == "person" and self.conflicting(s.index, text[: m.np[0]] + text[m.end :], m.key, atype):
                continue
            shown = self.readable(s, text[: m.start] + GAP_MARK + text[m.end :])
            if shown is None:
                continue
            shown = clip_around(shown, shown.index(GAP_MARK))
            if self.leaks(shown, m.key, m.text) or m.text.lower() in ("the", "a"):
                continue
            if m.type == "date":
                texts = date_options(m, self.rng, exclude=self.article_dates)
                opts = [Option(t, atype, "generated") for t in texts]
            elif m.type == "numword":
                exclude = [x.text for x in self.a.mentions[s.index] if x.type == "numword"]
                texts = numword_options(m.text, self.rng, exclude=exclude, unit=unit_after(text, m.end))
                opts = [Option(t, atype, "generated") for t in texts]
            else:
                opts = self.options(
                    m.text, atype, m.key, shown, s.index, surname=m.type == "person" and " " not in m.text
                )
            if m.type == "person" and len(opts) < 3:
                continue
            if m.type in ("country", "place") and not any(o.source == "article" for o in opts):
                continue  # only far-off names to choose from: the blank is guessed from the sentence
            alternatives = self.alternatives(m, opts) if m.type in ("person", "country") else []
            tag = {"numword": ""}.get(m.type, TYPE_TAG.get(m.type, ""))
            in_list = m.type == "country" and bool(
                re.search(r"(, | and )$", text[: m.start]) or re.match(r"^(, |,? and )", text[m.end :])
            )
            out.append(
                Candidate(
                    template=f"gap-{m.type}" + ("-list" if in_list else ""),
                    kind=Kind.GAP,
                    sentence=s.index,
                    prompt=shown,
                    answer=m.text,
                    answer_text=m.text,
                    span=(0, m.start, m.end),
                    evidence=(text,),
                    atype=atype,
                    key=m.key,
                    explanation=f'The article has "{m.text}" here.',
                    tags=tags_for(tag, text),
                    alternatives=tuple(alternatives),
                    options=tuple(opts),
                    sentences=(s.index,),
                )
            )
        return out

    def number(self, s: Sentence) -> list[Candidate]:
        """'Fill in the number: "... killed ___ people ..."'."""
        text = s.text
        out: list[Candidate] = []
        ms = [m for m in self.a.mentions[s.index] if m.type == "number"]
        for m in ms:
            if m.value <= 0 or (m.subtype == "count" and _BARE_COUNT.match(text[m.end :])):
                continue  # 'Only ___ have been sent back': a count of what the sentence never names
            shown = self.readable(s, text[: m.start] + GAP_MARK + text[m.end :])
            if shown is None:
                continue
            shown = clip_around(shown, shown.index(GAP_MARK))
            unit = "%" if m.subtype == "percent" else unit_after(text, m.end)
            if m.subtype.startswith("money:"):
                unit = m.subtype.split(":", 1)[1]
            others = [x.value for x in ms if x is not m]
            ceiling = 100.0 if m.subtype == "percent" and m.value <= 100 else ceiling_for(unit)
            upto = RANGE_END.match(text[m.end :])
            if upto and m.subtype == "count":
                ceiling = float(upto.group(1))  # 'aged ___ to 16': the start of a range stays below its end
            values = number_options(m.value, self.rng, exclude=others, ceiling=ceiling)
            opts = [Option(format_like(v), ("number", m.subtype), "generated") for v in values]
            prompt = f'Fill in the number: "{shown}"'
            out.append(
                Candidate(
                    template="number",
                    kind=Kind.NUMBER,
                    sentence=s.index,
                    prompt=prompt,
                    answer=float(m.value),
                    answer_text=m.text,
                    span=(0, m.start, m.end),
                    evidence=(text,),
                    atype=("number", m.subtype),
                    key=f"number:{m.text}",
                    explanation=f"The article gives the figure as {m.text}.",
                    tags=tags_for("", text, default="chronology" if TIME_UNIT.match(unit) else "comparison"),
                    options=tuple(opts),
                    unit=unit,
                    sentences=(s.index,),
                )
            )
        return out


_BARE_COUNT = re.compile(r"^ (?:have|has|had|were|was|are|is|will|would|could)\b")
_ORG_LEADS = COMPANY_CUES | {"the", "a", "an", "campaign", "but", "meanwhile,", "however,", "and", "group", "charity"}
_OPENING_PRONOUNS = frozenset({"He", "She", "His", "Her", "Its", "Their", "It", "They"})
_THE_HEADS = ("Federation", "Partnership", "Agency", "Council", "Committee", "Office", "Department", "Union",
              "Association", "College", "Fund", "Trust", "Society", "Institute", "Authority", "Service", "Commission",
              "Bank", "Party", "Group", "Foundation", "Network", "Alliance", "Company")  # fmt: skip
