"""Import limits: past each one the file is refused in one line that names the limit and file:line, and nothing
is written; within them a bad field is one bad entry. Deep nesting and huge numbers are clear lines too."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.data.library import library_questions
from quiz.formats import limits
from quiz.formats.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_QUESTIONS
from tests.conftest import ROOT, read_to_the_end
from tests.formats.test_format_commands import FIXTURES

N = MAX_QUESTIONS + 1
LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): (?P<msg>.+)$", re.M)


def written(isolated: Path) -> list[Path]:
    folder = library_questions(isolated / "data")
    return sorted(folder.glob("*.toml")) if folder.exists() else []


def refusal(result) -> re.Match[str]:
    """The one line that refuses the file."""
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    lines = [m for m in LINE.finditer(result.err)]
    assert len(lines) == 1, result.err
    return lines[0]


def csv_rows(n: int) -> str:
    return "question,answer,distractor\n" + "".join(f"Q{i}?,A{i},B{i}\n" for i in range(n))


def gift_entries(n: int) -> str:
    return "".join(f"::q{i}:: Q{i}? {{=A{i} ~B{i}}}\n\n" for i in range(n))


def aiken_entries(n: int) -> str:
    return "".join(f"Q{i}?\nA. A{i}\nB. B{i}\nANSWER: A\n\n" for i in range(n))


def json_items(n: int) -> str:
    item = '{"kind": "choice", "prompt": "Q?", "answer": "A", "distractors": ["B"]}'
    return "[\n" + ",\n".join([item] * n) + "\n]\n"


# The line of the entry past the limit in each file above: where it starts (Aiken: its ANSWER line).
ENTRY_LINE = {"csv": N + 1, "gift": 2 * N - 1, "txt": 5 * N - 1, "json": N + 1}


@pytest.mark.parametrize(
    ("suffix", "make"), [("csv", csv_rows), ("gift", gift_entries), ("txt", aiken_entries), ("json", json_items)]
)
def test_more_entries_than_the_limit_are_refused_at_the_entry_past_it(quiz, tmp_path, isolated, suffix, make):
    path = tmp_path / f"many.{suffix}"
    path.write_text(make(N), encoding="utf-8")
    line = refusal(quiz("import", str(path)))
    assert f"limit of {MAX_QUESTIONS:,} questions" in line["msg"]
    assert int(line["line"]) == ENTRY_LINE[suffix]
    assert written(isolated) == []


def test_exactly_the_limit_is_not_refused_by_the_count(tmp_path):
    """Counting is exact: the limit itself is allowed (read here without the slow per-question work)."""
    from quiz.formats import read_file

    path = tmp_path / "full.csv"
    path.write_text(csv_rows(MAX_QUESTIONS), encoding="utf-8")
    reading, _ = read_file(path)
    assert len(reading.questions) == MAX_QUESTIONS


def test_a_file_over_the_size_limit_is_refused_with_the_line_it_passes_it(quiz, tmp_path, isolated):
    path = tmp_path / "huge.csv"
    row = "Q?," + "x" * 1000 + "\n"
    rows = MAX_FILE_BYTES // len(row) + 10
    path.write_text("question,answer\n" + row * rows, encoding="utf-8")
    line = refusal(quiz("import", str(path)))
    assert f"over the {MAX_FILE_BYTES >> 20} MB limit" in line["msg"]
    assert int(line["line"]) == MAX_FILE_BYTES // len(row) + 2  # the header, then whole rows up to the limit
    assert written(isolated) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "gift"])
def test_a_field_over_the_length_limit_is_one_bad_entry_that_names_the_limit(quiz, tmp_path, isolated, fmt):
    long = "x" * (MAX_FIELD_CHARS + 1)
    path = tmp_path / f"long.{fmt}"
    if fmt == "csv":
        path.write_text(f"question,answer,distractor\nFine?,Yes,No\n{long}?,A,B\n", encoding="utf-8")
    elif fmt == "json":
        items = [
            {"kind": "recall", "prompt": "Fine?", "answer": "Yes"},
            {"kind": "recall", "prompt": long, "answer": "A"},
        ]
        path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    else:
        path.write_text(f"Fine? {{=Yes ~No}}\n\n{long}? {{=A ~B}}\n", encoding="utf-8")
    result = quiz("import", str(path))
    assert result.code == 0, result.err
    bad = [m for m in LINE.finditer(result.err) if "characters long" in m["msg"]]
    assert len(bad) == 1 and f"limit of {MAX_FIELD_CHARS:,} for one field" in bad[0]["msg"]
    assert int(bad[0]["line"]) == {"csv": 3, "json": 7, "gift": 3}[fmt]
    assert "Imported 1 question" in result.out


def test_a_cell_past_the_csv_reader_limit_names_the_field_limit(quiz, tmp_path):
    path = tmp_path / "cell.csv"
    path.write_text('question,answer\n"' + "x" * 200_000 + '",A\nFine?,Yes\n', encoding="utf-8")
    result = quiz("import", str(path))
    assert "Traceback" not in result.err
    assert f"over the limit of {MAX_FIELD_CHARS:,} for one field" in result.err


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 100_000])
def test_json_nested_past_the_depth_limit_is_refused_at_its_line(quiz, tmp_path, isolated, levels):
    """Past the limit (and far past what Python's parser can recurse into) is one line, not a RecursionError."""
    path = tmp_path / "deep.json"
    deep = "[" * levels + "]" * levels
    path.write_text(f'[\n{{"kind": "recall", "prompt": "Q?", "answer": "A"}},\n\n{deep}\n]\n', encoding="utf-8")
    line = refusal(quiz("import", str(path)))
    assert f"nested more than {MAX_DEPTH} levels" in line["msg"]
    assert int(line["line"]) == 4
    assert written(isolated) == []


def test_json_numbers_too_long_or_too_large_are_clear(quiz, tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('[\n{"kind": "number", "prompt": "Q?",\n "answer": ' + "9" * 5000 + "}\n]", encoding="utf-8")
    line = refusal(quiz("import", str(path)))
    assert "digits" in line["msg"] and int(line["line"]) == 3

    path = tmp_path / "large.json"
    items = [
        {"kind": "number", "prompt": "Fine?", "answer": 1},
        {"kind": "number", "prompt": "Q?", "answer": 10**400},
        {"kind": "number", "prompt": "Q?", "answer": 1, "tolerance": 10**400},
    ]
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    result = quiz("import", str(path))
    assert "Traceback" not in result.err and result.code == 0
    assert "must be finite and below 1e308" in result.err and "'tolerance' is too large" in result.err


def test_a_gift_meta_comment_nested_too_deep_is_a_note(quiz, tmp_path):
    path = tmp_path / "meta.gift"
    path.write_text('// quiz: {"kind": ' + "[" * 5000 + "]" * 5000 + "}\nQ? {=A ~B}\n", encoding="utf-8")
    result = quiz("import", str(path))
    assert result.code == 0 and "Traceback" not in result.err
    assert "meta.gift:1: the '// quiz:' comment is not a JSON object" in result.err


def test_an_anki_package_past_the_limit_is_refused_before_its_notes_are_read(quiz, monkeypatch, isolated):
    """A real package of a few notes, with the limit lowered to 2 (a package of 50,001 notes is slow to make)."""
    monkeypatch.setattr(limits, "MAX_QUESTIONS", 2)
    result = quiz("import", str(FIXTURES / "anki-21.apkg"))
    assert result.code == 1 and "Traceback" not in result.err
    assert re.fullmatch(
        r"\S+anki-21\.apkg: note \d+: note 3 passes the limit of 2 questions in one import; .+\n", result.err
    )
    assert written(isolated) == []


DECK = """[deck]
id = "d"
title = "D"
origin = "imported"

[[questions]]
id = "d-1"
kind = "number"
prompt = "How many?"
explanation = "Because."
tags = ["t"]
difficulty = 1
"""


@pytest.mark.parametrize(
    ("tail", "line", "words"),
    [
        ("answer = 1\nunit = " + "[" * 5000 + "]" * 5000, 14, "nest too deeply"),
        ("answer = 1\nunit = " + "{a=" * 1000 + "1" + "}" * 1000, 14, "nest too deeply"),
        ("answer = " + "9" * 5000, 13, "thousands of digits"),
        ("answer = " + "9" * 400, 13, "finite"),
        ("answer = 1\ntolerance = " + "9" * 400, 14, "'tolerance' must be a number"),
    ],
)
def test_deep_or_huge_toml_is_one_line_with_file_and_line(quiz, tmp_path, tail, line, words):
    deck = tmp_path / "questions" / "d.toml"
    deck.parent.mkdir()
    deck.write_text(DECK + tail + "\n", encoding="utf-8")
    result = quiz("check", str(deck))
    assert result.code == 1 and "Traceback" not in result.out + result.err
    found = [m for m in LINE.finditer(result.out) if words in m["msg"]]
    assert found and int(found[0]["line"]) == line, result.out
    assert len(found[0]["msg"]) < 200


def _import_on(stderr_is_tty: bool, path: Path, tmp_path: Path) -> str:
    """Run `quiz import` in a real process, its stderr a pseudo-terminal or a pipe; what stderr received."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZ_DATA_DIR": str(tmp_path / ("tty" if stderr_is_tty else "pipe"))}
    if not stderr_is_tty:
        done = subprocess.run([sys.executable, "-m", "quiz", "import", str(path)], capture_output=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stderr.decode()
    master, slave = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "quiz", "import", str(path)], stdout=subprocess.PIPE, stderr=slave, env=env
        )
        os.close(slave)
        shown = read_to_the_end(master)
        assert process.wait() == 0
        process.stdout.close()  # type: ignore[union-attr]
    finally:
        os.close(master)
    return shown.decode()


def test_a_progress_bar_is_drawn_on_a_terminal_and_never_into_a_pipe(tmp_path):
    path = tmp_path / "some.csv"
    path.write_text(csv_rows(2000), encoding="utf-8")
    on_terminal = _import_on(True, path, tmp_path)
    assert "Reading" in on_terminal and "of 2,000" in on_terminal and "━" in on_terminal
    assert on_terminal.rstrip().endswith("\x1b[K")  # cleared at the end, the summary line starts clean
    piped = _import_on(False, path, tmp_path)
    assert "Reading" not in piped and "\r" not in piped and "\x1b" not in piped
