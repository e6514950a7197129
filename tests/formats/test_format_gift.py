"""Reading Moodle GIFT: every feature of the good fixture, every bad entry with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.core.model import Kind
from quiz.formats import read_file, read_text
from quiz.formats.gift import FEEDBACK_KEPT, escape, unescape

FIXTURES = Path(__file__).parent / "fixtures"
NO_EXPLANATION = "No explanation was given in good.gift."

# line, kind, prompt, answer, alternatives, distractors, tolerance
GOOD = [
    (6, Kind.CHOICE, "What is the capital of France?", "Paris", (), ("Lyon", "Marseille"), 0),
    (13, Kind.TRUEFALSE, "The Sun is a star.", True, (), (), 0),
    (15, Kind.TRUEFALSE, "The Moon is a planet.", False, (), (), 0),
    (17, Kind.RECALL, 'Who wrote "Hamlet"?', "William Shakespeare", ("Shakespeare", "W. Shakespeare"), (), 0),
    (19, Kind.RECALL, "Which planet is known as the red planet?", "Mars", ("the red planet Mars",), (), 0),
    (21, Kind.GAP, "Two plus two is ___ in ordinary arithmetic.", "four", ("4",), (), 0),
    (23, Kind.GAP, "Mahatma Gandhi's birthplace is ___ in India.", "Porbandar", (), ("Delhi", "Mumbai"), 0),
    (25, Kind.NUMBER, "How many people live in the city, roughly?", 250000.0, (), (), 1000),
    (27, Kind.NUMBER, "Pick a number between 1 and 5.", 3.0, (), (), 2),
    (29, Kind.NUMBER, "When was Ulysses S. Grant born?", 1822.0, (), (), 0),
    (
        35,
        Kind.CHOICE,
        "Which of these is written with special characters ~ = # { } : ?",
        "a = b # c",
        (),
        ("{braces}", "tilde ~ and colon :"),
        0,
    ),
    (41, Kind.CHOICE, "Which river\nflows through\nParis?", "The Seine", (), ("The Loire",), 0),
    (48, Kind.CHOICE, "Which is bold & bright?", "The Sun", (), ("The Moon",), 0),
    (50, Kind.CHOICE, "Which is prime?", "2", (), ("9", "4"), 0),
    (52, Kind.RECALL, "Line one\nline two", "yes", ("y",), (), 0),
    (56, Kind.RECALL, "Which is the smallest prime?", "2", (), ("1", "0"), 0),
]


@pytest.fixture(scope="module")
def good():
    reading, fmt = read_file(FIXTURES / "good.gift")
    assert fmt == "gift" and reading.problems == []
    return {q.line: q for q in reading.questions}


@pytest.mark.parametrize(("line", "kind", "prompt", "answer", "alternatives", "distractors", "tolerance"), GOOD)
def test_good_gift_question(good, line, kind, prompt, answer, alternatives, distractors, tolerance):
    """Each GIFT question type maps to its kind, with escapes, titles, comments and formats handled."""
    q = good[line]
    assert (q.kind, q.prompt, q.answer) == (kind, prompt, answer)
    assert (q.alternatives, q.distractors, q.tolerance) == (alternatives, distractors, tolerance)


def test_good_gift_has_nothing_else(good):
    assert sorted(good) == [row[0] for row in GOOD]


@pytest.mark.parametrize(
    ("line", "explanation"),
    [
        (6, "Paris has been the capital since the Middle Ages."),  # general feedback ####
        (15, "Right: it is a satellite."),  # true/false: the feedback for a right answer
        (29, "Right on."),  # the right answer's own #feedback
        (13, NO_EXPLANATION),
    ],
)
def test_feedback_becomes_the_explanation(good, line, explanation):
    assert good[line].explanation == explanation


def test_tags_and_quiz_comment_are_read(good):
    """Moodle's `// [tag:...]` comments become tags; `// quiz:` sets what GIFT cannot say."""
    assert good[6].tags == ("geography", "capital-cities")
    assert good[13].tags == ("imported",)
    assert (good[56].tags, good[56].difficulty) == (("maths",), 3)


def test_lossy_answers_are_noted():
    reading, _ = read_file(FIXTURES / "good.gift")
    notes = {(n.line, n.message.split(" ")[0]) for n in reading.notes}
    assert notes == {(6, "2"), (15, "1"), (29, "only"), (29, "1"), (50, "options")}


def gift(text: str):
    reading = read_text(text, "gift", Path("x.gift"))
    assert reading.problems == []
    return reading


@pytest.mark.parametrize(
    ("text", "kind", "prompt", "explanation"),
    [
        ("What is 2+2? {=4 ~3 ~5} ####Four: two and two.", Kind.CHOICE, "What is 2+2?", "Four: two and two."),
        ("What is 2+2? {=4 ~3 ~5}\n####Four.", Kind.CHOICE, "What is 2+2?", "Four."),
        (
            "Is the Sun a star? {T}####It is the nearest one.",
            Kind.TRUEFALSE,
            "Is the Sun a star?",
            "It is the nearest one.",
        ),
        (
            "How many legs has a spider? {#8} ####Eight, like all arachnids.",
            Kind.NUMBER,
            "How many legs has a spider?",
            "Eight, like all arachnids.",
        ),
        # text between the brace and the #### still makes a gap question; the feedback stays out of it
        ("Two plus {=two} is four. ####Both are two.", Kind.GAP, "Two plus ___ is four.", "Both are two."),
    ],
)
def test_general_feedback_after_the_braces_is_the_explanation_not_the_prompt(text, kind, prompt, explanation):
    (q,) = gift(text).questions
    assert (q.kind, q.prompt, q.explanation) == (kind, prompt, explanation)
    assert "####" not in q.prompt and explanation.split(":")[0] not in q.prompt


@pytest.mark.parametrize(
    ("text", "explanation", "note"),
    [
        ("Q? {=a#Yes. ~b#No.}", "Yes.", "1 other feedback text left out"),
        ("Q? {=a#Yes. ~b#No. ~c#Nor this.}", "Yes.", "2 other feedback texts left out"),
        ("Q? {=a#Yes. ~b ####General.}", "General.", "1 other feedback text left out"),
        ("Q? {=a ~b} ####After.", "After.", ""),
        ("Q? {=a ~b ####Inside.} ####After.", "Inside.", "1 other feedback text left out"),
        ("Q? {T#Wrong.#Right.}", "Right.", "1 other feedback text left out"),
        ("Q? {#5#Five.}", "Five.", ""),
        ("Q? {#5 ~#Not that.}", "No explanation was given in x.gift.", "1 other feedback text left out"),
        ("Q? {=a#Yes. ~b}", "Yes.", ""),
    ],
)
def test_feedback_that_is_dropped_is_noted(text, explanation, note):
    reading = gift(text)
    (q,) = reading.questions
    assert q.explanation == explanation
    said = [n.message for n in reading.notes if "feedback text" in n.message]
    assert said == ([f"{note}; {FEEDBACK_KEPT}"] if note else [])


BAD = [
    (3, "essay"),
    (5, "matching questions"),
    (11, "has no answer in braces"),
    (15, "never closed"),
    (18, "no option is marked right"),
    (20, "'far:1' is not a numerical answer"),
    (22, "runs backwards"),
    (24, "a second answer block"),
    (27, "leave a blank line between questions"),
    (29, "also among the wrong options"),
    (31, "has 9 wrong options"),
    (33, "title after '::' is never closed"),
    (35, "a '}' with no '{'"),
]


def test_bad_entries_are_reported_with_their_lines_and_the_rest_imported():
    reading, _ = read_file(FIXTURES / "bad.gift")
    found = [(p.line, p.message) for p in reading.problems]
    assert [line for line, _ in found] == [line for line, _ in BAD]
    for (_, message), (_, words) in zip(found, BAD, strict=True):
        assert words in message
        assert ";" in message  # what is wrong; what to do
    assert [(q.line, q.prompt) for q in reading.questions] == [(13, "Is water wet?"), (37, "Capital of Italy?")]


@pytest.mark.parametrize(
    ("text", "answer", "tolerance"),
    [
        ("{#250000:1000}", 250000, 1000),
        ("{#2.5}", 2.5, 0),
        ("{#-5..-1}", -3, 2),
        ("{#0.5..1.5}", 1, 0.5),
        ("{#=1822:0 =%50%1822:2}", 1822, 0),
        ("{#3.14:0.01#Close to pi}", 3.14, 0.01),
        ("{#5:1 ~#Wrong for any other number}", 5, 1),
    ],
)
def test_numerical_answers(text, answer, tolerance):
    reading = read_text(f"How much? {text}", "gift", Path("n.gift"))
    (q,) = reading.questions
    assert (q.kind, q.answer, q.tolerance) == (Kind.NUMBER, answer, tolerance)


@pytest.mark.parametrize(
    ("text", "kind", "answer"),
    [
        ("Is it? {T}", Kind.TRUEFALSE, True),
        ("Is it? {TRUE}", Kind.TRUEFALSE, True),
        ("Is it? {F}", Kind.TRUEFALSE, False),
        ("Is it? {false}", Kind.TRUEFALSE, False),
        ("Which? {=T ~F}", Kind.CHOICE, "T"),
        ("Name it {=TRUE}", Kind.RECALL, "TRUE"),
    ],
)
def test_true_false_is_told_from_answers_that_read_true(text, kind, answer):
    (q,) = read_text(text, "gift", Path("t.gift")).questions
    assert (q.kind, q.answer) == (kind, answer)


def test_a_block_of_comments_alone_is_not_a_question():
    reading = read_text("// just a comment\n// and another\n\n::Q::Real? {T}\n", "gift", Path("c.gift"))
    assert [q.line for q in reading.questions] == [4] and reading.problems == []


@pytest.mark.parametrize("text", ["a ~ b = c # d { e } f : g \\ h", "line\nbreak", "\\n is not a newline", "::"])
def test_escape_and_unescape_are_inverse(text):
    assert unescape(escape(text)) == text
    assert "\n" not in escape(text)


def test_unknown_escapes_keep_their_backslash():
    """Moodle only unescapes its special characters, so a Windows path survives."""
    (q,) = read_text(r"Where is C\:\temp\data? {=here ~there}", "gift", Path("w.gift")).questions
    assert q.prompt == "Where is C:\\temp\\data?"


def test_a_file_moodle_exported_imports():
    """What Moodle's own GIFT export writes: [html] text, =%100% weights, ~# numerical feedback, tags."""
    reading, _ = read_file(FIXTURES / "moodle-export.gift")
    assert reading.problems == []
    assert [(q.line, q.kind, q.prompt, q.answer, q.alternatives, q.distractors) for q in reading.questions] == [
        (7, Kind.CHOICE, "What is the capital of France?", "Paris", (), ("Lyon", "Marseille")),
        (15, Kind.NUMBER, "When was Ulysses S. Grant born?", 1822.0, (), ()),
        (22, Kind.RECALL, 'Who wrote "Hamlet"?', "William Shakespeare", ("Shakespeare",), ()),
        (29, Kind.TRUEFALSE, "The Moon is a planet.", False, (), ()),
    ]
    france, grant, _, moon = reading.questions
    assert (france.tags, france.explanation) == (("geography", "europe"), "Paris is the capital.")
    assert (grant.explanation, moon.explanation) == ("Right.", "The Moon orbits the Earth.")
    assert [(n.line, n.message) for n in reading.notes] == [
        (7, f"2 other feedback texts left out; {FEEDBACK_KEPT}"),  # Yes. No. (the general feedback is kept)
        (15, "only the first full-credit numerical answer is kept"),
        (15, f"2 other feedback texts left out; {FEEDBACK_KEPT}"),  # Close. Not even close.
        (22, "answers with part credit (=%50%...) are left out"),
        (22, f"1 other feedback text left out; {FEEDBACK_KEPT}"),  # Half a mark.
        (29, f"2 other feedback texts left out; {FEEDBACK_KEPT}"),
    ]
