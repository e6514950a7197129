"""Questions on who did a thing the article reports in the passive: 'The merger bill was proposed by the
Pakistan Muslim League-Nawaz' -> 'Which party proposed the merger bill?'.

A template group of the candidate Builder (candidates.py), which supplies `a`, `pools`, `options`,
`leaks`, `conflicting` and `alternatives`. The subject must carry a name ('Badr-6', 'The FIRST
programme'), so the prompt stands alone; the agent must be a typed mention, so the options are of its kind.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quiz.core.model import Kind
from quiz.derive.candidate import Candidate
from quiz.derive.cues import ORG_KEYWORDS
from quiz.derive.mentions import FUNCTION_CAPS, Mention
from quiz.derive.sentences import Sentence, word_set
from quiz.derive.wording import DISCOURSE, PRONOUN_START, TYPE_TAG, clip, tags_for

_PASSIVE = re.compile(
    r" (?P<aux>was|were|is|are|has been|have been|had been|will be|would be)"
    r"(?: (?P<adv>[a-z]+ly|originally|first|later|also|once))? (?P<verb>[a-z]{3,}) "
    r"(?P<middle>(?:(?:to|on|at|in|for|with|into) [a-z][\w' -]{0,40}? )?)by (?:the )?"
)
# The passive participle that differs from the past tense, and those that are the same word.
_PAST_OF = {
    "written": "wrote", "given": "gave", "taken": "took", "chosen": "chose", "driven": "drove", "shown": "showed",
    "seen": "saw", "known": "knew", "drawn": "drew", "thrown": "threw", "grown": "grew", "overseen": "oversaw",
    "begun": "began", "stolen": "stole", "broken": "broke", "spoken": "spoke", "undertaken": "undertook",
    "done": "did", "beaten": "beat", "won": "won", "built": "built", "made": "made", "held": "held", "led": "led",
    "sold": "sold", "bought": "bought", "brought": "brought", "sent": "sent", "paid": "paid", "told": "told",
    "found": "found", "caught": "caught", "taught": "taught", "kept": "kept", "set": "set", "run": "ran",
}  # fmt: skip
# Play-by-play: a save or a tackle in a match report is not a fact a class is asked about.
_PLAY = word_set(
    """saved stopped intercepted sacked tackled blocked fouled replaced dispossessed met recovered cleared
    denied booked headed parried quoted asked"""
)
_WH = {
    "person": "who", "country": "which country", "city": "which city", "region": "which region",
    "international": "which organisation", "ngo": "which organisation", "government": "which body",
    "news-agency": "which news agency", "broadcaster": "which broadcaster", "armed-group": "which group",
    "party": "which party", "company": "which company", "university": "which university",
    "newspaper": "which newspaper", "group": "which organisation",
}  # fmt: skip
_NAME_RUN = re.compile(r"[A-Z][\w'&.-]*[\w](?: (?:of |for |and )?[A-Z][\w'&-]*[\w]){1,6}")
# A paragraph that opens on a named thing: 'ProtoStar-1 is ...', 'Badr-6 will be operated ...'.
_TOPIC = re.compile(r"^([A-Z][\w]*-?\d[\w-]*|[A-Z][\w-]+(?: [A-Z][\w-]+)+) (?:is|was|will|has|had|are|were)\b")
# Words that end a maker's name ('Space Systems Loral' has one inside): a company, as the agent of 'built'.
_MAKERS = dict.fromkeys(("Systems", "Technologies", "Aerospace", "Industries", "Electronics", "Labs"), "company")
_HEADS = ("Court", "Ministry", "Department", "Agency", "Commission", "Committee", "Council", "Parliament",
          "Party", "University", "Police", "Foundation", "Institute", "Bank")  # fmt: skip
# A tail after the agent that still belongs to the verb ('ordered by the court to evict ...').
# Kept only when it runs to the sentence's end: a cut list ('in applied science, technology, ...') misleads.
_TAIL = re.compile(r"^ to [a-z]+ [^,;:]{1,60}?(?=[.]?$)")
_ADJUNCT = re.compile(r"^(?:[,.;:]|$| (?:to|in|on|at|for|after|over|during|as) )")


class Agents:
    """The passive-agent template."""

    def _names_its_thing(self, subject: str) -> bool:
        """A short subject that names its thing: 'Badr-6', 'The FIRST Global competition', or the story's
        own 'The merger bill' (story_thing); not 'It' or 'Identification'."""
        words = subject.split()
        if not 1 <= len(words) <= 6 or words[0].lower() in PRONOUN_START or not subject[:1].isupper():
            return False
        if re.search(r"\b(?:who|which|that|whose)\b|[,;:\"]", subject):
            return False
        if any(w[:1].isupper() or re.search(r"\d", w) for w in words[1:]) or re.search(r"\d|\w[A-Z]", words[0]):
            return True
        if self.story_thing(subject, 4):
            return True
        return any(subject in (e.key, e.surname, *e.forms) for e in self.a.entities.values())  # "Sobisch has been"

    def story_thing(self, subject: str, most_words: int) -> bool:
        """'The merger bill', 'The study': the thing the story is about (its head word in the opening sentences,
        or in three sentences or more), so 'the study' stands alone in a question."""
        words = subject.split()
        if words[0] != "The" or not 2 <= len(words) <= most_words:
            return False
        head = re.compile(rf"\b{re.escape(words[-1].lower())}\b")
        seen = [t.index for t in self.sents if head.search(t.text.lower())]
        return len(seen) >= 3 or any(i < 2 for i in seen)

    def paragraph_topic(self, s: Sentence, subject: str) -> tuple[str, Sentence] | None:
        """The named thing a paragraph describes, for its 'It' or 'The satellite': 'ProtoStar-1 is the first
        satellite ...' then 'It will be positioned ...', 'It was built by ...': its name and that sentence."""
        words = subject.split()
        if subject != "It" and not (len(words) == 2 and words[0] == "The"):
            return None
        i = s.index - 1
        while i >= 0 and self.sents[i].paragraph == s.paragraph and self.sents[i].text.startswith("It "):
            i -= 1
        if i < 0 or self.sents[i].paragraph != s.paragraph:
            return None
        m = _TOPIC.match(self.sents[i].text)
        if m is None or any(x.type == "person" and x.start == 0 for x in self.a.mentions[i]):
            return None
        if subject != "It" and not re.search(rf"\b{re.escape(words[1])}\b", self.sents[i].text[m.end() :]):
            return None  # 'The satellite' after 'ProtoStar-1 is the first satellite ...', not after any name
        return m.group(1), self.sents[i]

    def _agent_at(self, s: Sentence, at: int) -> Mention | None:
        """The typed name that starts where the agent does ('by the Pakistan Institute of Medical Sciences')."""
        heads = {**ORG_KEYWORDS, **_MAKERS}
        for x in self.a.mentions[s.index]:
            if x.np[0] == at and x.type == "person" and x.text.split()[-1] in heads:
                return replace(x, type="org", subtype=heads[x.text.split()[-1]])  # 'Kestrel Aerospace' read as a person
            if x.np[0] == at and x.type in ("person", "country", "place", "org"):
                return x
        # A name the entity reader missed, typed by its head word ('Pakistan Muslim League-Nawaz': a league).
        run = _NAME_RUN.match(s.text, at)
        if run is None or run.group(0).split()[0] in FUNCTION_CAPS:
            return None
        name = run.group(0)
        head = next((w for w in reversed(re.split(r"[ -]", name)) if w in heads), "")
        if not head or any(x.start < run.end() and x.end > at for x in self.a.mentions[s.index]):
            return None
        return Mention(s.index, at, run.end(), name, "org", heads[head], name)

    def agent(self, s: Sentence) -> list[Candidate]:
        """'Which party proposed the merger bill?' from 'The merger bill was proposed by the ... party'."""
        found = self._passive(s)
        if found is None:
            return []
        subject, topic, m, at = found
        agent = self._agent_at(s, at)
        if agent is None or (agent.type != "person" and agent.key in self.dominant):
            return []
        if self._done_again(s, subject, m.group("verb"), agent.text):
            return []
        text = s.text
        wh = question_word(agent)
        rest = re.sub(r"^ \([A-Z]{2,}\)", "", text[agent.end :])  # 'Sciences (PIMS).'
        if wh is None or not _ADJUNCT.match(rest):
            return []  # the agent runs on past the name ('Worobey of the University', 'X and Y', 'Times columnist')
        tail = _TAIL.match(rest)
        question = _active(m, subject, tail.group(0) if tail else "") or _stranded(m, subject)
        if question is None:
            return []
        prompt = f"{wh.capitalize()} {question}?"
        fact = text[: agent.np[0]] + text[agent.end :]  # all of it: 'presented the bill' alone matches too much
        if self.leaks(prompt, agent.key, agent.text) or self.conflicting(s.index, fact, agent.key,
                                                                          (agent.type, agent.subtype)):  # fmt: skip
            return []
        said = clip(text[: agent.end], 30)
        out = self.named_answer(s, agent, f"agent-{agent.type}", prompt, f"The article reports: {said}.")
        return [with_topic(c, topic[1]) for c in out] if topic else out

    def _done_again(self, s: Sentence, subject: str, verb: str, agent: str) -> bool:
        """Does another sentence say the same thing was done by someone else ('It was built by ...' twice)?"""
        for other in self.sents:
            again = self._passive(other) if other.index != s.index and f" {verb} by " in other.text else None
            if (
                again
                and again[0] == subject
                and again[2].group("verb") == verb
                and not other.text.startswith(agent, again[3])
            ):
                return True
        return False

    def _passive(self, s: Sentence) -> tuple[str, tuple[str, Sentence] | None, re.Match[str], int] | None:
        """The sentence's passive with a named subject: (subject, its topic, match, where the agent starts)."""
        body = DISCOURSE.sub("", s.text)
        offset = len(s.text) - len(body)
        m = _PASSIVE.search(body)
        if m is None or m.group("verb") in _PLAY or "," in body[: m.start()]:
            return None
        subject = re.sub(r" \([^()]*\)", "", body[: m.start()])  # 'FIRST (For Inspiration ...)' -> 'FIRST'
        topic = self.paragraph_topic(s, subject)
        subject = topic[0] if topic else subject
        if not self._names_its_thing(subject):
            return None
        return subject, topic, m, offset + m.end()

    def named_answer(self, s: Sentence, m: Mention, template: str, prompt: str, explanation: str) -> list[Candidate]:
        """A question whose answer is the name `m`: as multiple choice (options of its kind) and typed."""
        atype = (m.type, m.subtype)
        surname = m.type == "person" and " " not in m.text
        opts = self.options(m.text, atype, m.key, prompt, s.index, surname=surname, choice=True)
        if m.type in ("country", "place") and not any(o.source == "article" for o in opts):
            return []  # only far-off names to choose from: the answer is guessed from the question
        base = Candidate(
            template=template, kind=Kind.CHOICE, sentence=s.index, prompt=prompt, answer=m.text, answer_text=m.text,
            span=(0, m.start, m.end), evidence=(s.text,), atype=atype, key=m.key, explanation=explanation,
            tags=tags_for(TYPE_TAG.get(m.type, ""), s.text), options=tuple(opts), difficulty=2, sentences=(s.index,),
        )  # fmt: skip
        return [base, replace(base, kind=Kind.RECALL, alternatives=tuple(self.alternatives(m, opts)))]


def question_word(agent: Mention) -> str | None:
    """'which court' for the Federal Supreme Court, else the question word of the agent's type."""
    if agent.type == "org":
        head = next((w for w in reversed(re.split(r"[ -]", agent.text.split(" of ")[0])) if w in ORG_KEYWORDS), "")
        if head in _HEADS:
            return f"which {head.lower()}"
    return _WH.get("person" if agent.type == "person" else "country" if agent.type == "country" else agent.subtype)


def _lower_the(subject: str) -> str:
    if subject.startswith(("The ", "A ")):
        return subject[0].lower() + subject[1:]
    return subject


def _active(m: re.Match[str], subject: str, tail: str) -> str | None:
    """'proposed the merger bill', 'has ordered Sobisch to evict the workers': the passive turned round."""
    aux, verb, adv = m.group("aux"), m.group("verb"), m.group("adv")
    middle = m.group("middle").rstrip()
    if aux in ("was", "were"):
        past = _PAST_OF.get(verb) or (verb if verb.endswith("ed") else None)
        if past is None:
            return None
        head = past
    elif aux in ("has been", "have been", "had been"):
        if not (verb.endswith("ed") or verb in _PAST_OF):
            return None
        head = ("had " if aux == "had been" else "has ") + verb
    else:
        return None
    parts = [adv or "", head, _lower_the(subject), middle, tail.strip()]
    return " ".join(p for p in parts if p)


def _stranded(m: re.Match[str], subject: str) -> str | None:
    """'will Badr-6 be operated by': the passive kept, with its 'by' at the end."""
    aux, verb = m.group("aux"), m.group("verb")
    if m.group("middle") or m.group("adv"):
        return None
    if aux in ("is", "are"):
        return f"{aux} {_lower_the(subject)} {verb} by"
    if aux in ("will be", "would be"):
        return f"{aux.split()[0]} {_lower_the(subject)} be {verb} by"
    return None


def with_topic(c: Candidate, topic: Sentence) -> Candidate:
    """The candidate quoting, after its own sentence, the one that names what its 'It' stands for."""
    return replace(c, evidence=(*c.evidence, topic.text), sentences=(topic.index, *c.sentences))
