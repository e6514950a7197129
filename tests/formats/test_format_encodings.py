"""Files in UTF-8 (with or without BOM), UTF-16 and Windows-1252, with CRLF, LF or CR line ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.formats import FormatError, format_for, read_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("bom-crlf.gift", b"\xef\xbb\xbf"),
        ("quizlet-crlf.tsv", b"\r\n"),
        ("mac-cr.txt", b"\r"),
        ("excel-utf16.txt", b"\xff\xfe"),
        ("semicolon-cp1252.csv", b"\xab"),
    ],
)
def test_fixture_bytes_are_as_written(name, raw):
    """Guards the variants themselves: a tool that rewrote line ends or encodings would void the tests below."""
    data = (FIXTURES / name).read_bytes()
    assert raw in data
    if name == "mac-cr.txt":
        assert b"\n" not in data


def test_utf8_bom_and_crlf_gift():
    reading, fmt = read_file(FIXTURES / "bom-crlf.gift")
    assert fmt == "gift" and reading.problems == [] and reading.notes == []
    assert [(q.line, q.prompt, q.answer) for q in reading.questions] == [
        (2, "Où se trouve la tour Eiffel ?", "À Paris"),
        (4, "Which quote is “curly”?", "“this one”"),
    ]


def test_windows_1252_is_read_with_a_note():
    reading, _ = read_file(FIXTURES / "semicolon-cp1252.csv")
    assert [q.prompt for q in reading.questions] == ["Qu'est-ce que « café » ?", "Wie heißt „Straße“ auf Englisch?"]
    (note,) = [n for n in reading.notes if "Windows-1252" in n.message]
    assert note.line == 2 and "save the file as UTF-8" in note.message


def test_utf16_with_bom_from_excel():
    reading, fmt = read_file(FIXTURES / "excel-utf16.txt")
    assert fmt == "tsv"
    assert [(q.answer, q.distractors) for q in reading.questions] == [("Summer ☀", ("Winter ❄",))]


def test_old_mac_cr_line_ends_keep_line_numbers():
    reading, fmt = read_file(FIXTURES / "mac-cr.txt")
    assert fmt == "aiken"
    assert [(q.line, q.answer) for q in reading.questions] == [(1, "The Dead Sea"), (6, "Whale")]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"PK\x03\x04rest of a zip", "zip archive"),
        (b"question,answer\nQ?,\x00A\n", "NUL bytes"),
        (b"question,answer\nQ?,\x81\x8d\n", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_files_that_are_not_text_are_refused(tmp_path, raw, words):
    path = tmp_path / "x.csv"
    path.write_bytes(raw)
    with pytest.raises(FormatError) as caught:
        read_file(path)
    assert words in caught.value.problem.message


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.gift", "", "gift"),
        ("a.GIFT", "", "gift"),
        ("a.csv", "", "csv"),
        ("a.tab", "", "tsv"),
        ("a.json", "", "json"),
        ("a.txt", "Q?\nA. x\nB. y\nANSWER: A\n", "aiken"),
        ("a.txt", "::t:: Q? {=a ~b}\n", "gift"),
        ("a.txt", "term\tdefinition\n", "tsv"),
        ("a.txt", "question,answer\n", "csv"),
        ("a.txt", ' [{"kind": "recall"}]', "json"),
        ("a.txt", "just words\n", None),
    ],
)
def test_format_from_extension_or_text(name, text, fmt):
    assert format_for(Path(name), text)[0] == fmt


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_the_windows_1252_note_names_the_line_whatever_the_line_ends(tmp_path, end):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbfquestion,answer" + end + b"Which?,yes" + end + b"Caf\xe9?,oui" + end)
    reading, _ = read_file(path)
    assert [q.prompt for q in reading.questions] == ["Which?", "Café?"]  # no stray "ï»¿" from the BOM
    assert [n.line for n in reading.notes if "Windows-1252" in n.message] == [3]
