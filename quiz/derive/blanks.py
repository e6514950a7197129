"""Blank questions: the sentence with a person, place, organisation, date, number word or figure left out.

A template group of the candidate Builder (candidates.py), which supplies `a`, `rng`, `dominant`,
`article_dates`, `readable`, `_gives_away`, `leaks`, `conflicting`, `options` and `alternatives`.
"""

from __future__ import annotations

import re

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.distractors import Option
from quiz.derive.figure_options import ceiling_for, date_options, format_like, number_options, numword_options
from quiz.derive.figures import counted_noun, unit_after
from quiz.derive.measures import ordinal, unit_of, without_conversion
from quiz.derive.sentences import Sentence
from quiz.derive.statements import RANGE_END
from quiz.derive.wording import TIME_UNIT, TYPE_TAG, attributive, clip_around, tags_for


class Blanks:
    """The gap and number templates."""

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
            if m.type == "org" and m.subtype != "law":
                continue  # readers rejected most organisation blanks: an outlet, an affiliation, an acronym's name
            glued = text[m.end : m.end + 1] == "-"  # 'a ten-year plan': the unit is glued to the word
            counted = glued or counted_noun(text, m.end) or text[m.end :].startswith(" other ")
            if m.type == "numword" and not counted:
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
                texts = numword_options(m.text, self.rng, exclude=exclude, unit=counted_noun(text, m.end))
                opts = [Option(t, atype, "generated") for t in texts]
            else:
                opts = self.options(
                    m.text, atype, m.key, shown, s.index, surname=m.type == "person" and " " not in m.text
                )
            if m.type == "person" and len(opts) < 3:
                continue
            if m.type in ("country", "place") and not any(o.source == "article" for o in opts):
                continue  # only far-off names to choose from: the blank is guessed from the sentence
            alternatives = self.alternatives(m, opts) if m.type in ("person", "country", "numword") else []
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
            shown = clip_around(without_conversion(shown), shown.index(GAP_MARK))
            unit = "%" if m.subtype == "percent" else unit_after(text, m.end)
            if m.subtype.startswith("money:"):
                unit = m.subtype.split(":", 1)[1]
            unit = unit_of(m) or unit  # '___-year-old': the unit is glued to the figure
            others = [x.value for x in ms if x is not m]
            ceiling = 100.0 if m.subtype == "percent" and m.value <= 100 else ceiling_for(unit, text[: m.start])
            upto = RANGE_END.match(text[m.end :])
            if upto and m.subtype == "count":
                ceiling = float(upto.group(1))  # 'aged ___ to 16': the start of a range stays below its end
            values = number_options(m.value, self.rng, exclude=others, ceiling=ceiling, alike=True)
            write = ordinal if m.subtype == "ordinal" else format_like  # '33rd', '35th' beside '34th'
            opts = [Option(write(v), ("number", m.subtype), "generated") for v in values]
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
