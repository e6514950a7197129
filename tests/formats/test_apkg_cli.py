"""`quiz export DECK --format apkg` and `quiz import FILE.apkg`, run as a person would, and the round trip."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import genanki
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.core.bank import load_bank
from quiz.core.model import Deck, Evidence, Question
from quiz.data import anki_package, locations
from quiz.data.anki_package import read_package, write_package
from quiz.data.library import library_questions
from quiz.formats import apkg
from tests.formats.strategies import kept, questions

BANK = load_bank(locations.bank_path())
NOW = 1_800_000_000.0


def library_deck(name: str) -> Path:
    return library_questions(locations.data_dir()) / f"{name}.toml"


def again(qs: tuple[Question, ...] | list[Question], folder: Path) -> list[Question]:
    """Write the questions as an Anki package and read them back; no note may be left out."""
    numbered = tuple(replace(q, id=f"h-{i:03d}") for i, q in enumerate(qs, 1))
    out = folder / "round-trip.apkg"
    write_package(Deck("h", "Round trip", numbered), BANK.articles, out, NOW)
    reading = read_package(out)
    assert reading.problems == []
    return reading.questions


def collection(path: Path, folder: Path) -> sqlite3.Connection:
    """The SQLite collection inside a package quiz wrote (collection.anki2, schema 11)."""
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", folder)
    return sqlite3.connect(folder / "collection.anki2")


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("deck", BANK.decks, ids=lambda d: d.id)
def test_builtin_deck_round_trips_through_an_anki_package(deck, tmp_path):
    """Every field comes back (kind, prompt, answer, accepted, options, tolerance, unit, ...) but the evidence."""
    back = again(deck.questions, tmp_path)
    assert [kept(q) for q in back] == [kept(q) for q in deck.questions]
    assert all(q.evidence == () for q in back)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.lists(questions(), min_size=1, max_size=4))
def test_awkward_questions_round_trip_through_an_anki_package(tmp_path, qs):
    """HTML-like text, Anki's own [sound:] markup, tabs, new lines, drafts and every kind survive."""
    assert [kept(q) for q in again(qs, tmp_path)] == [kept(q) for q in qs]


def test_data_is_escaped_so_anki_shows_it_literally(tmp_path):
    q = replace(
        BANK.questions[0],
        prompt="Is <b>this</b> bold & [sound:boom.mp3] played?\nNo.",
        explanation="[anki:tts]not spoken[/anki:tts]",
    )
    out = tmp_path / "x.apkg"
    write_package(Deck("x", "X", (q,)), BANK.articles, out, NOW)
    (fields,) = collection(out, tmp_path).execute("SELECT flds FROM notes").fetchone()
    values = dict(zip(apkg.FIELDS, fields.split("\x1f"), strict=True))
    assert values["Prompt"] == "Is &lt;b&gt;this&lt;/b&gt; bold &amp; &#91;sound:boom.mp3] played?<br>No."
    assert values["Explanation"] == "&#91;anki:tts]not spoken[/anki:tts]"  # an unopened closing tag does nothing
    assert values["Evidence"].startswith("<blockquote>") and values["Article"]


def test_a_second_export_keeps_the_note_guids_and_the_deck_id(tmp_path):
    """Anki matches notes by GUID: derived from the question id, a re-export updates instead of duplicating."""
    deck = BANK.deck("showdown")
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    write_package(deck, BANK.articles, first, NOW)
    reworded = replace(deck, questions=tuple(replace(q, prompt=q.prompt + "?") for q in deck.questions))
    write_package(reworded, BANK.articles, second, NOW + 3600)

    def ids(path: Path, sub: str) -> tuple[list[str], list[int]]:
        con = collection(path, tmp_path / sub)
        guids = [g for (g,) in con.execute("SELECT guid FROM notes ORDER BY id")]
        decks = sorted({d for (d,) in con.execute("SELECT did FROM cards")})
        return guids, decks

    assert ids(first, "a") == ids(second, "b")
    guids, decks = ids(first, "a")
    assert len(set(guids)) == len(deck.questions) and decks == [anki_package.deck_id(deck)]
    assert guids[0] == genanki.guid_for("quiz", deck.questions[0].id)
    other = anki_package.deck_id(BANK.deck("barrel-bombs"))
    assert other != decks[0]


# --------------------------------------------------------------------------- the commands


def test_export_writes_the_deck_beside_you_by_default(quiz, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = quiz("export", "barrel-bombs", "--format", "apkg")
    assert result.code == 0, result.err
    assert "Exported 25 questions of deck 'barrel-bombs' to barrel-bombs.apkg (Anki package)" in result.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["barrel-bombs.apkg"]  # no temporary file left
    assert len(read_package(tmp_path / "barrel-bombs.apkg").questions) == 25


def test_export_never_writes_a_collection_package(quiz, tmp_path):
    """Anki opens a .colpkg in place of the learner's whole collection: quiz only writes .apkg."""
    result = quiz("export", "barrel-bombs", "--out", str(tmp_path / "deck.colpkg"))
    assert result.code == 2 and "Anki would replace your whole collection" in result.err
    assert list(tmp_path.iterdir()) == []


def test_export_counts_drafts_written_as_suspended_cards(quiz, tmp_path):
    source = tmp_path / "mixed.json"
    source.write_text(
        '[{"kind": "recall", "prompt": "A?", "answer": "a", "status": "draft"},'
        ' {"kind": "recall", "prompt": "B?", "answer": "b"}]',
        "utf-8",
    )
    assert quiz("import", str(source)).code == 0
    out = tmp_path / "mixed.apkg"
    result = quiz("export", "mixed", "--out", str(out))  # the format from the extension
    assert result.code == 0 and "note: drafts written as suspended cards: 1" in result.err
    queues = [q for (q,) in collection(out, tmp_path / "c").execute("SELECT queue FROM cards ORDER BY nid")]
    assert queues == [-1, 0]


def test_import_then_check_says_the_questions_are_ungrounded_without_failing(quiz, tmp_path):
    out = tmp_path / "bb.apkg"
    assert quiz("export", "barrel-bombs", "--out", str(out)).code == 0
    result = quiz("import", str(out), "--deck", "bb-anki")
    assert result.code == 0, result.err
    assert "Imported 25 questions" in result.out
    assert f"{out.name}: note " in result.err and "evidence left out" in result.err
    text = library_deck("bb-anki").read_text("utf-8")
    assert "these questions are ungrounded" in text and "evidence" not in text.split("[deck]")[1]
    checked = quiz("check", str(library_deck("bb-anki")))
    assert checked.code == 0
    assert "25 questions ungrounded (imported, no evidence)" in checked.out
    assert "all grounded" in quiz("check").out  # the built-in bank cites its articles


def test_a_package_with_another_name_is_read_by_its_content(quiz, tmp_path):
    renamed = tmp_path / "shared-deck.zip"
    renamed.write_bytes((Path(__file__).parent / "fixtures" / "anki-21b.apkg").read_bytes())
    result = quiz("import", str(renamed))
    assert result.code == 0, result.err
    assert "Imported 10 questions" in result.out and "(Anki package)" in library_deck("shared-deck").read_text()
    assert "shared-deck.zip: read as an Anki package (recognised from its content) (note)" in result.err


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def _sqlite(folder: Path, script: str) -> bytes:
    db = folder / "made.sqlite"
    con = sqlite3.connect(db)
    con.executescript(script)
    con.close()
    data = db.read_bytes()
    db.unlink()
    return data


def _vocabulary_only(path: Path, folder: Path) -> Path:
    """A package whose only note type is neither Basic nor Cloze."""
    model = genanki.Model(
        1_234_567,
        "Vocabulary",
        fields=[{"name": "Word"}, {"name": "Meaning"}],
        templates=[{"name": "Card 1", "qfmt": "{{Word}}", "afmt": "{{Meaning}}"}],
    )
    deck = genanki.Deck(7_654_321, "Words")
    deck.add_note(genanki.Note(model, ["chat", "cat"]))
    db = folder / "v.sqlite"
    con = sqlite3.connect(db)
    genanki.Package(deck).write_to_db(con.cursor(), NOW, iter(range(1, 100)))
    con.commit()
    con.close()
    return _zip(path, {"collection.anki2": db.read_bytes()})


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, d: _text(p, "Front\tBack\n"), "is not a readable zip file"),
        (lambda p, d: _zip(p, {"media": b"{}"}), "is a zip file with no Anki collection in it"),
        (lambda p, d: _zip(p, {"collection.anki2": b"x" * 4096}), "has a damaged collection: collection.anki2 is not"),
        (lambda p, d: _zip(p, {"collection.anki21b": b"\x28\xb5\x2f\xfd" + b"x" * 99}), "damaged collection.anki21b"),
        (lambda p, d: _zip(p, {"collection.anki21": _sqlite(d, "CREATE TABLE t(x);")}), "is not an Anki collection"),
        (_vocabulary_only, "note type 'Vocabulary' (standard, fields Word, Meaning) is neither Basic nor Cloze"),
    ],
    ids=["not-a-zip", "no-collection", "corrupt-sqlite", "corrupt-zstd", "not-anki", "unknown-note-type"],
)
def test_bad_packages_get_a_clear_line_and_exit_non_zero(quiz, tmp_path, make, words):
    bad = make(tmp_path / "bad.apkg", tmp_path)
    result = quiz("import", str(bad))
    assert result.code == 1
    assert "bad.apkg: " in result.err.splitlines()[0]
    assert words in result.err
    assert "Traceback" not in result.err
    assert not library_questions(locations.data_dir()).exists()


def test_a_package_over_the_size_limit_is_refused(quiz, tmp_path, monkeypatch):
    monkeypatch.setattr(anki_package, "MAX_PACKAGE_BYTES", 1000)
    result = quiz("import", str(Path(__file__).parent / "fixtures" / "anki-21b.apkg"))
    assert result.code == 1
    assert "MiB; quiz reads Anki packages of up to 1 GiB" in result.err


def test_a_collection_over_the_size_limit_is_refused(quiz, tmp_path, monkeypatch):
    monkeypatch.setattr(anki_package, "MAX_COLLECTION_BYTES", 1000)
    result = quiz("import", str(Path(__file__).parent / "fixtures" / "anki-21.apkg"))
    assert result.code == 1
    assert "holds a collection of over 0 MiB unpacked; quiz refuses it" in result.err


def test_an_anki_package_read_as_text_says_how_to_read_it(quiz):
    result = quiz("import", str(Path(__file__).parent / "fixtures" / "anki-21b.apkg"), "--format", "csv")
    assert result.code == 1 and "is a zip archive, not text" in result.err and "--format apkg" in result.err


def test_exported_package_keeps_articles_on_the_card(tmp_path):
    """The evidence goes with its article's title, so a learner in Anki sees where the answer comes from."""
    deck = BANK.deck("barrel-bombs")
    q = deck.questions[0]
    assert q.evidence and isinstance(q.evidence[0], Evidence)
    note = apkg.card(q, BANK.articles)
    values = dict(zip(apkg.FIELDS, note.fields, strict=True))
    assert BANK.articles[q.evidence[0].article].title.split()[0] in values["Article"]
