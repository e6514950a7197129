"""Reading Aiken, CSV/TSV and JSON: the good fixtures' questions, and each bad entry with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.core.model import Kind
from quiz.formats import read_file, read_text

FIXTURES = Path(__file__).parent / "fixtures"


def summary(q):
    return (q.line, q.kind, q.prompt, q.answer, q.alternatives, q.distractors)


def read(name: str, fmt: str | None = None):
    reading, _ = read_file(FIXTURES / name, fmt)
    return reading


# --------------------------------------------------------------------------- Aiken


def test_aiken_good_file():
    """Options with `.` or `)`, a lower-case answer line, a two-line question, True/False options."""
    reading = read("aiken-good.txt", "aiken")
    assert reading.problems == []
    assert [summary(q) for q in reading.questions] == [
        (1, Kind.CHOICE, "What is the capital of France?", "Paris", (), ("Lyon", "Marseille")),
        (7, Kind.CHOICE, "Which planet is the largest?", "Jupiter", (), ("Mars",)),
        (12, Kind.TRUEFALSE, "The Earth is flat.", False, (), ()),
        (16, Kind.CHOICE, "Which language is this question written in, over two lines?", "English", (), ("French",)),
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (4, "'ANSWER: C' names no option"),
        (6, "no 'ANSWER: X' line"),
        (10, "at least two options"),
        (16, "option A appears twice"),
        (21, "'this line is wrong' is neither an option"),
        (30, "no 'ANSWER: X' line"),
    ],
)
def test_aiken_bad_entry(line, words):
    reading = read("aiken-bad.txt", "aiken")
    assert any(p.line == line and words in p.message for p in reading.problems), reading.problems


def test_aiken_bad_file_still_imports_the_good_question():
    reading = read("aiken-bad.txt", "aiken")
    assert len(reading.problems) == 6
    assert [(q.line, q.answer) for q in reading.questions] == [(25, "Oak")]


# --------------------------------------------------------------------------- CSV and TSV


def test_csv_with_a_header():
    """Named columns in any order; kind inferred or given; quotes, commas and line breaks in cells."""
    reading = read("header.csv")
    assert reading.problems == [] and reading.notes == []
    assert [summary(q) for q in reading.questions] == [
        (2, Kind.CHOICE, "What is the capital of France?", "Paris", (), ("Lyon", "Marseille")),
        (3, Kind.RECALL, 'Who wrote "Hamlet"?', "William Shakespeare", ("Shakespeare",), ()),
        (4, Kind.CHOICE, "A question\nover two lines, with a comma?", "yes", (), ("no",)),
        (6, Kind.TRUEFALSE, "The Sun is a star.", True, (), ()),
        (7, Kind.GAP, "Water boils at ___ degrees Celsius at sea level.", "100", (), ()),
        (8, Kind.NUMBER, "How many people live there?", 250000.0, (), ()),
        (9, Kind.CHOICE, "Which is bigger?", "An elephant", (), ("A mouse",)),
        (10, Kind.NUMBER, "Pick the number seven", 7.0, (), ()),
    ]
    first, second, *_, number, bigger, _ = reading.questions
    assert (first.explanation, first.tags, first.difficulty) == ("Paris is the capital.", ("geography", "capitals"), 1)
    assert (second.tags, second.difficulty) == (("literature",), 2)
    assert (number.tolerance, number.unit) == (1000, "people")
    assert bigger.difficulty == 3


def test_csv_without_a_header():
    """Three or more cells: question, answer, wrong options; two cells: term and definition."""
    assert [summary(q) for q in read("headerless.csv").questions] == [
        (1, Kind.CHOICE, "What is 2+2?", "4", (), ("3", "5")),
        (2, Kind.RECALL, "Capital of Peru", "Lima", (), ()),
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (3, "the question text is empty"),
        (6, "the answer is empty"),
        (7, "unknown kind 'essay'"),
        (8, "the difficulty '5' must be 1, 2 or 3"),
        (9, "'maybe' is not true or false"),
        (10, "also among the wrong options"),
        (11, "quoted cell that starts on this line is never closed"),
    ],
)
def test_csv_bad_row(line, words):
    reading = read("bad.csv")
    assert any(p.line == line and words in p.message for p in reading.problems), reading.problems


def test_csv_bad_file_still_imports_the_good_rows():
    reading = read("bad.csv")
    assert len(reading.problems) == 7
    assert [q.line for q in reading.questions] == [2, 4]


def test_quizlet_term_tab_definition():
    """Quizlet's and Anki's export: term, tab, definition, one per line (here with CRLF)."""
    reading = read("quizlet-crlf.tsv")
    assert reading.problems == []
    assert [(q.kind, q.prompt, q.answer) for q in reading.questions] == [
        (Kind.RECALL, "photosynthesis", "the process by which plants make food from light"),
        (Kind.RECALL, "mitochondrion", "the powerhouse of the cell"),
        (Kind.RECALL, "H2O", "water, the compound"),
        (Kind.RECALL, "café", "coffee; a small restaurant"),
    ]


def test_anki_notes_export_with_header_lines():
    """`#separator:tab`, `#html:true` and `#tags column:3`: HTML is turned into text, tags kept."""
    reading = read("anki-notes.txt", "tsv")
    assert reading.problems == []
    assert [(q.prompt, q.answer, q.tags) for q in reading.questions] == [
        ("What is the capital of Japan?", "Tokyo", ("geography", "asia-japan")),
        ("Say hello in French", "bonjour\nsalut", ("languages",)),
    ]


def test_semicolons_are_detected_and_noted():
    reading = read("semicolon-cp1252.csv")
    assert [q.distractors for q in reading.questions] == [("Tee", "Wasser"), ("road", "way")]
    assert any("';'" in n.message for n in reading.notes)


@pytest.mark.parametrize(
    ("header", "role_of_b"),
    [
        ("Question,Answer,Wrong answer 1,Wrong answer 2", ("x", "y")),
        ("front,back,incorrect,incorrect", ("x", "y")),
        ("prompt,correct,distractors,distractors", ("x", "y")),
    ],
)
def test_header_names_ignore_case_spaces_and_numbers(header, role_of_b):
    reading = read_text(f"{header}\nQ?,A,x,y\n", "csv", Path("h.csv"))
    assert [q.distractors for q in reading.questions] == [role_of_b]


def test_unknown_columns_are_noted_and_ignored():
    reading = read_text("question,answer,colour\nQ?,A,blue\n", "csv", Path("h.csv"))
    assert [q.answer for q in reading.questions] == ["A"]
    assert [(n.line, "column 'colour' is ignored" in n.message) for n in reading.notes] == [(1, True)]


def test_extra_tags_are_noted():
    reading = read_text("question,answer,tags\nQ?,A,a b c d\n", "csv", Path("t.csv"))
    assert reading.questions[0].tags == ("a", "b", "c")
    assert "left out: d" in reading.notes[0].message


# --------------------------------------------------------------------------- JSON


def test_json_good_file():
    """Every field of the TOML format; ids are replaced on import and evidence is left out (noted)."""
    reading = read("good.json")
    assert reading.problems == []
    assert [summary(q) for q in reading.questions] == [
        (2, Kind.CHOICE, "What is the capital of France?", "Paris", (), ("Lyon", "Marseille")),
        (12, Kind.RECALL, 'Who wrote "Hamlet"?', "William Shakespeare", ("Shakespeare",), ()),
        (15, Kind.GAP, "Water boils at ___ degrees Celsius.", "100", (), ()),
        (16, Kind.TRUEFALSE, "The Sun is a star.", True, (), ()),
        (17, Kind.NUMBER, "How many people died?", 250000.0, (), ("100,000", "400,000")),
    ]
    recall, number = reading.questions[1], reading.questions[4]
    assert (recall.status, recall.tags, recall.difficulty) == ("draft", ("literature", "people"), 2)
    assert (number.tolerance, number.unit, number.evidence) == (1000, "people", ())
    assert [n.message.split(":")[0] for n in reading.notes] == ["evidence is left out of 1 question"]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (3, "'kind' must be one of"),
        (4, "unknown key 'distracters'; did you mean 'distractors'?"),
        (5, "each item must be a question object"),
        (6, "a true/false answer must be true or false (no quotes)"),
        (7, "the tolerance must be a number of 0 or more"),
        (9, "must contain the blank ___ exactly once"),
    ],
)
def test_json_bad_item(line, words):
    reading = read("bad.json")
    assert any(p.line == line and words in p.message for p in reading.problems), reading.problems


def test_json_syntax_error_names_its_line():
    reading = read("syntax-error.json")
    assert reading.questions == []
    assert [(p.line, p.message.startswith("JSON syntax error")) for p in reading.problems] == [(3, True)]


@pytest.mark.parametrize("text", ['{"kind": "choice"}', '"text"', "", "[1, 2] [3]"])
def test_json_that_is_not_one_list_is_refused(text):
    reading = read_text(text, "json", Path("x.json"))
    assert reading.questions == [] and len(reading.problems) == 1
