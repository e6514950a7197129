"""Classroom drills: codes, the same quiz for everyone, results with item analysis, merging."""

from __future__ import annotations

import io
import json

import pytest

from quiz.core.bank import load_bank
from quiz.core.drill import ALPHABET, Drill, DrillCodeError, Response, analyse, decode, encode
from quiz.data import locations


@pytest.fixture(scope="module")
def bank():
    return load_bank(locations.bank_path())


def test_code_round_trips_and_ignores_case_dashes_and_lookalikes(bank):
    drill = Drill(("barrel-bombs", "showdown"), 12, 777, 30)
    code = encode(drill, bank)
    assert len(code.replace("-", "")) <= 14
    assert decode(code, bank) == drill
    assert decode(code.lower().replace("-", " "), bank) == drill
    assert decode(code.replace("1", "I").replace("0", "O"), bank) == drill


def test_every_single_typo_and_swap_is_caught(bank):
    code = encode(Drill(("putin-sanctions",), 10, 4242, None), bank).replace("-", "")
    wrong = [code[:i] + c + code[i + 1 :] for i in range(len(code)) for c in ALPHABET if c != code[i]]
    wrong += [code[:i] + code[i + 1] + code[i] + code[i + 2 :] for i in range(len(code) - 1) if code[i] != code[i + 1]]
    for typo in wrong:
        with pytest.raises(DrillCodeError):
            decode(typo, bank)


def test_a_code_for_other_decks_is_refused(bank):
    from dataclasses import replace

    code = encode(Drill(("barrel-bombs",), 5, 1, None), bank)
    smaller = replace(bank, decks=bank.decks[:-1])
    with pytest.raises(DrillCodeError, match="different set of decks"):
        decode(code, smaller)


def test_item_analysis_ranks_by_accuracy_then_time_and_counts_picks():
    rs = [
        Response("ana", "q1", "A", True, 5000),
        Response("ana", "q2", "B", True, 5000),
        Response("ben", "q1", "A", True, 3000),
        Response("ben", "q2", "C", False, 3000),
        Response("cat", "q1", "A", True, 2000),
        Response("cat", "q2", "B", True, 9000),
        Response("dan", "q1", "D", False, 1000),
        Response("dan", "q2", "C", False, 1000),
        Response("dan", "q1", "A", True, 1000),  # a second answer does not count
    ]
    report = analyse(rs, ["q1", "q2"])
    assert [s.student for s in report.students] == ["ana", "cat", "ben", "dan"]  # ana faster than cat
    q1, q2 = report.items
    assert q1.facility == 0.75 and q1.picks == {"A": 3, "D": 1}
    assert q2.picks == {"B": 2, "C": 2}
    assert q2.discrimination == 1.0  # the top student right, the bottom one wrong


def play(quiz, monkeypatch, code, profile, answers):
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    return quiz("drill", code, "--plain", "--profile", profile, "--name", profile)


def test_whole_drill_from_the_command_line(quiz, monkeypatch, tmp_path):
    made = quiz("drill", "new", "--deck", "barrel-bombs", "-n", "3", "--seed", "9", "--time-limit", "30")
    code = made.out.strip()
    assert made.code == 0 and "quiz drill " + code in made.err
    outs = [play(quiz, monkeypatch, code, who, "1\n1\n1\n").out for who in ("ana", "ben")]
    asked = [[line for line in out.splitlines() if line.startswith("Question")] for out in outs]
    assert asked[0] == asked[1]  # same questions, same order
    options = [[line for line in out.splitlines() if line.startswith("  1)")] for out in outs]
    assert options[0] == options[1]  # and the same option order

    report = json.loads(quiz("drill", "results", code, "--json").out)
    assert {s["student"] for s in report["students"]} == {"ana", "ben"}
    assert len(report["questions"]) == 3 and all(q["answered"] == 2 for q in report["questions"])

    handed_in = tmp_path / "laptop.json"
    assert quiz("drill", "export", code, "--name", "ana", "--out", str(handed_in)).code == 0
    merged = json.loads(quiz("drill", "results", code, str(handed_in), "--json").out)
    names = {s["student"] for s in merged["students"]}
    assert names == {"ana (this machine)", "ana (laptop.json)", "ben"}

    csv_out = quiz("drill", "results", code, "--csv").out
    assert csv_out.startswith("section,") and "student,1," in csv_out


def test_mistyped_code_is_an_error_not_another_quiz(quiz):
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    typo = code[:2] + ("X" if code[2] != "X" else "Y") + code[3:]
    result = quiz("drill", typo, "--plain")
    assert result.code == 1 and "typo" in result.err


def test_results_refuse_a_file_for_another_drill(quiz, tmp_path):
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"quiz_drill": "NOPE", "responses": []}))
    result = quiz("drill", "results", code, str(other))
    assert result.code == 1 and "not " + code in result.err


def test_a_drill_asks_the_name_first_and_the_teacher_sees_it(quiz, monkeypatch, tmp_path):
    """In line mode the first line is the name; results and the hand-in file carry it, not the profile."""
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "4").out.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO("\n  Ana   Silva \n1\n1\n"))
    taken = quiz("drill", code, "--plain")
    assert taken.code == 0, taken.err
    assert "Your name" in taken.out and "Please type your name." in taken.out  # a blank line is asked again
    report = json.loads(quiz("drill", "results", code, "--json").out)
    assert [s["student"] for s in report["students"]] == ["Ana Silva"]
    hand_in = tmp_path / "ana.json"
    assert quiz("drill", "export", code, "--name", "ana silva", "--out", str(hand_in)).code == 0
    rows = json.loads(hand_in.read_text(encoding="utf-8"))["responses"]
    assert len(rows) == 2 and {r["student"] for r in rows} == {"Ana Silva"}


def test_a_drill_without_a_name_does_not_start(quiz, monkeypatch):
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "4").out.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = quiz("drill", code, "--plain")
    assert result.code == 1 and "starts with your name" in result.err
    too_long = quiz("drill", code, "--plain", "--name", "x" * 41)
    assert too_long.code == 1 and "at most 40 characters" in too_long.err
    assert json.loads(quiz("drill", "results", code, "--json").out)["students"] == []


def test_a_student_who_left_a_drill_early_cannot_take_it_again(quiz, monkeypatch):
    """Leaving early and entering the code again is refused; the teacher's results keep the first run."""
    code = quiz("drill", "new", "--deck", "showdown", "-n", "3", "--seed", "9").out.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO("Ana\n1\n:q\n"))
    first = quiz("drill", code, "--plain")
    assert first.code == 0 and "2 not reached." in first.out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n"))
    again = quiz("drill", code, "--plain", "--name", "ANA")
    assert again.code == 1
    assert f"Ana has already taken drill {code} here (1 answered" in again.err
    assert "Question 1" not in again.out  # refused before anything is asked
    assert play(quiz, monkeypatch, code, "ben", "1\n1\n1\n").code == 0  # another student still can
    report = json.loads(quiz("drill", "results", code, "--json").out)
    answered = {s["student"]: s["answered"] for s in report["students"]}
    assert answered == {"Ana": 1, "ben": 3}
