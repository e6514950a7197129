"""Line mode's :u (undo the previous answer) and :r ("I was right"), against a real store."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import datetime

from quiz.core.schedule import Rating, Schedule
from quiz.core.selection import Mode, Options
from quiz.core.verdict import Form
from quiz.data import locations
from quiz.plain.line_mode import NEXT_OR_RIGHT, LineMode
from quiz.study import Study
from tests.conftest import DATA
from tests.store.test_undo_override import _study  # the same learner, bank and pinned clock


def _play(study: Study, lines: str, questions: tuple[str, ...], mode: Mode = Mode.PRACTICE, form=Form.TYPED):
    session = study.start(Options(mode=mode, questions=questions, form=form, count=len(questions), seed=1))
    out = io.StringIO()
    summary = LineMode(study, session, io.StringIO(lines), out).run()
    return summary, out.getvalue()


def _rows(question_id: str) -> dict[str, list[tuple]]:
    """What the database holds for one question, read by SQLite itself."""
    with closing(sqlite3.connect(locations.data_dir() / "quiz.db")) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} WHERE question_id = ?", (question_id,)).fetchall()
            for table in ("cards", "question_stats", "attempts", "undone_attempts")
        }


def _given(table: str, question_id: str) -> list[str]:
    with closing(sqlite3.connect(locations.data_dir() / "quiz.db")) as db:
        return [g for (g,) in db.execute(f"SELECT given FROM {table} WHERE question_id = ?", (question_id,))]


def test_r_after_a_typed_miss_keeps_the_attempt_marks_it_and_schedules_it_as_right():
    with _study() as study:
        summary, out = _play(study, "Elinburg\n:r\n", ("h-005",))
        exported = list(study.store.attempts("ana"))
        card = study.store.history("ana", study.now()).cards["h-005"]
    assert NEXT_OR_RIGHT in out
    assert "Counted as right: your call. Next review in " in out
    assert [(a["given"], a["outcome"], a["correct"], a["overridden"]) for a in exported] == [
        ("Elinburg", "wrong", True, True)
    ]
    assert summary.correct == 1 and summary.asked == 1  # the miss does not come back at the end
    answered = datetime.fromisoformat(exported[0]["answered_at"])
    right = Schedule(fuzzing=False).review(None, "h-005", Rating.Good, answered)
    assert card.due == right.due and card.stability == right.stability


def test_u_right_after_a_miss_takes_it_back_and_asks_the_question_again():
    with _study() as study:
        before = _rows("h-005")
        summary, out = _play(study, "Elinburg\n:u\nPort Elin\n", ("h-005",))
        exported = list(study.store.attempts("ana"))
    assert "Answer undone" in out
    assert out.count("Which town's harbour reopened?") == 3  # asked, asked again, in the report
    assert summary.correct == 1 and summary.asked == 1
    assert _given("attempts", "h-005") == ["Port Elin"]  # only the answer given after the undo counts
    assert _given("undone_attempts", "h-005") == ["Elinburg"] and before["undone_attempts"] == []
    assert [(a["given"], a["undone_at"] is not None) for a in exported] == [("Port Elin", False), ("Elinburg", True)]


def test_u_at_the_next_question_undoes_the_previous_answer_and_its_card():
    """Moved on already: the undone question is asked again first, then the one that was on show."""
    with _study() as study:
        first = study.start(Options(questions=("h-005", "h-003"), form=Form.TYPED, count=2, seed=1))
        order = [first.current.question.id]
        study.finish(first)
        second = "h-003" if order[0] == "h-005" else "h-005"
        right = {"h-005": "Port Elin", "h-003": "three-week"}
        lines = f"{right[order[0]]}\n:u\n{right[order[0]]}\n{right[second]}\n"
        summary, out = _play(study, lines, ("h-005", "h-003"))
        assert _rows(order[0])["cards"] and len(_rows(order[0])["attempts"]) == 1
        assert len(_rows(order[0])["undone_attempts"]) == 1
    assert "Answer undone" in out
    assert summary.correct == 2 and summary.asked == 2


def test_u_never_goes_back_past_the_start_of_the_session():
    with _study() as study:
        _play(study, "Port Elin\n", ("h-005",))
        kept = _rows("h-005")
        _, out = _play(study, ":u\n:q\n", ("h-005",))
        assert _rows("h-005") == kept
    assert "Nothing to undo: none in this session yet." in out


def test_u_undoes_a_flashcard_grade_from_the_next_prompt():
    with _study() as study:
        summary, out = _play(study, "\n3\n:u\n\n1\n", ("h-005", "h-003"), form=Form.FLASHCARD)
        graded = [a.rating for a in summary.answers]
        history = study.store.history("ana", study.now())
    assert "Answer undone" in out
    assert graded == [Rating.Again]  # the Good was taken back, then graded Again; the second was not reached
    assert len(history.cards) == 1


def test_r_is_refused_where_there_is_no_typed_miss_and_in_a_drill_nothing_is_undone():
    with _study() as study:
        _, out = _play(study, ":r\nPort Elin\n", ("h-005",))
        assert ":r counts a typed answer judged wrong as right" in out
        assert NEXT_OR_RIGHT not in out  # a right answer goes straight on
        summary, drill = _play(study, "wrong\n:u\n:r\n:q\n", ("h-005", "h-003"), mode=Mode.DRILL)
    assert "Nothing to undo: a classroom drill keeps every answer." in drill
    assert NEXT_OR_RIGHT not in drill and len(summary.answers) == 1


def test_a_line_typed_at_the_next_or_right_prompt_answers_the_next_question():
    """A script that pipes one answer a line reads exactly as before :r existed."""
    with _study() as study:
        summary, out = _play(study, "Elinburg\nPort Elin\n", ("h-005",))
    assert NEXT_OR_RIGHT in out
    assert [a.verdict.given for a in summary.answers] == ["Elinburg", "Port Elin"]  # the again round


def test_the_deck_line_leaves_out_a_deck_name_that_is_the_answer(quiz, monkeypatch, tmp_path):
    deck = tmp_path / "quist.toml"
    harbour = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    deck.write_text(harbour.replace('id = "harbour"', 'id = "ada-quist-harbour"', 1), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("t\n" * 60))  # "t" answers a true/false question too
    seeds = str(DATA / "seeds")
    result = quiz(
        "play", "--plain", "--bank", str(deck), "--seeds", seeds, "--form", "typed", "-n", "99", "--seed", "3"
    )
    lines = result.out.splitlines()
    asked = {line: lines[n - 1] for n, line in enumerate(lines) if line.endswith("?")}
    assert asked["Who is the mayor quoted on the harbour repairs?"].endswith("Deck: …-harbour.")
    assert asked["Which town's harbour reopened?"].endswith("Deck: ada-quist-harbour.")
