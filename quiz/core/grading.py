"""Grading one answer against its question: typed text, a chosen option, true or false, or a number."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence

from rapidfuzz.distance import DamerauLevenshtein

from quiz.core.model import Kind, Question, format_answer, format_number
from quiz.core.number_words import parse_number_word
from quiz.core.places import country_of, same_place
from quiz.core.text import (
    fold,
    loose,
    month_named,
    parse_date,
    parse_number,
    qualified,
    qualified_numbers,
    slash_date_readings,
)
from quiz.core.verdict import Form, Outcome, Verdict

TRUE_WORDS = frozenset({"t", "true", "y", "yes"})
FALSE_WORDS = frozenset({"f", "false", "n", "no"})

_NUMERIC = re.compile(r"[\d\s]+")
_DIGITS = re.compile(r"\d+")


def grade(question: Question, given: str, form: Form, options: Sequence[str] | None = None) -> Verdict:
    """Judge one answer; `given` is what was typed, or the chosen option's text. Never raises."""
    given = given.strip()
    expected = _expected(question)
    if not given:
        return Verdict(Outcome.WRONG, "", expected)
    if question.kind is Kind.TRUEFALSE and (truth := _truth(question.answer)) is not None:
        return _grade_truth(truth, given, expected)
    if question.kind is Kind.NUMBER and (value := _number(question.answer)) is not None:
        return _grade_number(question, value, given, expected, form)
    return _grade_text(question, given, expected, form, options or ())


def skipped(question: Question) -> Verdict:
    """The verdict for a question the learner passed on."""
    return Verdict(Outcome.SKIPPED, "", _expected(question))


def options_for(question: Question, rng: random.Random) -> list[str]:
    """The answer among its distractors, shuffled by `rng`; True/False keep their order."""
    if question.kind is Kind.TRUEFALSE:
        return ["True", "False"]
    options: dict[str, str] = {}
    # A distractor that reads the same as the answer or another option would show twice.
    for text in (_answer_text(question), *question.distractors):
        options.setdefault(_key(text), text)
    shuffled = list(options.values())
    rng.shuffle(shuffled)
    return shuffled


def can_ask_as_choice(question: Question) -> bool:
    """Has it options to pick from (distractors, or true/false)?"""
    return question.has_options


def typo_allowance(answer: str) -> int:
    """How many edits a folded answer tolerates: none under 5 characters, then 1, 2, 3 as it grows."""
    length = len(answer)
    if length < 5:
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    return 3


def _grade_truth(truth: bool, given: str, expected: str) -> Verdict:
    word = fold(given)
    if word not in TRUE_WORDS | FALSE_WORDS:
        return Verdict(Outcome.WRONG, given, expected, "answer t or f")
    outcome = Outcome.CORRECT if (word in TRUE_WORDS) == truth else Outcome.WRONG
    # "t", "yes", "true" are all the word True: shown (and kept) the way the correct answer is.
    return Verdict(outcome, "True" if word in TRUE_WORDS else "False", expected)


def _grade_number(question: Question, answer: float, given: str, expected: str, form: Form) -> Verdict:
    if form is Form.CHOICE and _key(given) == _key(_answer_text(question)):
        return Verdict(Outcome.CORRECT, given, expected)
    bare = _without_unit(given, question.unit)
    if (month := _month_asked(question)) and (parse_date(given) or slash_date_readings(given)):
        return _grade_day(month, answer, given, expected)
    if bound := qualified(bare):
        return _grade_bound(question, answer, bound, given, expected)
    value = parse_number(bare)
    if value is None:
        value = parse_number_word(bare)  # 'thirty' for 30
    if value is None:
        return Verdict(Outcome.WRONG, given, expected, "not a number")
    # Rounded as format_number shows it, so typing back the displayed answer always counts.
    if round(value, 6) == round(answer, 6):
        return Verdict(Outcome.CORRECT, given, expected)
    if abs(value - answer) <= question.tolerance:
        return Verdict(Outcome.CORRECT, given, expected, f"accepted: within ±{format_number(question.tolerance)}")
    return Verdict(Outcome.WRONG, given, expected)


def _grade_day(month: int, day: float, given: str, expected: str) -> Verdict:
    """A day-of-the-month answer typed as a date: "October 8", "8 Oct", or "19/12" when only one reading fits."""
    date = parse_date(given)
    readings = {date} if date else slash_date_readings(given)
    if len(readings) > 1:
        return Verdict(Outcome.WRONG, given, expected, "could be either day or month first: write the month as a word")
    ((m, d),) = readings
    outcome = Outcome.CORRECT if (m, d) == (month, day) else Outcome.WRONG
    return Verdict(outcome, given, expected, "accepted: the same date" if outcome is Outcome.CORRECT else "")


def _grade_bound(question: Question, answer: float, bound: tuple[str, str], given: str, expected: str) -> Verdict:
    """ "more than 50", "about 35,000": right only for the right figure, and only as the article qualifies it."""
    sense, rest = bound
    value = parse_number(rest)
    if value is None:
        return Verdict(Outcome.WRONG, given, expected, "not a number")
    if abs(value - answer) > question.tolerance and round(value, 6) != round(answer, 6):
        return Verdict(Outcome.WRONG, given, expected)
    if question.tolerance > 0:
        return Verdict(Outcome.CORRECT, given, expected, f"accepted: within ±{format_number(question.tolerance)}")
    evidence = " ".join(e.quote for e in question.evidence)
    if (sense, answer) in qualified_numbers(evidence):
        return Verdict(Outcome.CORRECT, given, expected, "accepted: the article puts it that way too")
    return Verdict(Outcome.WRONG, given, expected, f"the article gives the figure as {expected}, not as a bound")


def _month_asked(question: Question) -> int | None:
    """The month of a "which day of October?" question: its unit, or the month its prompt asks about."""
    if month := month_named(question.unit):
        return month
    asked = re.search(r"\bday of (\w+)", question.prompt, re.IGNORECASE)
    return month_named(asked.group(1)) if asked else None


def _grade_text(question: Question, given: str, expected: str, form: Form, options: Sequence[str]) -> Verdict:
    typed = _key(given)
    answer = _answer_text(question)
    if typed == _key(answer):
        return Verdict(Outcome.CORRECT, given, expected)
    for alternative in question.alternatives:
        if typed == _key(alternative):
            return Verdict(Outcome.ALTERNATIVE, given, expected, f"accepted alternative: {alternative}")
    if form is Form.CHOICE:  # a picked option is the learner's choice as it stands, never a misspelling
        return Verdict(Outcome.WRONG, given, expected)
    if (date := parse_date(answer)) and (parse_date(given) == date or slash_date_readings(given) == {date}):
        return Verdict(Outcome.ALTERNATIVE, given, expected, "accepted: the same date")
    targets = (answer, *question.alternatives)
    for target in targets:
        if place := same_place(given, target):
            return Verdict(Outcome.ALTERNATIVE, given, expected, f"accepted: the same country ({place})")
    if (named := country_of(given)) and any(country_of(t) not in (None, named) for t in targets):
        return Verdict(Outcome.WRONG, given, expected)  # another country is a wrong fact, not a typo ("Austria")
    meant = _misspelt(typed, (answer, *question.alternatives), (*question.distractors, *options))
    if meant is not None:
        return Verdict(Outcome.TYPO, given, expected, f"accepted: typo (expected '{meant}')")
    return Verdict(Outcome.WRONG, given, expected)


def _misspelt(typed: str, targets: Sequence[str], rivals: Sequence[str]) -> str | None:
    """The target `typed` is a small misspelling of, if it is nearer that target than any rival."""
    target_keys = {_key(t) for t in targets}
    rival_keys = [k for k in map(_key, rivals) if k not in target_keys]
    best: tuple[int, str] | None = None
    for target in targets:
        key = _key(target)
        if not _may_misspell(typed, key):
            continue
        allowance = typo_allowance(key)
        distance = DamerauLevenshtein.distance(typed, key, score_cutoff=allowance)
        if distance > allowance or _rival_as_near(typed, rival_keys, distance):
            continue
        if best is None or distance < best[0]:
            best = (distance, target)
    return best[1] if best else None


def _may_misspell(typed: str, key: str) -> bool:
    # A wrong digit is a wrong fact, not a typo: numbers and the digits in names must match exactly.
    return not _NUMERIC.fullmatch(key) and _DIGITS.findall(typed) == _DIGITS.findall(key)


def _rival_as_near(typed: str, rival_keys: Sequence[str], distance: int) -> bool:
    # "Austraia" is one edit from Austria and from Australia: it could mean either, so neither.
    return any(DamerauLevenshtein.distance(typed, k, score_cutoff=distance) <= distance for k in rival_keys)


def _key(text: str) -> str:
    """The form compared: fold(), or the loosened text when folding leaves nothing (an answer like '?!')."""
    return fold(text) or loose(text).casefold()


def _without_unit(given: str, unit: str) -> str:
    # "250 m" with unit "m" means metres, not 250 million.
    if not unit.strip():
        return given
    return re.sub(rf"(?<=[\d\s]){re.escape(unit.strip())}$", "", given, flags=re.IGNORECASE)


def _truth(answer: str | bool | float) -> bool | None:
    if isinstance(answer, bool):
        return answer
    word = fold(str(answer))
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def _number(answer: str | bool | float) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return float(answer)
    return parse_number(answer)


def _answer_text(question: Question) -> str:
    answer = question.answer
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return format_answer(answer)
    # format_number cannot show inf or nan; the bank should never hold them, but grading must not raise.
    return format_number(float(answer)) if math.isfinite(answer) else str(answer)


def _expected(question: Question) -> str:
    text = _answer_text(question)
    return f"{text} {question.unit}" if question.kind is Kind.NUMBER and question.unit else text
