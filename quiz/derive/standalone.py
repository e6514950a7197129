"""Does a prompt stand on its own? Mend the words that lean on the sentence before, or drop the draft.

A draft is read alone, far from the article: 'Afterwards, ...', 'On the next series, ...', 'also',
'the other two', 'this constituency' or a 'his' with nobody named before it point back to text the
reader has not seen. The rules come from blind readers' reasons (tests/derive/eval/labels). Where a
word only links the sentence to the one before ('Afterwards,', 'However,', 'also'), it is taken out;
where the sentence needs what came before to mean anything ('One such accident', 'the two'), the
draft is dropped. Typing slips the article repeats ('sold for for', 'Plessel' beside 'Plesel') are
mended in the prompt; the evidence quote stays as the article has it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.mentions import Analysis, fold
from quiz.derive.sentences import Sentence

TF_LEAD = "True or false, according to the article: "
NUMBER_LEAD = "Fill in the number: "

_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
_SPAN = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|laps?|plays?)"
# An opening that ties the sentence to the one before and says nothing on its own: safe to take out.
_LINKING_INTRO = re.compile(
    r"^(?:Afterwards?|After that|Later(?: on)?|Moments later|Shortly (?:after|afterwards?|thereafter)|Soon after|"
    r"(?:Un)?[Ff]ortunately(?: for [^,]{1,40})?|Then|Next(?! (?:year|week|month|season|day|time)\b)|However|"
    r"Meanwhile|Still|Also|Again|"
    r"Nevertheless|Nonetheless|Moreover|Furthermore|"
    r"In addition|Additionally|Even so|As a result|In response|In turn|By then|At that point|"
    rf"On the (?:next|following) [a-z]+|(?i:{_COUNT} {_SPAN}) later|"
    r"(?:The|A) (?:next|following) (?:day|week|morning|year)),? "
)
_MID_LINK = re.compile(r", (?:however|though|too|then|meanwhile|in turn|as well),(?= )")
_ALSO = re.compile(r"(?<=[\w,]) also\b(?! known)")
# What only the sentence before can explain: left in, the draft is dropped.
_LEANING = re.compile(
    r"^Another\b|\b(?:One|one) such\b|\bsuch (?:an? |the )?(?!as\b)[a-z]+\b|"
    r"\b(?:the|The) (?:other )?(?:two|three|four)\b"
    r"(?! (?:of|per|percent|million|billion|thousand|hundred|dozen|times?|years?|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?)\b)|\b(?:the|The) (?:latter|former)\b(?! [a-z]+ (?:of|for|at|to)\b)|"
    r"\b(?:this|This) (?!year|week|month|morning|afternoon|evening|season|spring|summer|autumn|winter|weekend|"
    r"time|is|was\b)[a-z]+|\b(?:these|These)\b|\b(?:those|Those)\b(?! (?:who|which|that|of|in|with|from|on)\b)|"
    r"\b(?:the|The) (?:constituency|district|incident|jet|aircraft|plane|letter|lead|move|findings|program|"
    r"programme|scheme|measure|proposal|remarks|comments|statement)\b"
    r"(?! (?:of|on|by|from|into|for|in|at|to|between|with|that|which|who)\b)"
)
# A subject that stands for something named before: 'It was the first ...', 'This time, ...', 'The idea was ...',
# 'The second tremor ...'. 'It is likely that ...' names nothing and stays.
_BACK_SUBJECT = re.compile(
    r"^(?:[A-Z][^,]{0,40}, )?(?:it|It)\b(?! (?:is|was|has been|had been|will be|would be) (?:not )?(?:un)?"
    r"(?:likely|clear|expected|thought|believed|understood|reported|said|hoped|possible|important|known|estimated|"
    r"feared|claimed|alleged|necessary|time|too|true|the first time)\b)|"
    r"^This time\b|\b(?:the|The) (?:idea|debate)\b(?! (?:of|on|by|from|into|for|in|at|to|between|with|that)\b)|"
    r"^The (?:second|third|fourth|fifth|latest|previous|earlier) [a-z]+\b(?! (?:of|to|in|since|for|at|on)\b)|"
    r"^The (?:first|second|third|latter|former)\b(?= (?:was|is|had|has|came|,))"
)
# One of several events of a kind, named by its kind alone: 'The earthquake struck ...' after two quakes.
_EVENT = re.compile(r"\b[Tt]he (earthquake|quake|tremor|aftershock|blast|explosion|attack)\b")
_GAME = re.compile(r"^The (?:game|match)\b")
_GAMES = re.compile(
    r"\b(?:games|matches|(?:second|third|another|next|final) (?:game|match)|Game (?:Two|Three|Four|Five|\d))\b"
)
# 'In 2013, he joined ...': a subject pronoun after an opening phrase, before any other pronoun.
_SUBJECT_PRONOUN = re.compile(r"^[A-Z][^,;\"]{2,60}, (he|she) [a-z]")
_PERSONAL = re.compile(r"\b(?:he|she|him|his|her|He|She|His|Her)\b")
_EARLY_PLURAL = re.compile(r"^\S+(?: \S+)? (?:their|they|them|its)\b")  # 'Despite their attempts, ...'

# Words an article may fairly write twice in a row ('had had', 'that that').
_DOUBLE_OK = {"had", "that", "is", "do", "bye", "very", "no", "so", "far", "ha", "knock"}
_DOUBLED = re.compile(r"\b(\w+) \1\b", re.I)
_SAID_SAYING = re.compile(r"\b(said|says|told \w+) saying\b")


def mend(c: Candidate, a: Analysis) -> Candidate | None:
    """The candidate with its prompt made to stand alone, or None when it cannot be."""
    lead = TF_LEAD if c.prompt.startswith(TF_LEAD) else NUMBER_LEAD if c.prompt.startswith(NUMBER_LEAD) else ""
    body = c.prompt[len(lead) :]
    quoted = lead == NUMBER_LEAD and body.startswith('"') and body.endswith('"')
    inner = body[1:-1] if quoted else body
    inner = _unlinked(inner)
    if c.template == "tf-true" and _ALSO.search(inner):
        return None  # a true statement stays the article's words, and 'also' there points back
    inner = _unquoted_apply(inner, lambda t: _SAID_SAYING.sub(r"\1", _ALSO.sub("", t)))
    if _unnamed_person(c, a):
        if lead == NUMBER_LEAD:
            return None
        # 'In 2013, he joined Marussia F1' in a story about one man: the story's subject by name
        inner = _named(inner, c, a)
        if inner is None:
            return None
    plain = outside_quotes(inner)
    if _leans(plain, a) or _points_back(plain, a):
        return None
    inner = _DOUBLED.sub(lambda m: m.group(0) if m.group(1).lower() in _DOUBLE_OK else m.group(1), inner)
    inner = respelled(inner, a, keep=c.answer_text)
    if quoted:
        inner = _ANY_QUOTE.sub("'", inner)  # one pair of quotes round the sentence, not two
        inner = f'"{inner}"'
    prompt = lead + inner
    return c if prompt == c.prompt else replace(c, prompt=prompt)


def _leans(text: str, a: Analysis) -> bool:
    """Words that need the sentence before; 'this election' or 'the plane' is fine where the story opens on it."""
    for m in _LEANING.finditer(text):
        noun = m.group(0).split()[-1].lower()
        if not (m.group(0).lower().startswith(("this ", "the ")) and noun in _opening(a.sentences[:2])):
            return True
    return False


def _opening(lead: list[Sentence]) -> set[str]:
    """The words of the story's first sentences, lower case (asked only when a prompt leans on a noun)."""
    return {w.lower().strip(".,'\"") for s in lead for w in s.text.split()}


def _points_back(text: str, a: Analysis) -> bool:
    """A subject that stands for something named in another sentence: 'It', 'This time', 'The idea', 'The second
    tremor', or 'The earthquake' in a story of several."""
    if _BACK_SUBJECT.search(text):
        return True
    if _GAME.match(text) and sum(len(_GAMES.findall(x.text)) for x in a.sentences) >= 1:
        return True  # 'The game featured ...' in a report of several games: which one?
    m = _EVENT.search(text)
    if m is None:
        return False
    return sum(len(_EVENT_KINDS.findall(s.text)) for s in a.sentences) >= 2 and any(
        _ANOTHER.search(s.text) and _EVENT_KINDS.search(s.text) for s in a.sentences
    )


_EVENT_KINDS = re.compile(r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|blasts?|explosions?|attacks?)\b", re.I)
_ANOTHER = re.compile(r"\b(?:second|another|earlier|previous|first|two|several)\b")


def _unlinked(text: str) -> str:
    """'Afterwards, Denver increased ...' -> 'Denver increased ...'; ', however,' goes too."""
    head = ""
    m = _OPENING_MARK.match(text)
    if m and m.group(0)[0] != "[":
        head, text = m.group(0), text[m.end() :]
    out = _LINKING_INTRO.sub("", text, count=1)
    if out != text and out[:1].islower() and not out.startswith(("iPhone", "eBay")):
        out = out[:1].upper() + out[1:]
    return head + _MID_LINK.sub("", out)


_OPENING_MARK = re.compile(r"^(\[[^\]]*\] |[\"'\u201c…]+)")
_QUOTATION = re.compile(r'("[^"]*"|\u201c[^\u201d]*\u201d)')
_OPEN_QUOTATION = re.compile(r'"[^"]*"?|\u201c[^\u201d]*\u201d?')
_ANY_QUOTE = re.compile(r'["\u201c\u201d]')


def _unquoted_apply(text: str, fn) -> str:
    """`fn` applied to the parts of `text` outside its quotations."""
    parts = _QUOTATION.split(text)
    return "".join(p if i % 2 else fn(p) for i, p in enumerate(parts))


def outside_quotes(text: str) -> str:
    """The text without its quotations: a quote's own 'this' or 'he' is the speaker's."""
    return _OPEN_QUOTATION.sub(" ", text)


def _unnamed_person(c: Candidate, a: Analysis) -> bool:
    """'... after his resignation' with no person named before 'his' in the sentence (nor asked for)."""
    if c.kind is Kind.RECALL and c.template.startswith(("subject", "said")):
        return False  # 'Who ... his ...?': the question's own 'who' is the one meant
    text = c.evidence[0]
    plain = outside_quotes(text)
    m = _PERSONAL.search(plain, 1) or _EARLY_PLURAL.match(plain)
    if m is None:
        return False
    people = [x for x in a.mentions[c.sentence] if x.type in ("person", "title") and x.start < m.start()]
    if people or (c.atype[0] == "person" and c.span[1] < m.start()):
        return False
    return not text.startswith(("He ", "She ", "His ", "Her "))  # an opening pronoun is resolved elsewhere


def _named(inner: str, c: Candidate, a: Analysis) -> str | None:
    """`inner` with its first 'he' or 'she', the subject after an opening phrase, made the story's subject by name,
    or None when the pronoun cannot be resolved so (see story_subject)."""
    m = _SUBJECT_PRONOUN.search(outside_quotes(inner))
    if m is None or _PERSONAL.search(outside_quotes(inner)[: m.start(1)]):
        return None
    name = story_subject(a, "male" if m.group(1) == "he" else "female", c.sentence)
    if name is None or fold(name) in fold(c.answer_text) or fold(c.answer_text) in fold(name):
        return None
    return inner[: m.start(1)] + name + inner[m.end(1) :]


def story_subject(a: Analysis, gender: str, sentence: int) -> str | None:
    """The full name of the one person of `gender` the story is about, for a 'he' or 'she' in `sentence`.

    Only when the lead names that person first, with a pronoun of that gender or a known gender, the surname
    stands in three sentences or more, and no other person who may be of that gender is named in this sentence
    or the two before."""
    own = "his" if gender == "male" else "her"
    lead = a.sentences[0].text if a.sentences else ""
    first = next((x for x in (a.mentions[0] if a.mentions else []) if x.type == "person"), None)
    main = a.entities.get(first.key) if first else None
    if main is None or not main.surname:
        return None
    told = main.gender == gender or (not main.gender and re.search(rf"\b{own}\b", lead[first.end :]))
    named = sum(bool(re.search(rf"\b{re.escape(main.surname)}\b", x.text)) for x in a.sentences)
    if not told or named < 3:
        return None  # not plainly a story about this one person
    near = range(max(0, sentence - 2), sentence + 1)
    others = {x.key for i in near for x in a.mentions[i] if x.type == "person" and x.key != main.key}
    if any(a.entities[k].gender in (gender, "") for k in others if k in a.entities):
        return None
    return max(main.forms or [main.key], key=len)


@lru_cache(maxsize=8)
def _capitalised(texts: tuple[str, ...]) -> Counter[str]:
    return Counter(w for t in texts for w in _CAPITALISED.findall(t))


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{4,}\b")
_NAME_BEFORE = re.compile(r"[A-Z][\w.]* $")


def respelled(text: str, a: Analysis, keep: str = "") -> str:
    """A name the article spells otherwise, more often, one letter apart ('Plessel' -> 'Plesel'), in its usual form."""
    texts = tuple(s.text for s in a.sentences)
    counts = _capitalised(texts)
    if all(counts[w] > 1 or _usual_spelling(texts, w) == w for w in _CAPITALISED.findall(text)):
        return text  # no word to respell: the usual case, without a call back for every capitalised word
    keep_words = set(keep.split())

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in keep_words or counts[word] > 1 or _NAME_BEFORE.search(text, 0, m.start()):
            return word  # 'Mikael Plessel' beside 'Jonas Plesel' may be another person
        return _usual_spelling(texts, word)

    return _CAPITALISED.sub(fix, text)


@lru_cache(maxsize=4096)
def _usual_spelling(texts: tuple[str, ...], word: str) -> str:
    """The one name of the article written twice or more that is a slip away from `word`, else `word`."""
    counts = _capitalised(texts)
    near = [w for w in counts if counts[w] >= 2 and w != word and one_slip(word, w)]
    return near[0] if len(near) == 1 else word


def one_slip(x: str, y: str) -> bool:
    """Are the two words one typing slip apart: a letter added, dropped, changed or two swapped?"""
    if abs(len(x) - len(y)) > 1 or x[:1] != y[:1]:
        return False
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def blank_cut_from_name(c: Candidate) -> bool:
    """'Lady ___': a one-word name blanked after a capitalised word is half a name, and the rest gives it."""
    if c.kind is not Kind.GAP or c.atype[0] != "person" or " " in c.answer_text.strip():
        return False
    before = c.prompt[: c.prompt.find(GAP_MARK)].rstrip()
    word = before.rsplit(" ", 1)[-1] if before else ""
    return bool(word) and word[:1].isupper() and not word.endswith(("'s", "'", ",", ".")) and before != word
