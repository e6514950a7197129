"""Question candidates from an analysed article: several templates per sentence, each checked as it is built.

Templates:
- subject: "Which country has once again blocked ...?" (the sentence's subject asked for)
- said: 'Who said "..."?' (a quotation or reported statement with its speaker after it)
- post / who-is: "What post does X hold?", "Who is Britain's UN Ambassador?" (posts.py)
- gap: the sentence with a person, place, organisation or date blanked out
- number: the sentence with a figure blanked out
- truefalse: the sentence as written, or with one entity swapped for another of its type (statements.py)
- agent: "Which party proposed the merger bill?" from a sentence in the passive (agents.py)
- venue: "In which city were the 2010 Goalball World Championships held?" (venues.py)
- describe: "What was the applicable law of FATA?", "What is the factory widely known as?" (descriptions.py)
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from quiz.core.model import Kind
from quiz.core.number_words import other_forms
from quiz.derive.agents import Agents, question_word
from quiz.derive.blanks import Blanks
from quiz.derive.candidate import Candidate
from quiz.derive.continents import continent_of
from quiz.derive.cues import COMPANY_CUES
from quiz.derive.descriptions import Descriptions
from quiz.derive.distractors import Option, Pools
from quiz.derive.mentions import Analysis, Mention, content_words, fold, words
from quiz.derive.name_order import family_name
from quiz.derive.posts import Posts
from quiz.derive.quotations import Quotations
from quiz.derive.sentences import Sentence
from quiz.derive.speakers import asks_a_speaker
from quiz.derive.standalone import story_subject
from quiz.derive.statements import Statements
from quiz.derive.venues import Venues
from quiz.derive.vetting import vet
from quiz.derive.wording import (
    ADVERBS,
    AUX,
    DISCOURSE,
    PRONOUN_START,
    TYPE_TAG,
    capital,
    clip,
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


class Builder(Posts, Statements, Quotations, Blanks, Agents, Venues, Descriptions):
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
            subject = None if people else story_subject(self.a, gender, s.index)
            if subject is not None:
                return len(word), subject + ("'s" if possessive else "")  # the one the story is about
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
        choice: bool = False,
        quote: bool = False,
    ) -> list[Option]:
        """Distractors for the answer; for multiple choice (`choice`) strict ones, with spares for option_set.settle;
        for a quote's speaker (`quote`) people with a post or without one alike."""
        region = self.pools.g.regions.get(key, "")
        ms = [m for m in self.a.mentions[sentence] if m.key != key and m.type not in ("number", "date")]
        names = [m.text for m in ms]
        # Names in the sentence under any of their forms ('US' there rules out 'United States'), and the
        # countries of the people in it ('Assad' rules out Syria as a plausible 'Which country ...?').
        exclude = [*self.forms(key), *(f for m in ms for f in self.forms(m.key))]
        within = frozenset()
        if m_type == ("country", "country"):
            within = continent_of(region, self.sents[sentence].text + " " + self.sents[0].text)
            for m in ms:
                ent = self.a.entities.get(m.key)
                for phrase in ent.role_phrases if ent and m.type == "person" else ():
                    exclude += [self.pools.g.demonyms.get(w.removesuffix("'s"), w.removesuffix("'s"))
                                for w in phrase.split()]  # fmt: skip
        return self.pools.pick(
            answer, m_type, self.rng, exclude=exclude, avoid=avoid, avoid_names=names, region=region,
            surname=surname, region_first=region_first,
            like=self.a.entities.get(key) if m_type[0] == "person" else None, strict=choice, k=5 if choice else 3,
            posts_apart=not quote, speakers=quote or asks_a_speaker(avoid), within=within,
        )  # fmt: skip

    # ---------------------------------------------------------------- templates

    def all(self) -> list[Candidate]:
        out: list[Candidate] = []
        for s in self.sents:
            if not usable(s):
                continue
            makers = (self.subject, self.said, self.posts, self.gaps, self.number, self.truefalse)
            for make in (*makers, self.agent, self.venue, self.description):
                out.extend(make(s))
        demonyms = self.pools.g.demonyms_of
        return [v for c in out if (v := vet(c, self.a, demonyms)) is not None]

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
            # The name's own head over the guessed subtype: 'Which party' for the Green Party.
            wh = (question_word(first) if first.type == "org" else None) or _WH[atype]
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
            opts = self.options(answer_text, atype, first.key, prompt, s.index, surname=surname, choice=True)
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
            # The name the article uses alone, else the family name: never a given name ('Zhaoxu', 'Min-woo').
            alone = [f for f in ent.forms if " " not in f]
            surname = alone[0] if alone else family_name(ent.key)
            alts.append(surname)
            if re.match(r"(?:al|el|Al|El)-", surname):
                alts.append(surname.split("-", 1)[1])  # 'al-Assad' -> 'Assad'; 'Shin-wook' is one given name
        elif m.type == "country":
            alts += [m.key, *self.pools.g.aliases.get(m.key, [])]
        elif m.type in ("number", "numword"):
            alts += other_forms(m.text)  # 'thirty' takes '30', '3rd' takes 'third'
        seen = set(banned)
        out = []
        for a in alts:
            if fold(a) not in seen and fold(a):
                seen.add(fold(a))
                out.append(a)
        return out[:3]


_ORG_LEADS = COMPANY_CUES | {"the", "a", "an", "campaign", "but", "meanwhile,", "however,", "and", "group", "charity"}
_OPENING_PRONOUNS = frozenset({"He", "She", "His", "Her", "Its", "Their", "It", "They"})
_THE_HEADS = ("Federation", "Partnership", "Agency", "Council", "Committee", "Office", "Department", "Union",
              "Association", "College", "Fund", "Trust", "Society", "Institute", "Authority", "Service", "Commission",
              "Bank", "Party", "Group", "Foundation", "Network", "Alliance", "Company")  # fmt: skip
