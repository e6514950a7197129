"""Fuzzing every importer: arbitrary bytes and structured garbage give a valid deck or a clear error, never a
traceback."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from quiz.data.anki_package import read_package
from quiz.formats import IMPORTS, PACKAGE, READERS, FormatError, apkg, read_file, read_text
from quiz.formats.delimited import COLUMNS
from tests.fuzz import assert_clear, assert_valid_deck, fuzz

SOURCE = Path("fuzz.txt")
TEXT_FORMATS = sorted(READERS)

# Text that stresses the parsers: every format's markup, separators, escapes, numbers and odd characters.
MARKUP = [
    "{", "}", "=", "~", "#", "::", "//", "\\", "%50%", "%-25%", "..", ":", "->", "$CATEGORY:", "[html]", "####",
    "T", "FALSE", "1e999", "-0", "1..5", "99999999999999999999999", "nan", "___",
    ",", ";", "\t", '"', '""', "\n", "\n\n", "\r\n", "\r", "#separator:tab", "#html:true", "sep=;",
    "A.", "B)", "C. ", "ANSWER:", "ANSWER: A", "answer: b",
    "[", "]", "{}", "[]", '{"kind": "choice"}', "null", "true", "<b>", "&amp;", "<br>", "{{c1::", "}}",
    "question", "answer", "distractor", "kind", "tags", "difficulty", "tolerance", "unit", "status",
    "é", "中", "🙂", "\u200b", "\u202e", "\x1b[31m", "\x00", "\x7f", "\ufeff", "\u2028", " ", "x", "Paris",
]  # fmt: skip
garbage_text = st.lists(st.sampled_from(MARKUP) | st.text(max_size=5), max_size=60).map("".join)

header_names = st.sampled_from([name for names in COLUMNS.values() for name in names] + ["distractor2", "bogus"])
cells = st.sampled_from(["", "true", "false", "2", "1e309", "x", "a-b", "choice", "number", "gap", "___ is"]) | st.text(
    max_size=8
)


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """A CSV file with a header of real column names (or none) and rows of odd cells, of any width."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    width = draw(st.integers(1, 6))
    if draw(st.booleans()):
        writer.writerow(draw(st.lists(header_names, min_size=width, max_size=width)))
    for row in draw(st.lists(st.lists(cells, max_size=width + 2), max_size=8)):
        writer.writerow(row)
    return buffer.getvalue()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.just(10**400),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["kind", "prompt", "answer", "distractors", "tags", "tolerance"]), inner)
    ),
    max_leaves=20,
)


@st.composite
def json_files(draw: st.DrawFn) -> str:
    """A JSON list of question-like objects whose keys are real and whose values are anything."""
    kinds = st.sampled_from(["choice", "recall", "gap", "truefalse", "number", "flashcard", "x"])
    item = st.fixed_dictionaries(
        {"kind": kinds, "prompt": json_values, "answer": json_values},
        optional={
            "distractors": json_values,
            "alternatives": json_values,
            "tags": json_values,
            "tolerance": json_values,
            "difficulty": json_values,
            "explanation": json_values,
            "unit": json_values,
            "evidence": json_values,
        },
    )
    return json.dumps(draw(st.lists(item | json_values, max_size=6)), allow_nan=True)


@fuzz
@given(text=garbage_text, fmt=st.sampled_from(TEXT_FORMATS))
def test_every_text_reader_takes_any_text(text, fmt):
    try:
        reading = read_text(text, fmt, SOURCE)
    except FormatError as exc:
        assert_clear(exc.problem)
        return
    assert_valid_deck(reading)


@fuzz
@given(text=csv_files())
@example(text="true,\x7f\r\n")  # found by this test: DEL was written unescaped, and TOML refuses it
def test_the_csv_reader_takes_structured_garbage(text):
    for fmt in ("csv", "tsv"):
        try:
            assert_valid_deck(read_text(text, fmt, SOURCE))
        except FormatError as exc:
            assert_clear(exc.problem)


@fuzz
@given(text=json_files())
def test_the_json_reader_takes_structured_garbage(text):
    try:
        assert_valid_deck(read_text(text, "json", SOURCE))
    except FormatError as exc:
        assert_clear(exc.problem)


@fuzz
@given(
    raw=st.binary(max_size=400) | garbage_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    fmt=st.sampled_from([None, *IMPORTS]),
)
def test_any_bytes_in_a_file_give_a_deck_or_one_clear_error(raw, fmt):
    """The whole path of a file: decoding (BOMs, UTF-16, Windows-1252, NUL bytes), guessing its format, reading it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        path.write_bytes(raw)
        try:
            if fmt == PACKAGE:
                reading = read_package(path)
            else:
                reading, _ = read_file(path, fmt)
        except FormatError as exc:
            assert_clear(exc.problem)
            return
    assert_valid_deck(reading)


@fuzz
@given(
    member=st.sampled_from(["collection.anki2", "collection.anki21", "collection.anki21b"]),
    body=st.binary(max_size=300),
)
def test_a_package_with_a_garbage_collection_is_one_clear_error(member, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        with zipfile.ZipFile(path, "w") as package:
            package.writestr(member, b"SQLite format 3\x00" + body if body[:1] == b"S" else body)
        try:
            assert_valid_deck(read_package(path))
        except FormatError as exc:
            assert_clear(exc.problem)


note_types = st.sampled_from(
    [
        apkg.NoteType(1, "Basic", ("Front", "Back"), False, 1),
        apkg.NoteType(2, "Cloze", ("Text", "Back Extra"), True, 5),
        apkg.NoteType(3, apkg.MODEL_NAME, apkg.FIELDS, False),
        apkg.NoteType(4, "Vocabulary", ("Word", "Meaning"), False),
    ]
)


@st.composite
def notes(draw: st.DrawFn) -> apkg.Note:
    """An Anki note of any type, with fields of HTML, cloze and Anki markup garbage, and odd tags."""
    kind = draw(note_types)
    field = st.lists(
        st.sampled_from(MARKUP + ["{{c2::", "::hint", "<ol><li>", "</li>", "[sound:x.mp3]", "<img src=a>"]), max_size=12
    ).map("".join)
    fields = tuple(draw(st.lists(field, min_size=0, max_size=len(kind.fields) + 1)))
    tags = tuple(draw(st.lists(st.text(max_size=6), max_size=5)))
    ordinals = frozenset(draw(st.lists(st.integers(0, 3), max_size=3)))
    return apkg.Note(
        draw(st.integers(1, 2**40)), kind, fields, tags, ordinals, frozenset(draw(st.sampled_from([(), (0,)])))
    )


@fuzz
@given(batch=st.lists(notes(), max_size=6))
def test_anki_notes_of_any_shape_give_valid_questions(batch):
    try:
        reading = apkg.read_notes(batch, Path("deck.apkg"))
    except FormatError as exc:
        assert_clear(exc.problem)
        return
    assert_valid_deck(reading)
