"""Questions on people's posts: 'What post does X hold?' and 'Who is Britain's UN Ambassador?'.

A template group of the candidate Builder (candidates.py), which supplies `a`, `pools`, `options`,
`leaks` and `alternatives`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.distractors import Pools
from quiz.derive.mentions import Analysis, Mention, fold
from quiz.derive.sentences import Sentence
from quiz.derive.wording import tags_for

_FORMER = re.compile(r"\b(?:former|Former|ex-|Ex-|then|late)\b")


class Posts:
    """The post templates."""

    def posts(self, s: Sentence) -> list[Candidate]:
        """'What post does X hold?' and 'Who is Britain's UN Ambassador?'."""
        out: list[Candidate] = []
        text = s.text
        for m in self.a.mentions[s.index]:
            if m.type != "person" or not m.role:
                continue
            ent = self.a.entities[m.key]
            if len({fold(r) for r in ent.roles}) != 1:
                continue  # two posts for one person: no single defensible answer
            role_start = text.find(m.role, m.np[0], m.start)
            if role_start < 0 or _FORMER.search(text[max(0, role_start - 12) : role_start + 7]):
                continue  # 'the former housing minister': a post no longer held
            role = text[role_start : role_start + len(m.role)]
            prompt = f"What post does {ent.key} hold, according to the article?"
            phrase = m.role_phrase
            opts = self.pools.titles(role, self.rng, k=5, exclude=[*ent.roles, *ent.role_phrases], avoid=prompt)
            alts = [phrase] if fold(phrase) != fold(role) and "'" not in phrase else []
            alts = [a for a in alts if fold(a) not in {fold(o.text) for o in opts}]
            tags = ("people", "diplomacy") if "diplomacy" in tags_for("people", text) else ("people",)
            out.append(
                Candidate(
                    template="post",
                    kind=Kind.CHOICE,
                    sentence=s.index,
                    prompt=prompt,
                    answer=role,
                    answer_text=role,
                    span=(0, role_start, role_start + len(role)),
                    evidence=(text,),
                    atype=("title", "title"),
                    key=f"post:{ent.key}",
                    explanation=f"The article calls {ent.key} {phrase}.",
                    tags=tags,
                    options=tuple(opts),
                    sentences=(s.index,),
                )
            )
            out.append(replace(out[-1], kind=Kind.RECALL, alternatives=tuple(alts)))
            who = self._who_is(s, m, ent.key, phrase)
            if who:
                out.extend(who)
        return out

    def _who_is(self, s: Sentence, m: Mention, key: str, phrase: str) -> list[Candidate]:
        if fold(phrase) == fold(m.role) or phrase.endswith("'s"):
            return []  # no nationality or organisation: 'Who is the Foreign Minister?' has many answers
        mine = (fold(m.role), _qualifier(phrase, m.role, self.pools))
        for ent in self.a.of_type("person"):
            if ent.key == key:
                continue
            for role, p in zip(ent.roles, ent.role_phrases, strict=True):
                if fold(role) == mine[0] and _qualifier(p, role, self.pools) in (mine[1], ""):
                    return []
        the = "" if "'s " in phrase or phrase.startswith(("the ", "The ")) else "the "
        prompt = f"Who is {the}{phrase}, according to the article?"
        if self.leaks(prompt, key, m.text):
            return []
        opts = self.options(m.text, ("person", "person"), key, prompt, s.index, choice=True)
        # Someone else the article gives this post, even as 'former', would also be a right answer.
        held = {e.key for e in self.a.of_type("person") if any(fold(phrase) in fold(p) for p in e.role_phrases)}
        opts = [o for o in opts if _key_of(self.a, o.text) not in held]
        base = Candidate(
            template="who-is",
            kind=Kind.CHOICE,
            sentence=s.index,
            prompt=prompt,
            answer=m.text,
            answer_text=m.text,
            span=(0, m.start, m.end),
            evidence=(s.text,),
            atype=("person", "person"),
            key=key,
            explanation=f"The article names {m.text} as {phrase}.",
            tags=("people",),
            options=tuple(opts),
            sentences=(s.index,),
        )
        return [base, replace(base, kind=Kind.RECALL, alternatives=tuple(self.alternatives(m, opts)))]


def _key_of(a: Analysis, text: str) -> str:
    for e in a.entities.values():
        if e.key == text or text in e.forms:
            return e.key
    return text


def _qualifier(phrase: str, role: str, pools: Pools) -> str:
    """The country or organisation in a post's phrase: "Britain's UN Ambassador" -> 'Britain'."""
    q = phrase[: max(0, len(phrase) - len(role))].strip().removesuffix("'s").strip()
    g = pools.g
    if q in g.demonyms:
        return g.demonyms[q]
    known = g.lookup(q)
    return known.name if known else q
