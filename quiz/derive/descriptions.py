"""Questions on what a named thing is: 'The Frontier Crimes Regulation was the applicable law of FATA' ->
'What was the applicable law of FATA?'; 'The factory is widely known as Zanon' -> 'What is the factory
widely known as?'; 'Homeopathy is a form of alternative medicine' -> 'What is Homeopathy a form of?'.

A template group of the candidate Builder (candidates.py), which supplies `a`, `pools`, `options`,
`leaks` and `alternatives`. People are left to posts.py ('Who is Britain's UN Ambassador?'): here the
thing described is a satellite, a law, a club, a species. Answers are typed (recall), short, and stand
in the sentence as written; the article's own short form ('(FCR)') is accepted too.
"""

from __future__ import annotations

import re

from quiz.core.model import Kind
from quiz.derive.agents import with_topic
from quiz.derive.candidate import Candidate
from quiz.derive.mentions import ROLE_CLASSES, content_words, fold
from quiz.derive.sentences import Sentence, word_set
from quiz.derive.wording import DISCOURSE, PRONOUN_START, tags_for

# 'X is the first satellite to be operated by ...': the definite description a reader can answer with X.
_DEFINED = re.compile(
    r"^(?P<subj>(?:the )?[A-Z][^,;:\"()]{0,50}?(?: \((?P<short>[A-Z][\w-]{1,9})\))?) (?P<cop>is|was|are|were) "
    r"(?P<pred>the [^,;:\"()]{8,110}?)(?=, |\.$|;)"
)
# 'The sevengill is sometimes called a living fossil': the name a thing goes by.
_CALLED = re.compile(
    r"^(?P<subj>(?:the |The )?[A-Za-z][\w-]*(?: [\w-]+){0,3}) (?P<cop>is|was|are|were) "
    r"(?P<adv>(?:sometimes|also|often|originally|commonly|widely|now|formerly|first) )?"
    r"(?P<verb>called|known as|nicknamed|dubbed|named|renamed) "
    r"(?P<name>[^,;:()]{2,40}?)(?=, |\.$| because | after | by )"
)
# 'Homeopathy is a form of alternative medicine which ...': what a thing is a kind of.
_KIND_OF = re.compile(
    r"^(?P<subj>(?:the |The )?[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}) (?P<cop>is|was|are|were) (?P<a>a|an) "
    r"(?P<kind>form|type|kind|species|member|branch|subsidiary|genus|variety|dialect) of "
    r"(?P<what>[^,;:()\"]{3,40}?)(?=, |\.$| which | that | who | with | in | from )"
)
# 'The Maldives are located in the Indian ocean': where a thing is.
_LOCATED = re.compile(
    r"^(?P<subj>(?:the |The )?[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}) (?P<cop>is|was|are|were) (?P<verb>located|situated) "
    r"(?:in|on) (?P<what>(?:the )?[A-Z][\w-]*(?: [\w-]+){0,3}?)(?=, |\.$| and | with | where | which )"
)
# Predicates that say nothing without the sentences around them ('was the same', 'is the reason').
_EMPTY_HEAD = word_set("same case reason one result problem time way answer first-ever")
ROLES = frozenset().union(*ROLE_CLASSES.values())
_ONE_SIDE = word_set("team club side squad band group company country")
_REFERS = word_set("he she it they this that these those his her its their him them we our us")


class Descriptions:
    """The description templates."""

    def description(self, s: Sentence) -> list[Candidate]:
        """'What was the applicable law of FATA?' and 'What is the factory widely known as?'."""
        body = DISCOURSE.sub("", s.text)
        offset = len(s.text) - len(body)
        return [
            *self._defined(s, body, offset),
            *self._called(s, body, offset),
            *self._kind_of(s, body, offset),
        ] + self._located(s, body, offset)

    def _located(self, s: Sentence, body: str, offset: int) -> list[Candidate]:
        m = _LOCATED.match(body)
        if m is None or not (self._names_a_thing(m.group("subj"), s.index) or self.story_thing(m.group("subj"), 3)):
            return []
        what = m.group("what")
        prompt = f"Where {m.group('cop')} {self._mid_sentence(m.group('subj'))} {m.group('verb')}?"
        bare = re.sub(r"^the ", "", what)
        return self._described(s, prompt, what, offset + m.start("what"), [bare] if bare != what else [], body[:-1])

    def _kind_of(self, s: Sentence, body: str, offset: int) -> list[Candidate]:
        m = _KIND_OF.match(body)
        if m is None:
            return []
        subj, what = m.group("subj"), m.group("what")
        if len(what.split()) > 5 or _REFERS & {w.lower() for w in what.split()}:
            return []
        if not (self._names_a_thing(subj, s.index) or self.story_thing(subj, 3)):
            return []
        thing = self._mid_sentence(subj)
        prompt = f"What {m.group('cop')} {thing} {m.group('a')} {m.group('kind')} of?"
        bare = re.sub(r"^(?:a|an|the) ", "", what)
        alts = [bare] if bare != what else []
        return self._described(s, prompt, what, offset + m.start("what"), alts, body.rstrip("."))

    def _defined(self, s: Sentence, body: str, offset: int) -> list[Candidate]:
        m = _DEFINED.match(body)
        if m is None:
            return []
        subj, pred = m.group("subj"), m.group("pred")
        answer = re.sub(r" \([^()]*\)$", "", subj).removeprefix("the ").removeprefix("The ")
        pw = pred.split()
        if len(pw) < 4 or pw[1] in _EMPTY_HEAD or _REFERS & {w.lower() for w in pw}:
            return []
        if set(pw[1:4]) & ({w.lower() for w in self.pools.g.title_heads} | ROLES):
            return []  # 'X is the captain of England': a person's post, asked by posts.py
        if any(re.fullmatch(r"[a-z]+'s", w) and w != "world's" for w in pw):
            return []  # 'the company's first ATR': which company is left to the sentences before
        if not self._names_a_thing(answer, s.index) or " and " in answer:
            return []
        cop = m.group("cop")
        if cop in ("are", "were") and " " not in answer and _ONE_SIDE & set(pw[1:5]):
            cop = "is" if cop == "are" else "was"  # 'Ashford are the lowest-ranked team': one team, asked 'What is'
        prompt = f"What {cop} {pred}?"
        start = offset + subj.index(answer)
        alts = [m.group("short") or ""] + [e.key for e in self.a.entities.values() if e.key.endswith(f" {answer}")]
        return self._described(s, prompt, answer, start, alts, f"{subj} {m.group('cop')} {pred}")

    def _called(self, s: Sentence, body: str, offset: int) -> list[Candidate]:
        m = _CALLED.match(body)
        if m is None:
            return []
        subj, name = m.group("subj"), m.group("name")
        topic = self.paragraph_topic(s, subj)  # 'The satellite was originally named' -> 'ProtoStar-1 was ...'
        subj = topic[0] if topic else subj
        if len(name.split()) > 5 or _REFERS & {w.lower() for w in [*subj.split(), *name.split()]}:
            return []
        if not (self._names_a_thing(subj, s.index) or self.story_thing(subj, 3)):
            return []
        thing = self._mid_sentence(subj)
        verb = {"called": "called", "known as": "known as", "nicknamed": "nicknamed", "dubbed": "dubbed",
                "named": "named", "renamed": "renamed"}[m.group("verb")]  # fmt: skip
        adv = m.group("adv") or ""
        tail = " as" if verb == "dubbed" else ""
        prompt = f"What {m.group('cop')} {thing} {adv}{verb}{tail}?"
        bare = re.sub(r"^(?:a|an|the) ", "", name)
        alts = [bare] if bare != name else []
        start = offset + m.start("name")
        out = self._described(s, prompt, name, start, alts, body.rstrip("."))
        return [with_topic(c, topic[1]) for c in out] if topic else out

    def _mid_sentence(self, subject: str) -> str:
        """The subject as written inside a question: 'the factory'; 'homeopathy' where the article writes it so."""
        if subject.startswith("The "):
            return "the" + subject[3:]
        low = subject[:1].lower() + subject[1:]
        if " " not in subject and any(f" {low} " in f" {t.text} " for t in self.sents):
            return low
        return subject

    def _names_a_thing(self, text: str, index: int) -> bool:
        """A short name that is not a person's: 'ProtoStar-1', 'Frontier Crimes Regulation', 'United'."""
        words = text.split()
        if not 1 <= len(words) <= 5 or words[0].lower() in PRONOUN_START or not text[:1].isupper():
            return False
        for x in self.a.mentions[index]:
            if x.type == "person" and x.text in text:
                return False
        if any(text in (e.key, e.surname) for e in self.a.of_type("person")):
            return False  # 'Kane is the captain of England' is a post (posts.py), and 'What' would not ask for him
        return all(w[:1].isupper() or w in ("of", "and", "for", "de") or re.search(r"\d", w) for w in words)

    def _described(self, s: Sentence, prompt: str, answer: str, start: int, alts: list[str], said: str
                   ) -> list[Candidate]:  # fmt: skip
        if s.text[start : start + len(answer)] != answer:
            return []
        given = content_words(prompt)
        if any(w in given for w in content_words(answer) if len(w) > 3) or self.leaks(prompt, answer, answer):
            return []  # 'the first satellite operated by ProtoStar Corporation' -> 'ProtoStar-1': guessed
        banned = {fold(answer)}
        alternatives = tuple(a for a in dict.fromkeys(alts) if fold(a) not in banned and fold(a))
        return [
            Candidate(
                template="describe",
                kind=Kind.RECALL,
                sentence=s.index,
                prompt=prompt,
                answer=answer,
                answer_text=answer,
                span=(0, start, start + len(answer)),
                evidence=(s.text,),
                atype=("thing", "thing"),
                key=f"describe:{answer}",
                explanation=f"The article says: {said}.",
                tags=tags_for("", s.text, default="facts"),
                alternatives=alternatives,
                difficulty=2,
                sentences=(s.index,),
            )
        ]
