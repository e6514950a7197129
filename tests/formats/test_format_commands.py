"""`quiz import FILE` and the deck export that `quiz export DECK` is wired to, run as a person would."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import quiz.formats as formats_module
from quiz.cli import add_common_options
from quiz.cli.format_commands import DECK_FORMATS, add_export_arguments, export_deck
from quiz.core.bank import load_bank, read_bank
from quiz.data import locations
from quiz.data.library import library_questions, read_full_bank
from quiz.formats import read_text

FIXTURES = Path(__file__).parent / "fixtures"
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<msg>.+)$", re.M)


def library() -> Path:
    return library_questions(locations.data_dir())


def deck_file(name: str) -> Path:
    return library() / f"{name}.toml"


# --------------------------------------------------------------------------- import


@pytest.mark.parametrize(
    ("fixture", "count"),
    [
        ("good.gift", 16),
        ("bom-crlf.gift", 2),
        ("aiken-good.txt", 4),
        ("mac-cr.txt", 2),
        ("header.csv", 8),
        ("headerless.csv", 2),
        ("semicolon-cp1252.csv", 2),
        ("quizlet-crlf.tsv", 4),
        ("anki-notes.txt", 2),
        ("excel-utf16.txt", 1),
        ("good.json", 5),
    ],
)
def test_import_writes_a_library_deck_that_passes_check(quiz, fixture, count):
    """Every good fixture becomes an imported deck in the library, valid for `quiz check`."""
    result = quiz("import", str(FIXTURES / fixture))
    assert result.code == 0, result.err
    assert f"Imported {count} question" in result.out
    name = Path(fixture).stem
    deck = load_bank(deck_file(name)).decks[0]
    assert (deck.id, deck.origin, len(deck.questions)) == (name, "imported", count)
    assert [q.id for q in deck.questions] == [f"{name}-{i:03d}" for i in range(1, count + 1)]
    checked = quiz("check", str(deck_file(name)))
    assert checked.code == 0, checked.out


def test_imported_deck_joins_the_bank_the_app_reads(quiz):
    assert quiz("import", str(FIXTURES / "good.gift")).code == 0
    bank, problems = read_full_bank(locations.bank_path(), None, locations.data_dir())
    assert problems == []
    assert len(bank.deck("good").questions) == 16


def test_deck_name_gives_id_and_title(quiz):
    assert quiz("import", str(FIXTURES / "header.csv"), "--deck", "World Capitals (2024)").code == 0
    deck = load_bank(deck_file("world-capitals-2024")).decks[0]
    assert (deck.id, deck.title) == ("world-capitals-2024", "World Capitals (2024)")


def test_bad_entries_are_reported_and_the_good_ones_imported(quiz):
    """Exit 0 with a warning count; every bad entry is named FILE:LINE: what is wrong; what to do."""
    result = quiz("import", str(FIXTURES / "bad.gift"))
    assert result.code == 0
    assert "with 13 bad entries left out (see above)" in result.out
    found = LINE.findall(result.err)
    assert len(found) == 13
    assert all(Path(file).name == "bad.gift" and ";" in msg for file, _, msg in found)
    assert [int(line) for _, line, _ in found][:3] == [3, 5, 11]
    assert len(load_bank(deck_file("bad")).decks[0].questions) == 2
    assert "Traceback" not in result.err


def test_strict_refuses_a_file_with_bad_entries(quiz):
    result = quiz("import", str(FIXTURES / "bad.csv"), "--strict")
    assert result.code == 1
    assert "7 bad entries" in result.err and "nothing written (--strict)" in result.err
    assert not deck_file("bad").exists()


def test_strict_accepts_notes(quiz):
    """Notes (a loss the import can live with) do not make --strict fail."""
    result = quiz("import", str(FIXTURES / "good.gift"), "--strict")
    assert result.code == 0 and "5 notes" in result.out


def test_an_existing_deck_is_never_overwritten_without_replace(quiz):
    assert quiz("import", str(FIXTURES / "good.gift")).code == 0
    before = deck_file("good").read_text(encoding="utf-8")
    again = quiz("import", str(FIXTURES / "aiken-good.txt"), "--deck", "good")
    assert again.code == 1
    assert "already exists; pass --replace" in again.err
    assert deck_file("good").read_text(encoding="utf-8") == before
    replaced = quiz("import", str(FIXTURES / "aiken-good.txt"), "--deck", "good", "--replace")
    assert replaced.code == 0
    assert len(load_bank(deck_file("good")).decks[0].questions) == 4


def test_out_writes_a_file_or_into_a_folder(quiz, tmp_path):
    file = tmp_path / "mine.toml"
    assert quiz("import", str(FIXTURES / "good.json"), "--out", str(file)).code == 0
    assert load_bank(file).decks[0].id == "good"
    assert quiz("import", str(FIXTURES / "good.json"), "--out", str(tmp_path), "--deck", "other").code == 0
    assert load_bank(tmp_path / "other.toml").decks[0].id == "other"
    assert not library().exists()


def test_ids_already_in_the_bank_are_refused(quiz, tmp_path):
    """A file named bb.csv would make bb-001, an id of the built-in barrel-bombs deck."""
    source = tmp_path / "bb.csv"
    source.write_text("question,answer\nQ?,A\n", encoding="utf-8")
    result = quiz("import", str(source))
    assert result.code == 1
    assert "barrel-bombs.toml already uses the id 'bb-001'" in result.err and "--deck NAME" in result.err
    assert quiz("import", str(source), "--deck", "bb-mine").code == 0


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["missing.gift"], 1, "no such file: missing.gift"),
        (["{fixtures}/aiken-good.txt", "--format", "gift"], 1, "has no question quiz can import"),
        (["{tmp}/notes.dat"], 1, "cannot tell its format; pass --format"),
        (["{tmp}/notes.dat", "--format", "yaml"], 2, "invalid choice"),
        (["{tmp}/notes.dat", "--deck", "!!!"], 2, "cannot make a deck id"),
        (["{tmp}/sheet.csv"], 1, "zip archive"),
        (["{fixtures}/syntax-error.json"], 1, "syntax-error.json:3: JSON syntax error"),
    ],
)
def test_user_mistakes_get_a_clear_message_not_a_traceback(quiz, tmp_path, args, code, words):
    (tmp_path / "notes.dat").write_text("just some words\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_bytes(b"PK\x03\x04 an xlsx file")
    args = [a.format(fixtures=FIXTURES, tmp=tmp_path) for a in args]
    result = quiz("import", *args)
    assert result.code == code
    assert words in result.err
    assert "Traceback" not in result.err


def test_big_imports_are_split_into_parts(quiz, tmp_path, monkeypatch):
    """The loader refuses files over 8 MB, so an import is written in parts of PART_SIZE questions."""
    monkeypatch.setattr(formats_module, "PART_SIZE", 10)
    source = tmp_path / "big.csv"
    source.write_text("question,answer\n" + "".join(f"Question {i}?,Answer {i}\n" for i in range(25)), "utf-8")
    result = quiz("import", str(source))
    assert result.code == 0 and "3 decks" in result.out
    names = sorted(p.name for p in library().iterdir())
    assert names == ["big-part01.toml", "big-part02.toml", "big-part03.toml"]
    bank, problems = read_bank(library())
    assert problems == []
    assert [(d.id, d.title, len(d.questions)) for d in bank.decks] == [
        ("big-part01", "Big (part 1)", 10),
        ("big-part02", "Big (part 2)", 10),
        ("big-part03", "Big (part 3)", 5),
    ]
    assert bank.decks[2].questions[-1].id == "big-025"
    # A smaller import with --replace removes the parts it no longer needs.
    source.write_text("question,answer\nOnly one?,Yes\n", "utf-8")
    assert quiz("import", str(source)).code == 1
    assert quiz("import", str(source), "--replace").code == 0
    assert sorted(p.name for p in library().iterdir()) == ["big.toml"]


def test_a_failed_write_leaves_no_temporary_files(quiz, tmp_path, monkeypatch):
    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("quiz.cli.format_commands.os.replace", refuse)
    result = quiz("import", str(FIXTURES / "good.gift"), "--out", str(tmp_path / "deck.toml"))
    assert result.code == 1 and "cannot write" in result.err and "Permission denied" in result.err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- export


def export(*argv: str) -> int:
    """`quiz export DECK ...` as the lead will wire it: common options, a deck, the export options."""
    parser = argparse.ArgumentParser(prog="quiz export")
    add_common_options(parser, default=None)
    parser.add_argument("deck")
    add_export_arguments(parser)
    args = parser.parse_args(argv)
    return export_deck(args, args.deck)


@pytest.mark.parametrize("fmt", [f for f in DECK_FORMATS if f != "apkg"])  # binary: see test_apkg_cli.py
def test_export_to_standard_output_reads_back(capsys, fmt):
    assert export("barrel-bombs", "--format", fmt) == 0
    out, err = capsys.readouterr()
    reading = read_text(out, fmt, Path(f"x.{fmt}"))
    assert reading.problems == []
    assert len(reading.questions) == 25  # every built-in typed question has options, so Aiken keeps all
    assert ("note:" in err) == (fmt != "json")  # JSON keeps everything


def test_export_to_a_file_guesses_the_format_from_its_name(capsys, tmp_path):
    out = tmp_path / "deck.csv"
    assert export("barrel-bombs", "--out", str(out)) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,kind,question,answer")  # a BOM, so Excel reads UTF-8
    assert "Exported 25 questions of deck 'barrel-bombs'" in capsys.readouterr().out


def test_aiken_export_counts_what_it_changed(capsys):
    assert export("barrel-bombs", "--format", "aiken") == 0
    _, err = capsys.readouterr()
    assert re.search(r"note: typed questions written as multiple choice .*: \d+", err)


def test_aiken_export_of_typed_questions_without_options_says_so(quiz, capsys, tmp_path):
    source = tmp_path / "typed.csv"
    source.write_text("question,answer\nCapital of Peru?,Lima\n", "utf-8")
    assert quiz("import", str(source)).code == 0
    assert export("typed", "--format", "aiken") == 1
    err = capsys.readouterr().err
    assert "questions left out: Aiken is multiple choice only" in err and "nothing written" in err


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["no-such-deck", "--format", "gift"], 2, "no deck 'no-such-deck'"),
        (["barrel-bombs"], 2, "choose a format with --format gift|aiken|csv|json"),
        (["barrel-bombs", "--out", "x.txt"], 2, "choose a format"),
    ],
)
def test_export_mistakes(capsys, argv, code, words):
    assert export(*argv) == code
    assert words in capsys.readouterr().err


@pytest.mark.parametrize("fmt", DECK_FORMATS)
def test_exported_deck_imports_again_and_passes_check(quiz, capsys, tmp_path, fmt):
    """The whole loop through the CLI: export a built-in deck, import it under a new name, check it."""
    out = tmp_path / f"copy.{fmt}"
    assert export("showdown", "--format", fmt, "--out", str(out)) == 0
    capsys.readouterr()
    result = quiz("import", str(out), "--format", fmt, "--deck", "showdown-copy")
    assert result.code == 0, result.err
    assert quiz("check", str(deck_file("showdown-copy"))).code == 0


def test_export_merges_with_other_format_choices():
    """The lead merges `--format` with `quiz export attempts`' csv|json: the choices are a parameter."""
    parser = argparse.ArgumentParser()
    add_export_arguments(parser, formats=sorted({*DECK_FORMATS, "csv", "json"}))
    assert parser.parse_args(["--format", "gift"]).format == "gift"
