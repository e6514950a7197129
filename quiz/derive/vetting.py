"""The last look at each candidate before ranking: drop what a reader would reject, mend what they would edit.

The rules come from blind readers' reasons on real news (tests/derive/eval): prompts that lean on
words out of context, answers anyone guesses without reading, options from another world, statements
made false by a nitpick, and answers that must also accept their other written forms.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from quiz.core.model import GAP_MARK, Kind
from quiz.core.number_words import other_forms as number_forms
from quiz.core.number_words import spoken, word_value
from quiz.derive.candidate import Candidate
from quiz.derive.cues import undescribed
from quiz.derive.distractors import Option
from quiz.derive.giveaways import counted_in_prompt, round_limit
from quiz.derive.mentions import Analysis, fold
from quiz.derive.option_set import settle
from quiz.derive.standalone import NUMBER_LEAD, TF_LEAD, blank_cut_from_name, mend, outside_quotes
from quiz.derive.swaps import implausible
from quiz.derive.trivia import other_forms, trivial, with_possessive

_SMALL_COUNTS = {(n, False) for n in range(4)}  # 'zero' to 'three', not 'second' or 'third'
_NUMBER_WORD = r"\b(?:" + "|".join(spoken(n) for n in range(21)) + r")\b"
_SECTION = re.compile(
    r"\b(?:Sections?|Articles?|Clauses?|Chapters?|Paragraphs?|Rules?|Titles?)\s+(?:\d+\w?(?:,| and| or)?\s+)*$"
)
_PACKED = re.compile(r":(?!\d| *[\"'\u201c])")
_AGE_BEFORE, _AGE_AFTER = re.compile(r"\d+ years?,? and $"), re.compile(r"^ years?,? and \d+ days")
_GENERIC_POSTS = {"representative", "senator", "mp", "member", "official", "spokesperson", "spokesman", "researcher"}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Words that point back to something the reader of a lone question has not seen.
_DANGLING = re.compile(
    r"^(?:Then|Consequently|Instead|Also|Thereafter|Subsequently|The report|The ban|The request|The incident|"
    r"The group|The move|The decision|The deal|The bill|The study|The letter|The document|These|Those|Other|Once)\b|"
    r"\b(?:instead|consequently|thereafter|then|these)\b|\bthose\b(?! (?:who|which|that)\b)|"
    r"\b(?:the report|the ban|the jet|the lead)\b(?! (?:of|on|by|from|into|for)\b)"
)
# A sentence that opens by pointing back: 'This was ...', 'This 10-day climb', 'It is ...'.
_THIS_OPENS = re.compile(r"This\b|(?:That|It) (?:was|is|will|would|marks|marked|means|meant|makes|made)\b")
_MARKUP = re.compile(r"\{\{|\}\}|\[\[|\]\]")
# 'on today's early morning': a day counted from the article's date, which the reader of a statement does not see.
_RELATIVE_DAY = re.compile(
    r"\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|last night|this (?:morning|evening|week|past weekend))\b"
)
# A pronoun left in a question made from the sentence's predicate points back out of the prompt.
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|these|those)\b", re.I)
# An exact count of four or more figures that is not round ('51,516 votes'): trivia nobody keeps in mind.
_EXACT_COUNT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d{4,}$")
# A blank among other numbers of a pattern or range: '___, $180, or $360', '36 to ___', '___ months, 6 months'.
_IN_SERIES_AFTER = re.compile(r"^[^\d.;]{0,14}(?:,|\bto\b|\bor\b|[–-])\s*\$?\d|^[^.:;]{0,40}:[^.]*,[^.]*,")
# The number before must stand alone: 'the ATR-42 can carry up to ___' names a model, it starts no range.
_IN_SERIES_BEFORE = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)*[^\d.;]{0,14}(?:,|\bto|\bor|[–-])\s*\$?$|\bfrom \w+ to $")
# A list cut short: 'Kahne, Kyle Larson, Austin Dillon, Denny Hamlin?' with no 'and' before the last.
_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*"
_CUT_LIST = re.compile(rf"(?:{_NAME}, ){{2,}}{_NAME}[?.]?$")
_LONG_LIST = re.compile(rf"(?:{_NAME}, ){{3,}}{_NAME}")
_HEAD_TITLES = re.compile(r"\b(?:President|Prime Minister|Premier|Pope|King|Queen|Chancellor|Emperor)\s*$")
# A word that makes a 'name' not a name: 'One Rohingya', 'Fraser Government', 'Education Mr.', 'Lockheed C'.
_NOT_NAME = re.compile(
    r"^(?:One|Two|Three|Four|Five|Some|Many|Several|The)\b|\b(?:Government|Ministry|Party|Council|Mr|Mrs|Ms|Dr)\.?$"
    r"|\b(?:Day|Week|Cup|Award|Prize)$|(?:^|\s)[A-Z]\.?$"
)


def vet(c: Candidate, a: Analysis, country_names: dict[str, list[str]]) -> Candidate | None:
    """The candidate as a reader would accept it, mended where that is safe, or None to drop it.

    `country_names` maps a country to the other words that name it (demonyms), for the main-subject test.
    """
    if c.kind is Kind.RECALL and c.template == "post":
        return None  # 'What post does X hold?' typed: readers kept few (a past post, a vague or generic title)
    mended = mend(c, a)
    if mended is None or blank_cut_from_name(mended):
        return None
    c = mended
    if trivial(c, a, country_names):
        return None
    body = c.prompt.removeprefix(TF_LEAD).removeprefix(NUMBER_LEAD)
    if c.kind in (Kind.TRUEFALSE, Kind.GAP, Kind.NUMBER) and _PACKED.search(outside_quotes(body.strip('"'))):
        return None  # '... 21 Lutetia: enstatite chondrite with ...': facts packed behind a colon (readers kept none)
    if _MARKUP.search(body):
        return None  # '{{w|cartouche]]s': the wiki's markup left in the article reads as garbage in a prompt
    if _THIS_OPENS.match(body.lstrip('"')):
        return None  # 'This was the 34th launch of 2008': 'this' is the sentence before, which the reader has not seen
    if _DANGLING.search(body) or _garbled(body) or any("[" in e for e in c.evidence):
        # '[Passage of the Bill] was passed': the article's own insertion reads as nonsense on its own
        return None
    if c.kind is Kind.TRUEFALSE:
        if _RELATIVE_DAY.search(body):
            return None
        if re.search(r"\d,\d{3} votes\b", body):
            return None  # a statement hinging on an exact vote count: trivia, true or false
        if re.search(r"\(\d+\) [A-Z]", body):
            return None  # '(25143) Itokawa': a catalogue number read out, not a fact
        if c.atype[0] == "number" and _SECTION.search(c.evidence[0][: c.span[1]]):
            return None  # 'Sections 4 and 8 of the Act': a section number is trivia, true or false

        return None if _cheap_false(c, a) else c
    if c.atype[0] == "person" and isinstance(c.answer, str):
        c = _without_descriptor(c)
    if _garbage(c.answer_text) and c.atype[0] in ("person", "title", "org"):
        return None
    last_word = fold(c.answer_text).split()[-1:]
    if c.kind is Kind.RECALL and c.template.startswith("subject") and _PRONOUN.search(_unquoted(body)):
        return None  # 'Who told the BBC that it was named ...?': 'it' points to a sentence the reader has not seen
    post = re.match(r"Who is the (.+?), according", body) if c.template == "who-is" else None
    generic = post and re.search(r"\b(?:cabinet|government|junior|senior) minister$", fold(post.group(1)))
    if post and (generic or fold(post.group(1)).split()[-1] in _GENERIC_POSTS):
        return None  # 'Who is the U.S. Senator?': a post many hold, asked without what the story says of him
    if c.atype[0] == "title" and (c.answer_text.endswith(".") or (last_word and last_word[0] in _GENERIC_POSTS)):
        return None  # 'Rep.', 'Representative': an abbreviation or a post every second name holds
    if c.template == "post" and (_HEAD_TITLES.search(c.answer_text) or _left_post(c)):
        return None  # a prime minister's post is known without reading; 'does hold' is false for one who quit
    if c.options and c.kind is not Kind.NUMBER:
        c = _clean_options(c, a)
        c = c and settle(c, a)  # three options like the key; a choice draft without them goes
        if c is None:
            return None
    if c.kind in (Kind.GAP, Kind.NUMBER) and _guessable_blank(c, a, country_names):
        return None
    if c.atype[0] == "country" and _main_country(c.answer_text, a, country_names):
        return None
    if c.atype[0] == "person" and c.template not in ("post", "who-is") and _main_person(c.key, a):
        return None  # the story's own subject ('Who won the race?' -> Gordon) is guessed from the headline
    return other_forms(with_possessive(_with_other_forms(c, a)), a)


def _garbled(body: str) -> bool:
    """A prompt made from a list or a clause that does not read on its own."""
    if ", which " in body and _HANGING.match(body):
        return True  # 'The Museum of Flight in Seattle, which city ...?': a noun phrase left hanging
    if body.startswith("Who, ") or ", who, " in body:
        return True  # 'Who, the State Department Spokesperson, said ...'
    if body.count(";") >= 2 or body.startswith((GAP_MARK + ",", "…", '"…')) or '""' in body:
        return True
    # The lists need two or three commas: most prompts have fewer and skip the slow patterns.
    commas = body.count(", ")
    if _CUT_NAME.search(body) or (commas >= 3 and _LONG_LIST.search(body)):
        return True  # '___, Jr.' cuts a name; a run of four names is a results table, not a sentence
    return commas >= 2 and bool(_CUT_LIST.search(body.rstrip()))


_HANGING = re.compile(r"The [^,?]+, which \w+")
_CUT_NAME = re.compile(rf"{re.escape(GAP_MARK)}, Jr\b")


def _unquoted(text: str) -> str:
    """The prompt without its quotations: a quote's own 'it' is the speaker's, not a dangling one."""
    return re.sub(r'"[^"]*"?|\u201c[^\u201d]*\u201d?', " ", text)


def _garbage(text: str) -> bool:
    return bool(_NOT_NAME.search(text.strip())) or len(text.strip()) < 2


def _variant(x: str, y: str) -> bool:
    """'Deputy Ambassador' and 'Ambassador', 'Spokeswoman' and 'spokesperson': one post in two forms."""
    fx, fy = fold(x), fold(y)
    if fx in fy or fy in fx:
        return True
    lx, ly = fx.split()[-1:], fy.split()[-1:]
    return bool(lx and ly and lx[0][:6] == ly[0][:6] and len(lx[0]) >= 6)


def _clean_options(c: Candidate, a: Analysis) -> Candidate | None:
    """Options a reader takes for real: from the article for posts and people, no variants, no garbage."""
    key_ent = a.entities.get(c.key)
    kept: list[Option] = []
    for o in c.options:
        if _garbage(o.text) and o.type[0] in ("person", "title", "org"):
            continue
        if c.template == "post" and (o.source != "article" or any(_variant(o.text, k.text) for k in kept)
                                     or _variant(o.text, c.answer_text)):  # fmt: skip
            continue  # a post from another world ('Crown prince' for a prosecutor) or the key in other words
        if o.type[0] == "person" and o.source != "article":
            continue  # Michael Schumacher in a NASCAR story
        if o.type[0] == "person" and key_ent is not None:
            ent = next((e for e in a.entities.values() if e.key == o.text or o.text in e.forms), None)
            if ent is not None and _other_side(ent, key_ent, c.template == "who-is", c.template == "said"):
                continue  # a referee offered for a player, Tunisia's goalkeeper for Belgium's coach
        kept.append(o)
    if len(kept) == len(c.options):
        return c
    if c.kind is Kind.CHOICE and len(kept) < 3:
        return None
    return replace(c, options=tuple(kept))


def _other_side(ent, key_ent, post_asked: bool, quote: bool = False) -> bool:
    """Does the option's post set it apart from the key: another kind of post, or (when the prompt
    names the post, 'Who is Tunisia's coach?') another country's or team's? Who said a quote is asked
    of anyone of its field, with a post or without one."""
    if ent.roles and not key_ent.roles and not quote:
        return True
    if ent.roles and key_ent.roles and ent.role_class != key_ent.role_class:
        return True
    if not post_asked:
        return False  # 'Who said ...?': Russia's ambassador is a fair option for Britain's
    mine, theirs = _qualifiers(key_ent), _qualifiers(ent)
    return bool(mine and ent.roles and not mine & theirs)  # Tunisia's goalkeeper: not England's defender


def _qualifiers(ent) -> set[str]:
    """The capitalised words of a person's posts besides the post itself: "Tunisia's goalkeeper" -> {'tunisia'}."""
    out = set()
    for role, phrase in zip(ent.roles, ent.role_phrases, strict=False):
        rest = phrase.replace(role, " ")
        out |= {fold(w.removesuffix("'s")) for w in rest.split() if w[:1].isupper()}
    return out - {"the", "former"}


# A named body followed by 'in (the)': the blank after it is the body's country.
_INSTITUTION_IN = re.compile(
    r"\b(?:University|Institute|College|School|Centre|Center|Hospital|Laboratory|Observatory|Museum|Agency|Council)"
    r"(?: of(?: [A-Z][\w.&'-]*)+)? in (?:the )?$"
)


def _guessable_blank(c: Candidate, a: Analysis, country_names: dict[str, list[str]]) -> bool:
    """A blank that the words around it fill without reading the article."""
    at = c.prompt.find(GAP_MARK)
    if at < 0:
        return False
    before, after = c.prompt[:at], c.prompt[at + len(GAP_MARK) :]
    if c.atype[0] == "person" and re.search(r"\b\d+(?:st|nd|rd|th) $", before):
        return True  # 'signs the 31st ___': an ordinal heads a law or an edition, never a person
    if c.atype[0] == "person" and _HEAD_TITLES.search(before):
        return True  # 'President ___' in a story of the day
    if c.atype[0] == "person" and re.search(r"\b[A-Z][a-z]+ (?:of|on|for) $", before):
        return True  # 'Commission on ___': the blank is the end of an organisation's name, not a person
    if c.atype[0] == "country" and re.search(r"[A-Z][a-z]+, $", before):
        return True  # 'Sydney, ___'
    if c.atype[0] == "country" and _INSTITUTION_IN.search(before):
        return True  # 'Penn State University in the ___': where a body sits is a side detail, and guessed
    if re.search(r"\b(?:[Aa]ccording to(?: the)?|[Aa]s) $", before) or re.match(r"^ (?:reported|reports)\b", after):
        return True  # who reported it is trivia, and 'the Sydney Morning Herald' is guessed from 'Sydney'
    if c.atype[0] in ("person", "org", "place") and _in_a_list(c, a):
        return True  # one name of a list: the sentence is a results table, and any name of it fits
    if c.atype[0] == "org" and re.search(r"\b(?:told|seen by|interview with)(?: the)? $", before):
        return True  # which outlet a source spoke to is trivia
    if before.endswith("(") and after.startswith(")"):
        return True  # 'Medecins sans Frontieres (___)': the name before spells the short form
    if re.match(r"^\s*\([A-Z][A-Za-z]{1,6}\)", after):
        return True  # '___ (PSG)': the acronym gives the name
    if c.kind is Kind.NUMBER or c.atype[0] == "numword":
        converted = re.search(rf"(?:\d|{_NUMBER_WORD})[^()]{{0,20}}\([^)]*$", before)
        if re.match(r"^[^()\d]{0,20}\([^)]*\d", after) or converted:
            return True  # '___ miles (800 km)', 'six feet (___ metres)': the other unit gives it
        # ('3,000 Afghan refugees' is a count: a plural noun follows the capital word)
        named = re.match(rf"^ (?!{_MONTHS}\b)[A-Z][a-z]+\b(?<!s)(?![\w'])(?! [a-z]+s\b)", after)
        if before.count("(") > before.count(")") or named:
            return True  # a figure in brackets is an aside; '21 Lutetia', 'Flight ___': a number that is a name
        if before.endswith("±") or _SECTION.search(before) or (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after)):
            return True  # an error margin, 'Sections 4 and ___', '___ years and 285 days': no fact worth asking
        if re.search(r"\b[Aa]n $", before):
            return True  # 'an ___-year lull': 'an' leaves only eight, eleven, eighteen or the eighties
        if before.endswith(":") or word_value(c.answer_text) in _SMALL_COUNTS:
            return True  # a clock time, or 'two', 'three': a trivial count anyone guesses
        if _IN_SERIES_AFTER.search(after) or _IN_SERIES_BEFORE.search(before):
            return True  # one number of a doubling series, a range's other end, or a list that counts itself
        if c.atype[0] == "number" and _exact_count(c):
            return True
        if counted_in_prompt(before, after, c.answer_text) or round_limit(before, after, c.answer_text, c.unit):
            return True  # 'Finland, Croatia, Japan and Lithuania are the ___ countries'; 'almost ___ percent' -> 100
    if c.atype[0] == "date" and re.fullmatch(r"\d{4}", c.answer_text.strip()):
        year = int(c.answer_text)
        if any(abs(int(y) - year) <= 1 for y in re.findall(r"(?<![\d,.])\d{4}(?![\d,])", before + " " + after)):
            return True  # 'the 1968 Le Mans winner was killed in ___': a year next to one in the prompt
    # 'July 8' with no year: an incidental date
    return c.atype[0] == "date" and not re.search(r"\b\d{4}\b", c.answer_text)


def _in_a_list(c: Candidate, a: Analysis) -> bool:
    """Is the blank one item of a list of names of its own type? 'The director of the IAEA, ___, called' is not:
    the name before is an organisation, and the blank stands beside it as its director."""
    ev, start, end = c.evidence[c.span[0]], c.span[1], c.span[2]
    if re.match(r"^, (?:[A-Z][\w.'-]*'s |and )?[A-Z]", ev[end:]):
        return True  # "New People Party's ___, DAB's Ben Chan", 'in ___, Illinois': the next item, or the state
    for m in a.mentions[c.sentence] if c.span[0] == 0 else ():
        if m.type != c.atype[0] or (m.start, m.end) == (start, end):
            continue
        if re.fullmatch(r",(?: and)? ", ev[m.end : start]) or re.fullmatch(r",?(?: and)? ", ev[end : m.start]):
            return True
    return False


def _exact_count(c: Candidate) -> bool:
    """'491,667 votes': a plain count of four or more figures, not round; money and percentages stay."""
    if c.atype[1].startswith("money") or c.atype[1] == "percent" or not _EXACT_COUNT.match(c.answer_text):
        return False
    value = int(c.answer_text.replace(",", ""))
    return not (1000 <= value <= 2100) and value % 100 != 0  # a year, or a round figure, is fair


def _left_post(c: Candidate) -> bool:
    """Has the person left the post the prompt says they hold ('quit on December 12', 'former')?"""
    return bool(re.search(r"\b(?:former|quit|resigned|stepped down|ex-)\b", " ".join(c.evidence), re.I))


def _main_country(country: str, a: Analysis, country_names: dict[str, list[str]]) -> bool:
    """Is the country what the story is about (named, or its people, in a fifth of the sentences)?"""
    names = [country, *country_names.get(country, [])]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names if n) + r")\b")
    hits = sum(1 for s in a.sentences if pattern.search(s.text))
    return hits >= max(3, len(a.sentences) / 5)


def _main_person(key: str, a: Analysis) -> bool:
    """Is the person what the story is about (in a quarter of its sentences)?"""
    ent = a.entities.get(key)
    return ent is not None and len(ent.sentences) >= max(3, len(a.sentences) / 4)


_BRACKETED_FIGURE = re.compile(r"\([^)]*\d")
_SCORE_OR_NONE = re.compile(r"\d\s*[–-]\s*\d|\bneither\b|\bno\b")


def _cheap_false(c: Candidate, a: Analysis) -> bool:
    """A statement false by a nitpick or an absurd swap, or one that contradicts itself."""
    if c.answer is True:
        return False
    if implausible(c, a):
        return True
    sub = c.substitute
    if c.atype[0] == "date":
        return True  # 2049 for 2050, August 20 for August 10: a nitpick
    if c.atype[0] == "number" and _BRACKETED_FIGURE.search(c.prompt):
        return True  # '200 miles (800 km)': the other unit shows the swap
    if c.atype[0] == "number" and _SCORE_OR_NONE.search(c.prompt):
        return True  # a swapped score beside 'neither side scored'
    if c.atype == ("org", "news-agency"):
        return True  # who reported it is trivia
    if c.atype[0] == "org" and sub:
        ent = next((e for e in a.entities.values() if e.key == sub or sub in e.forms), None)
        if ent is None:
            return True  # a body from outside the story: a court for a health agency
    # 'the Toccafondi'
    if c.atype[0] != "person" or f"he {sub}" not in c.prompt:
        return False  # the plain test first: a pattern is compiled for each name
    return bool(_the_name(sub).search(c.prompt))


@lru_cache(maxsize=1024)
def _the_name(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:the|The) {re.escape(name)}\b")


def _with_other_forms(c: Candidate, a: Analysis) -> Candidate:
    """Accept what a reader would write: '4' for 'four', '16 May' for 'May 16'; never a bare given name."""
    alts = list(c.alternatives)
    t = c.answer_text
    if c.atype[0] == "numword":
        alts += number_forms(t)
    if c.atype[0] == "date":
        m = re.fullmatch(rf"({_MONTHS}) (\d{{1,2}})(,? \d{{4}})?", t)
        n = re.fullmatch(rf"(\d{{1,2}}) ({_MONTHS})( \d{{4}})?", t)
        if m:
            alts.append(f"{m.group(2)} {m.group(1)}{(m.group(3) or '').lstrip(',')}")
        elif n:
            alts.append(f"{n.group(2)} {n.group(1)}" + (f",{n.group(3)}" if n.group(3) else ""))
    if c.atype[0] == "person":
        ent = a.entities.get(c.key)
        given = _hyphened_given(ent.key if ent else t)
        alts = [x for x in alts if not given or (fold(x) not in given)]
        fuller = [e.key for e in a.entities.values() if e.type == "person" and e.key != t and e.key.split()[-1:] == [t]]
        if ent is not None and fold(ent.key) != fold(t):
            alts.append(ent.key)  # 'Gaudi' asked: 'Scott Gaudi' is right too
        elif len(t.split()) == 1 and len(fuller) == 1:
            alts.append(fuller[0])  # 'Professor Gaudi' read apart from 'professor Scott Gaudi'
        alts = [x for x in alts if not _shared_surname(x, ent, a)]
        alts = [undescribed(x) for x in alts]
    alts = list(dict.fromkeys(x for x in alts if fold(x) != fold(t)))
    if tuple(alts) == c.alternatives or c.kind not in (Kind.GAP, Kind.RECALL):
        return c
    folded = {fold(o.text) for o in c.options}
    return replace(c, alternatives=tuple(x for x in alts if fold(x) not in folded))


def _without_descriptor(c: Candidate) -> Candidate:
    """'Environmentalist Mark Lynas' asked as a person: the answer is 'Mark Lynas'; a blank keeps the word before it."""
    name = undescribed(c.answer_text)
    if name == c.answer_text:
        return c
    cut = len(c.answer_text) - len(name)
    prompt = c.prompt.replace(GAP_MARK, c.answer_text[:cut] + GAP_MARK) if c.kind is Kind.GAP else c.prompt
    i, start, end = c.span
    return replace(c, prompt=prompt, answer=name, answer_text=name, span=(i, start + cut, end))


def _shared_surname(alt: str, ent, a: Analysis) -> bool:
    """A one-word form that another person of the article also bears ('Wong' among three Wongs)."""
    if ent is None or len(alt.split()) != 1:
        return False
    word = fold(alt)
    return any(e is not ent and word in fold(e.key).split() for e in a.entities.values() if e.type == "person")


def _hyphened_given(name: str) -> set[str]:
    """'Kim Min-Woo' -> {'min-woo', 'woo', 'min'}: a Korean given name is not what a reader calls him."""
    parts = name.split()
    if len(parts) == 2 and "-" in parts[1] and len(parts[0]) <= 4:
        given = parts[1]
        return {fold(given), *(fold(p) for p in given.split("-"))}
    return set()
