"""Classroom drills: codes, the same quiz for everyone, results with item analysis, merging."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.core.bank import load_bank
from quiz.core.drill import (
    ALPHABET,
    NONCE_BITS,
    Drill,
    DrillCodeError,
    HandInError,
    Response,
    analyse,
    decode,
    encode,
    sign_hand_in,
    verify_hand_in,
)
from quiz.data import locations
from tests.conftest import DATA


@pytest.fixture(scope="module")
def bank():
    return load_bank(locations.bank_path())


def test_code_round_trips_and_ignores_case_dashes_and_lookalikes(bank):
    drill = Drill(("barrel-bombs", "showdown"), 12, 777, 30, nonce=0xABCDE)
    code = encode(drill, bank)
    assert len(code.replace("-", "")) == 20  # five groups of four on the board
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


@pytest.mark.slow
def test_no_change_of_two_characters_opens_another_drill(bank):
    """Every one of the 182,590 ways to change two characters of a code is refused (the old code: 1.08% opened)."""
    code = encode(Drill(("barrel-bombs", "showdown"), 12, 777, 30, nonce=0xABCDE), bank).replace("-", "")
    opened = []
    for i, j in itertools.combinations(range(len(code)), 2):
        for a, b in itertools.product(ALPHABET.replace(code[i], ""), ALPHABET.replace(code[j], "")):
            changed = f"{code[:i]}{a}{code[i + 1 : j]}{b}{code[j + 1 :]}"
            with contextlib.suppress(DrillCodeError):
                opened.append(decode(changed, bank))
    assert opened == []


@settings(max_examples=300, deadline=None)
@given(
    decks=st.sets(st.sampled_from(["barrel-bombs", "showdown", "putin-sanctions"]), min_size=1),
    count=st.integers(1, 255),
    seed=st.integers(0, 0xFFFF),
    limit=st.sampled_from([None, 5, 30, 1275]),
    nonce=st.integers(0, 2**NONCE_BITS - 1),
    changes=st.lists(st.tuples(st.integers(0, 19), st.integers(1, 31)), min_size=1, max_size=3),
)
def test_any_one_to_three_changed_characters_are_refused(bank, decks, count, seed, limit, nonce, changes):
    drill = Drill(tuple(sorted(decks)), count, seed, limit, nonce)
    symbols = list(encode(drill, bank).replace("-", ""))
    assert decode("".join(symbols), bank) == drill
    for position, shift in changes:  # a shift of 1..31 always lands on another character
        position %= len(symbols)
        symbols[position] = ALPHABET[(ALPHABET.index(symbols[position]) + shift) % 32]
    if "".join(symbols) != encode(drill, bank).replace("-", ""):  # two changes may undo each other
        with pytest.raises(DrillCodeError):
            decode("".join(symbols), bank)


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
    assert q1.facility == 0.75 and q1.picks == {"A": 3, "D": 1} and q1.top_wrong == ("D", 1)
    assert q2.picks == {"B": 2, "C": 2} and q2.top_wrong == ("C", 2)
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
    again = quiz("drill", "results", code, str(handed_in), "--json")
    assert "laptop.json: already counted: ana's answers are on this machine; left out" in again.err
    assert {s["student"]: s["answered"] for s in json.loads(again.out)["students"]} == {"ana": 3, "ben": 3}

    here = os.environ["QUIZ_DATA_DIR"]
    monkeypatch.setenv("QUIZ_DATA_DIR", str(tmp_path / "another-laptop"))  # another student named ana
    play(quiz, monkeypatch, code, "ana", "2\n2\n2\n")
    assert quiz("drill", "export", code, "--name", "ana", "--out", str(handed_in)).code == 0
    monkeypatch.setenv("QUIZ_DATA_DIR", here)
    merged = quiz("drill", "results", code, str(handed_in), "--json")
    assert merged.err == ""
    names = {s["student"] for s in json.loads(merged.out)["students"]}
    assert names == {"ana (this machine)", "ana (laptop.json)", "ben"}

    csv_out = quiz("drill", "results", code, "--csv").out
    assert csv_out.startswith("section,") and "student,1," in csv_out


def test_mistyped_code_is_an_error_not_another_quiz(quiz):
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    typo = code[:2] + ("X" if code[2] != "X" else "Y") + code[3:]
    result = quiz("drill", typo, "--plain")
    assert result.code == 1 and "typo" in result.err


def export(quiz, code, profile, path):
    assert quiz("drill", "export", code, "--profile", profile, "--out", str(path)).code == 0
    return path


def refusal(quiz, code, *files):
    result = quiz("drill", "results", code, *map(str, files))
    assert result.code == 1 and result.out == "" and len(result.err.splitlines()) == 1, result
    return result.err


@pytest.fixture
def handed_in(quiz, monkeypatch, tmp_path):
    """A drill taken by ana on this machine, and her signed hand-in file."""
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    play(quiz, monkeypatch, code, "ana", "1\n2\n")
    return code, export(quiz, code, "ana", tmp_path / "ana.json")


def test_a_hand_in_does_not_hold_the_code_that_signs_it(handed_in):
    code, path = handed_in
    text = path.read_text(encoding="utf-8")
    assert code not in text and code.replace("-", "") not in text
    assert json.loads(text)["signature"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: r.update(correct=True),
        lambda r: r.update(elapsed_ms=1),
        lambda r: r.update(student="ben"),
        lambda r: r.update(given=r["given"] + " "),
    ],
    ids=["correct", "elapsed_ms", "student", "given"],
)
def test_results_refuse_an_altered_hand_in(quiz, handed_in, edit):
    code, path = handed_in
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["responses"]:
        edit(row)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "ana.json: not counted: it was altered" in refusal(quiz, code, path)


def test_results_refuse_a_hand_in_for_another_drill(quiz, handed_in):
    code, path = handed_in
    other = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    assert other != code  # the same choices make a new drill, with its own key
    assert "not counted: it belongs to another drill" in refusal(quiz, other, path)


def test_results_refuse_a_repeated_hand_in(quiz, handed_in, tmp_path):
    code, path = handed_in
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())
    assert "copy.json: not counted: it is the same hand-in as" in refusal(quiz, code, path, copy)
    again = export(quiz, code, "ana", tmp_path / "again.json")  # a second export of the same student
    assert "again.json: not counted: it repeats ana's hand-in in" in refusal(quiz, code, path, again)


def test_results_refuse_an_unsigned_file(quiz, handed_in, tmp_path):
    code, _ = handed_in
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"quiz_drill": code, "responses": []}))
    assert "old.json: not counted: it is not a signed hand-in" in refusal(quiz, code, old)


def test_signed_hand_in_round_trips_and_any_change_breaks_it():
    rows = [{"student": "ana", "question_id": "q1", "given": "A", "correct": False, "elapsed_ms": 900}]
    signed = sign_hand_in("AAAA-BBBB", "id1", rows)
    assert verify_hand_in("aaaa bbbb", signed) == rows  # the code as typed, any case or spacing
    for key in ("hand_in", "drill", "quiz_hand_in"):
        changed = {**signed, key: "x"}
        with pytest.raises(HandInError):
            verify_hand_in("AAAA-BBBB", changed)
    with pytest.raises(HandInError, match="another drill"):
        verify_hand_in("AAAA-BBBC", signed)


def test_a_drill_taken_up_again_goes_on_where_it_stopped(quiz, monkeypatch):
    code = quiz("drill", "new", "--deck", "barrel-bombs", "-n", "3", "--seed", "9").out.strip()
    whole = play(quiz, monkeypatch, code, "cy", "1\n1\n1\n").out
    asked = [line for line in whole.splitlines() if line.startswith("Question")]
    options = [line for line in whole.splitlines() if line.startswith("  1)")]
    first = play(quiz, monkeypatch, code, "dee", "1\n").out  # stops after one answer (input ends)
    assert [line for line in first.splitlines() if line.startswith("Question")] == asked[:2]  # shows the next
    again = play(quiz, monkeypatch, code, "dee", "1\n1\n").out
    assert [line for line in again.splitlines() if line.startswith("Question")] == asked[1:]
    assert [line for line in again.splitlines() if line.startswith("  1)")] == options[1:]  # same options too
    report = json.loads(quiz("drill", "results", code, "--json").out)
    assert {s["student"]: s["answered"] for s in report["students"]} == {"cy": 3, "dee": 3}


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


def test_a_drill_left_early_goes_on_and_one_answered_to_the_end_is_refused(quiz, monkeypatch):
    """Entering the code again never gives a fresh run: it goes on where it stopped, and once done, is refused."""
    code = quiz("drill", "new", "--deck", "showdown", "-n", "3", "--seed", "9").out.strip()
    monkeypatch.setattr("sys.stdin", io.StringIO("Ana\n1\n:q\n"))
    first = quiz("drill", code, "--plain")
    assert first.code == 0 and "2 not reached." in first.out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n"))
    again = quiz("drill", code, "--plain", "--name", "ANA")  # the same student, however typed
    assert again.code == 0
    assert "Question 1 of 3" not in again.out and "Question 2 of 3" in again.out
    assert "1 answered in an earlier run." in again.out
    right = json.loads(quiz("drill", "results", code, "--json").out)["students"][0]["correct"]
    # The score of the whole drill, the earlier run's answer included; this run's after it.
    assert f"Done. Score {right} of 3, accuracy {right / 3:.0%}, with this run's " in again.out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n"))
    third = quiz("drill", code, "--plain", "--name", "ana")
    assert third.code == 1 and "Question" not in third.out  # refused before anything is asked
    assert f"Ana has already taken drill {code} here (3 answered" in third.err
    assert play(quiz, monkeypatch, code, "ben", "1\n1\n1\n").code == 0  # another student still can
    report = json.loads(quiz("drill", "results", code, "--json").out)
    assert {s["student"]: s["answered"] for s in report["students"]} == {"Ana": 3, "ben": 3}


def test_export_of_a_name_nobody_used_is_an_error_naming_the_students(quiz, monkeypatch, tmp_path):
    """`--name Ana` for 'Ana Silva' wrote an empty hand-in and said ✓; now exit 1, the names, no file."""
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    out = tmp_path / "ana.json"
    nobody = quiz("drill", "export", code, "--out", str(out))
    assert nobody.code == 1 and "nobody has answered it here yet" in nobody.err
    play(quiz, monkeypatch, code, "Ana Silva", "1\n2\n")
    play(quiz, monkeypatch, code, "Cy", "1\n2\n")
    wrong = quiz("drill", "export", code, "--name", "Ana", "--out", str(out))
    assert wrong.code == 1 and wrong.out == "" and len(wrong.err.splitlines()) == 1
    assert "students on this machine: Ana Silva, Cy" in wrong.err
    assert not out.exists()
    right = quiz("drill", "export", code, "--name", "ana silva", "--out", str(out))
    assert right.code == 0 and "2 answers of Ana Silva" in right.out


def test_results_table_keeps_columns_over_their_figures_and_shows_runs_left_early(quiz, monkeypatch, tmp_path):
    """Long ids and names are never cut and the headers stay aligned; a run left early reads '1 of 3'."""
    bank = tmp_path / "bank"
    bank.mkdir()
    text = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    (bank / "harbour.toml").write_text(text.replace('id = "h-00', 'id = "harbour-repairs-question-00'))
    where = ("--bank", str(bank), "--seeds", str(DATA / "seeds"))
    code = quiz("drill", "new", "--deck", "harbour", "-n", "3", "--seed", "2", *where).out.strip()
    long_name = "Maria Fernanda de los Santos Oliveira"
    for name, typed in ((long_name, "1\n2\n1\n"), ("Cy", "2\n:q\n")):
        monkeypatch.setattr("sys.stdin", io.StringIO(typed))
        assert quiz("drill", code, "--plain", "--name", name, *where).code == 0
    lines = quiz("drill", "results", code, *where).out.splitlines()
    board = lines[lines.index(next(x for x in lines if x.startswith("Rank"))) :][:3]
    assert long_name in board[1] + board[2]
    cy = next(x for x in board if " Cy " in x)
    assert " 1 of 3 " in cy
    figures = {"Score": r"\d+/\d+", "Answered": r"\d+ of \d+", "Accuracy": r"\d+%", "Time": r"\d+:\d\d"}
    for header, row in figures.items():
        ends = {board[0].index(header) + len(header)} | {re.search(rf"{row}(?!\S)", x).end() for x in board[1:]}
        assert len(ends) == 1, (header, board)
    items = lines[lines.index(next(x for x in lines if x.startswith("Question"))) :][:4]
    assert all(x.startswith("harbour-repairs-question-00") for x in items[1:])
    for header in ("Facility", "Discr."):
        end = items[0].index(header) + len(header)
        assert all(x[end - 1] in "%–0123456789" and x[end] == " " for x in items[1:]), (header, items)


def test_a_timed_question_left_unanswered_shows_as_time_ran_out_not_skipped(quiz, monkeypatch):
    """Nothing given by the limit is 'time ran out' in the results, at the limit; a skip stays '(skipped)'."""
    from datetime import timedelta

    from quiz.factory import open_study

    where = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))
    code = quiz("drill", "new", "--deck", "harbour", "-n", "2", "--seed", "2", "--time-limit", "5", *where).out.strip()
    bank = load_bank(DATA / "good", DATA / "seeds")
    options = replace(decode(code, bank).options(code), student="Ana")
    with open_study(bank, locations.data_dir()) as study:
        session = study.start(options)
        study.record(session, session.submit("", study.now() + timedelta(seconds=5.117)))
        session.advance(study.now())
        study.record(session, session.skip(study.now()))
    report = json.loads(quiz("drill", "results", code, "--json", *where).out)
    picks = {q["question_id"]: q["picks"] for q in report["questions"]}
    assert sorted(picks.values(), key=str) == [{"": 1}, {"(time ran out)": 1}]
    assert "(time ran out) ×1" in quiz("drill", "results", code, *where).out
