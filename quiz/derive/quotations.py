"""Quotation questions: '"...," Putin added.' -> 'Who said "..."?', the speaker found even behind "he said".

A template group of the candidate Builder (candidates.py), which supplies `a`, `sents`, `options`,
`leaks`, `conflicting` and `alternatives`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.figures import quotes
from quiz.derive.mentions import SPEECH_VERBS, Mention
from quiz.derive.sentences import Sentence
from quiz.derive.wording import DISCOURSE, clip_at_clause, tags_for


class Quotations:
    """The 'Who said ...?' template."""

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
        opts = self.options(
            answer_text, ("person", "person"), m.key, prompt, s.index, surname=surname, choice=True, quote=True
        )
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
