"""Reading Anki packages: the formats Anki writes, its note types, and the notes quiz must not guess at."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from quiz.core.bank import load_bank
from quiz.core.model import Kind
from quiz.data import anki_package, locations
from quiz.data.anki_package import read_package
from quiz.formats import apkg
from quiz.formats.apkg import Note, NoteType, field_text, read_notes
from quiz.formats.common import FormatError
from tests.formats.anki_sample import ANKI_WRITES, EXPECTED, EXPECTED_TAGS, GENANKI, GENANKI_EXPECTED

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = Path("deck.apkg")
BASIC = NoteType(1, "Basic", ("Front", "Back"), False, 1)
CLOZE = NoteType(2, "Cloze", ("Text", "Back Extra"), True, 5)
BANK_QUESTION = load_bank(locations.bank_path()).questions[0]


def seen(reading) -> list[tuple[object, ...]]:
    """What EXPECTED lists of each question."""
    return [
        (q.kind, q.prompt, q.answer, None if q.explanation.startswith("No explanation") else q.explanation, q.status)
        for q in reading.questions
    ]


@pytest.mark.parametrize("name", list(ANKI_WRITES))
def test_packages_anki_wrote_give_the_same_questions(name):
    """Anki 26.9's current (anki21b, zstd) and legacy (anki21) .apkg, and its .colpkg, read alike."""
    with zipfile.ZipFile(FIXTURES / name) as package:
        assert ANKI_WRITES[name] in package.namelist()
        assert "collection.anki2" in package.namelist()  # the "please update Anki" stub, which must not win
    reading = read_package(FIXTURES / name)
    assert seen(reading) == EXPECTED
    assert [q.tags for q in reading.questions[:3]] == EXPECTED_TAGS


@pytest.mark.parametrize("name", list(ANKI_WRITES))
def test_what_cannot_be_imported_is_reported_with_the_note_and_its_type(name):
    reading = read_package(FIXTURES / name)
    problems = [(p.question, p.message) for p in reading.problems]
    assert len(problems) == 2
    twice, vocabulary = problems
    assert twice[0] == "" and "(Cloze): cloze c1 has 2 blanks; a gap question has one, so c1 is skipped" in twice[1]
    assert vocabulary[0].startswith("note ") and vocabulary[0].endswith(" and 1 more")
    assert (
        "note type 'Vocabulary' (standard, fields Word, Meaning, Reading) is neither Basic nor Cloze" in vocabulary[1]
    )
    assert "2 notes skipped" in vocabulary[1]
    assert [p.message for p in reading.notes] == ["images and sounds are not imported (quiz shows text only)"]


def test_the_oldest_format_collection_anki2_alone_reads_too():
    """genanki writes collection.anki2 (schema 11) with its own Basic and Cloze types; no suspended cards."""
    with zipfile.ZipFile(FIXTURES / GENANKI) as package:
        assert [n for n in package.namelist() if n.startswith("collection")] == ["collection.anki2"]
    reading = read_package(FIXTURES / GENANKI)
    assert seen(reading) == GENANKI_EXPECTED


# --------------------------------------------------------------------------- note types


@pytest.mark.parametrize(
    ("note_type", "family"),
    [
        (BASIC, "basic"),
        (NoteType(3, "Einfach", ("Vorderseite", "Rückseite"), False, 1), "basic"),  # a German Anki's Basic
        (NoteType(4, "Basic (optional reversed card)", ("Front", "Back", "Add Reverse"), False, 3), "basic"),
        (NoteType(5, "Basic (genanki)", ("Front", "Back"), False, 0), "basic"),
        (NoteType(6, "Vocabulary", ("Word", "Meaning", "Reading"), False, 1), ""),  # made from Basic, fields changed
        (NoteType(7, "Mine", ("Question", "Answer"), False, 0), ""),
        (CLOZE, "cloze"),
        (NoteType(8, "Cloze (old)", ("Text", "Extra"), True, 0), "cloze"),
        (NoteType(9, "Image Occlusion", ("Occlusion", "Image", "Header", "Back Extra", "Comments"), True, 6), ""),
        (NoteType(10, "quiz question", apkg.FIELDS, False, 0), "quiz"),
        (NoteType(10, "quiz question-1f2e3", (*apkg.FIELDS, "My notes"), False, 0), "quiz"),  # renamed, a field added
        (NoteType(10, "quiz question", apkg.FIELDS[:-1], False, 0), ""),
        (NoteType(11, "unreadable config", ("Front", "Back"), False, -1), "basic"),
        (NoteType(12, "unreadable config", ("A", "B"), False, -1), ""),
    ],
)
def test_note_types_quiz_reads_and_those_it_does_not_guess_at(note_type, family):
    assert note_type.family == family


def basic(front: str, back: str, **kw) -> Note:
    return Note(100, BASIC, (front, back), **kw)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Paris", "Paris"),
        ("<b>bold</b> &amp; <i>it</i>", "bold & it"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<div>first</div><div>second</div>", "first\nsecond"),
        ("a&nbsp;&nbsp;b   c\n d", "a b c d"),
        ('<img src="x.png">Japan[sound:x.mp3]', "Japan"),
        ("<style>.x{}</style>text", "text"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),  # data, kept as text
        ("[red]x[/red] \\(x\\)", "[red]x[/red] \\(x\\)"),
    ],
)
def test_html_in_fields_becomes_text(html, text):
    assert field_text(html) == text


def test_a_basic_note_is_a_recall_question_with_its_tags():
    reading = read_notes([basic("Capital of <b>Peru</b>?", "Lima", tags=("Geo::South_America", "leech"))], SOURCE)
    (q,) = reading.questions
    assert (q.kind, q.prompt, q.answer, q.tags, q.status) == (
        Kind.RECALL,
        "Capital of Peru?",
        "Lima",
        ("geo-south-america", "leech"),
        "active",
    )
    assert q.evidence == ()


def test_a_field_added_to_our_note_type_in_anki_is_dropped_with_a_note(tmp_path):
    ours = NoteType(10, "quiz question", (*apkg.FIELDS, "My notes"), False, 0)
    card = apkg.card(BANK_QUESTION, {})
    reading = read_notes([Note(3, ours, (*card.fields, "learnt on the bus"))], SOURCE)
    assert reading.questions[0].prompt == BANK_QUESTION.prompt
    assert "fields added in Anki are not imported" in [p.message for p in reading.notes]


def test_tags_past_three_are_left_out_with_a_note():
    reading = read_notes([basic("Q?", "A", tags=("a", "b", "c", "Extra::One", "leech"))], SOURCE)
    assert reading.questions[0].tags == ("a", "b", "c")
    assert [p.message for p in reading.notes] == ["only 3 tags are kept; left out: extra-one, leech"]


def test_a_note_whose_cards_are_all_suspended_is_a_draft():
    both = Note(1, BASIC, ("Q?", "A"), cards=frozenset({0, 1}), suspended=frozenset({0, 1}))
    one = Note(2, BASIC, ("Q2?", "A"), cards=frozenset({0, 1}), suspended=frozenset({1}))
    assert [q.status for q in read_notes([both, one], SOURCE).questions] == ["draft", "active"]


def test_an_empty_back_is_a_bad_entry_naming_the_note():
    reading = read_notes([basic("Question?", "<br>")], SOURCE)
    assert reading.questions == []
    (p,) = reading.problems
    assert "note 100 (Basic): the answer is empty" in p.message


def test_fields_past_front_and_back_are_dropped_with_a_note():
    three = NoteType(1, "Basic+", ("Front", "Back", "Source"), False, 0)
    reading = read_notes([Note(5, three, ("Q?", "A", "Wikipedia"))], SOURCE)
    assert len(reading.questions) == 1
    assert [(p.question, p.message) for p in reading.notes] == [
        ("note 5", "fields past Front and Back are not imported")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{c1::Lima}} is in Peru.", [("___ is in Peru.", "Lima")]),
        ("{{c2::Lima::city}} is in {{c1::Peru}}.", [("Lima is in ___.", "Peru"), ("___ (city) is in Peru.", "Lima")]),
        ("<b>{{c1::Lima}}</b> &amp; co", [("___ & co", "Lima")]),
        (
            "{{c1::The {{c2::Andes}} range}} is long.",
            [("___ is long.", "The Andes range"), ("The ___ range is long.", "Andes")],
        ),
        ("Use ___ then {{c1::x}}", []),  # a blank already in the text: a gap question has exactly one
        ("a::b }} {{c1::c}}", [("a::b }} ___", "c")]),
    ],
)
def test_a_cloze_note_gives_one_gap_question_per_cloze_number(text, expected):
    reading = read_notes([Note(7, CLOZE, (text, ""))], SOURCE)
    assert [(q.kind, q.prompt, q.answer) for q in reading.questions] == [(Kind.GAP, *e) for e in expected]


def test_a_cloze_left_open_is_a_bad_entry():
    reading = read_notes([Note(7, CLOZE, ("{{c1::Lima is in Peru.", ""))], SOURCE)
    assert reading.questions == []
    assert "note 7 (Cloze): a cloze '{{c1::...' is never closed with '}}'" in reading.problems[0].message


def test_each_cloze_card_keeps_its_own_suspension():
    note = Note(7, CLOZE, ("{{c1::a}} {{c2::b}}", ""), cards=frozenset({0, 1}), suspended=frozenset({1}))
    assert [q.status for q in read_notes([note], SOURCE).questions] == ["active", "draft"]


def test_unknown_note_types_are_reported_once_each_and_skipped():
    other = NoteType(9, "Japanese", ("Expression", "Meaning"), False, 0)
    notes = [Note(i, other, ("語", "word")) for i in range(10, 15)] + [basic("Q?", "A")]
    reading = read_notes(notes, SOURCE)
    assert len(reading.questions) == 1
    (p,) = reading.problems
    assert p.question == "note 10 and 4 more"
    assert "note type 'Japanese' (standard, fields Expression, Meaning) is neither Basic nor Cloze" in p.message


# --------------------------------------------------------------------------- the package file


def test_protobuf_kind_and_stock_kind_are_read_from_a_schema_18_config():
    # field 1 (kind) = 1, a length-delimited field 3, field 9 (original stock kind) = 5
    assert anki_package._varints(b"\x08\x01\x1a\x03css\x48\x05") == {1: 1, 9: 5}
    assert anki_package._varints(b"\x1a\x05ab") is None  # cut short
    assert anki_package._varints(b"\x0f") is None  # a wire type that does not exist


def test_a_package_is_known_by_its_content_whatever_its_name(tmp_path):
    renamed = tmp_path / "deck.zip"
    renamed.write_bytes((FIXTURES / "anki-21b.apkg").read_bytes())
    assert anki_package.is_package(renamed)
    assert not anki_package.is_package(FIXTURES / "good.gift")


def test_a_collection_that_unpacks_too_big_is_refused_while_unpacking(tmp_path, monkeypatch):
    """anki21b is compressed, so its size in the zip says nothing: the unpacking counts."""
    with zipfile.ZipFile(FIXTURES / "anki-21b.apkg") as package:
        compressed = package.getinfo("collection.anki21b").file_size
    monkeypatch.setattr(anki_package, "MAX_COLLECTION_BYTES", compressed + 1)
    with pytest.raises(FormatError, match=r"holds a collection of over 0 MiB unpacked; quiz refuses it"):
        read_package(FIXTURES / "anki-21b.apkg")
