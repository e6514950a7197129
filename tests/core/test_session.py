"""The session state machine: modes, forms, hints, retries, time limits, summaries."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from quiz.core.bank import load_bank
from quiz.core.model import Kind
from quiz.core.schedule import Rating, Schedule
from quiz.core.selection import History, Mode, Options, form_for, select
from quiz.core.session import Phase, Session, SessionError
from quiz.core.verdict import Form, Outcome
from tests.conftest import DATA

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank():
    return load_bank(DATA / "good" / "harbour.toml")


def start(bank, history=None, **options):
    opts = Options(**{"count": 10, "seed": 7, **options})
    return Session.start(bank, opts, history or History(), NOW, schedule=Schedule(fuzzing=False))


def right_answer(session: Session) -> str:
    item = session.current
    assert item is not None
    return (
        "true"
        if item.form is Form.TRUEFALSE and item.question.answer is True
        else ("false" if item.form is Form.TRUEFALSE else item.question.answer_text)
    )


def test_practice_asks_every_question_once_when_all_right(bank):
    session = start(bank)
    seen = []
    while session.current is not None:
        seen.append(session.current.question.id)
        answer = session.submit(right_answer(session), NOW)
        assert answer.verdict.correct
        session.advance(NOW)
    assert sorted(seen) == sorted(q.id for q in bank.questions)
    summary = session.summary()
    assert (summary.correct, summary.asked, summary.accuracy) == (5, 5, 1.0)


def test_practice_brings_a_miss_back_once_at_the_end(bank):
    session = start(bank)
    first = session.current.question.id
    session.submit("certainly wrong", NOW)
    session.advance(NOW)
    order = [first]
    while session.current is not None:
        order.append(session.current.question.id)
        item = session.current
        session.submit("still wrong" if item.question.id == first else right_answer(session), NOW)
        session.advance(NOW)
    assert order.count(first) == 2 and order[-1] == first
    summary = session.summary()
    assert summary.asked == 5 and summary.correct == 4  # the retry is not scored twice


def test_exam_never_retries_and_lists_every_answer(bank):
    session = start(bank, mode=Mode.EXAM)
    while session.current is not None:
        session.submit("wrong", NOW)
        session.advance(NOW)
    summary = session.summary()
    assert len(summary.answers) == 5
    assert all(a.verdict.expected for a in summary.answers)
    assert not Mode.EXAM.feedback


def test_exam_time_limit_ends_the_session(bank):
    session = start(bank, mode=Mode.EXAM, time_limit=60)
    session.submit(right_answer(session), NOW + timedelta(seconds=10))
    session.advance(NOW + timedelta(seconds=61))
    assert session.phase is Phase.FINISHED
    summary = session.summary()
    assert len(summary.answers) == 1 and summary.unreached == 4


def test_leaving_early_reports_the_questions_not_reached_only_as_a_count(bank):
    """Their answers were never earned: nothing in the summary names them, so no front end can show them."""
    session = start(bank, mode=Mode.DRILL, count=5)
    for _ in range(2):
        session.submit(right_answer(session), NOW)
        session.advance(NOW)
    summary = session.end(NOW)
    assert summary.unreached == 3 and summary.asked == 5 and summary.correct == 2
    assert summary.answered == 2 and summary.accuracy == 1.0  # of what was answered: leaving is not a wrong answer
    unreached = session.questions[2:]
    assert all(q.id not in repr(summary) and q.prompt not in repr(summary) for q in unreached)


def test_practice_summary_keeps_the_again_round(bank):
    """A miss that is missed again when it comes back is in the summary, apart from the scored answers."""
    session = start(bank, count=2, form=Form.TYPED)
    first = session.current.question.id
    session.submit("first wrong", NOW)
    session.advance(NOW)
    session.submit(right_answer(session), NOW)
    session.advance(NOW)
    assert session.current.retry and session.current.question.id == first
    session.submit("wrong again", NOW)
    session.advance(NOW)
    summary = session.summary()
    assert [a.verdict.given for a in summary.again_answers] == ["wrong again"]
    assert [a.verdict.given for a in summary.first_answers][0] == "first wrong"
    assert summary.correct == 1 and summary.asked == 2


def test_a_drill_taken_up_again_counts_what_was_answered_before_apart(bank):
    session = start(bank, mode=Mode.DRILL, count=5)
    before = {session.questions[0].id: True, session.questions[1].id: False}
    assert session.pass_over(before, NOW) == 2
    session.submit(right_answer(session), NOW)
    session.advance(NOW)
    summary = session.end(NOW)
    assert (summary.earlier, summary.unreached, summary.asked, summary.correct) == (2, 2, 3, 1)
    assert summary.overall == (2, 5, "67%")  # the whole drill: 1 of 2 before, 1 of 1 now, 2 not reached


def test_drill_gives_everyone_the_same_questions_in_the_same_order(bank):
    someone = History(choice_known=frozenset(q.id for q in bank.questions), latest_correct={"h-001": False})
    a = Session.start(bank, Options(mode=Mode.DRILL, seed=42, count=3), History(), NOW, rng=random.Random(1))
    b = Session.start(bank, Options(mode=Mode.DRILL, seed=42, count=3), someone, NOW, rng=random.Random(99))
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    assert a.current.form == b.current.form
    assert a.current.options == b.current.options or a.current.form is not Form.CHOICE


def test_drill_question_time_limit_marks_a_late_answer_wrong(bank):
    session = start(bank, mode=Mode.DRILL, time_limit=5)
    answer = session.submit(right_answer(session), NOW + timedelta(seconds=6))
    assert answer.verdict.outcome is Outcome.WRONG and answer.verdict.note == "time's up"


def test_review_takes_due_cards_most_overdue_first_then_new_within_allowance(bank):
    schedule = Schedule(fuzzing=False)
    cards = {
        "h-001": schedule.new_card("h-001", NOW - timedelta(days=1)),
        "h-002": schedule.new_card("h-002", NOW - timedelta(days=5)),
        "h-003": schedule.new_card("h-003", NOW + timedelta(days=3)),
    }
    history = History(cards=cards, new_today=19)
    chosen = select(bank, Options(mode=Mode.REVIEW, count=10, new_per_day=20), history, NOW, random.Random(0))
    assert [q.id for q in chosen][:2] == ["h-002", "h-001"]
    assert len(chosen) == 3  # one new question left in today's allowance; h-003 is not due


def test_mistakes_mode_takes_latest_wrong_answers(bank):
    history = History(latest_correct={"h-001": False, "h-002": True, "h-004": False})
    chosen = select(bank, Options(mode=Mode.MISTAKES), history, NOW, random.Random(0))
    assert sorted(q.id for q in chosen) == ["h-001", "h-004"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (Options(decks=("harbour",)), 5),
        (Options(decks=("other",)), 0),
        (Options(tags=("chronology",)), 3),
        (Options(kinds=(Kind.NUMBER, Kind.GAP)), 2),
        (Options(difficulty=(2,)), 0),
        (Options(questions=("h-002",)), 1),
        (Options(articles=("harbour",)), 5),
    ],
)
def test_filters(bank, options, expected):
    assert len(select(bank, options, History(), NOW, random.Random(0))) == expected


def test_recognition_before_recall(bank):
    recall = bank.question("h-005")
    assert form_for(recall, Options(), History()) is Form.CHOICE
    assert form_for(recall, Options(), History(choice_known=frozenset({"h-005"}))) is Form.TYPED
    assert form_for(recall, Options(form=Form.TYPED), History()) is Form.TYPED
    assert form_for(bank.question("h-004"), Options(form=Form.TYPED), History()) is Form.TRUEFALSE


def test_hint_removes_two_wrong_options_and_lowers_the_rating(bank):
    session = start(bank, questions=("h-001",))
    hint = session.hint()
    assert len(hint.removed) == 2 and "Ada Quist" not in hint.removed
    answer = session.submit("Ada Quist", NOW)
    assert answer.verdict.correct and answer.rating is Rating.Hard and answer.attempt.hinted


def test_typed_hint_gives_the_first_letter(bank):
    session = start(bank, questions=("h-005",), form=Form.TYPED)
    assert "“P”" in session.hint().text


def test_skip_counts_as_again(bank):
    session = start(bank, questions=("h-005",))
    answer = session.skip(NOW)
    assert answer.verdict.outcome is Outcome.SKIPPED and answer.rating is Rating.Again


def test_flashcard_reveal_then_self_grade_with_intervals(bank):
    session = start(bank, questions=("h-005",), form=Form.FLASHCARD)
    with pytest.raises(SessionError):
        session.submit("Port Elin", NOW)
    session.reveal()
    intervals = session.intervals(NOW)
    assert intervals[Rating.Again] < intervals[Rating.Good] <= intervals[Rating.Easy]
    answer = session.rate(Rating.Good, NOW + timedelta(seconds=3))
    assert answer.verdict.correct and answer.card.due == NOW + timedelta(seconds=3) + intervals[Rating.Good]


def test_attempt_carries_what_the_store_needs(bank):
    session = start(bank, questions=("h-005",), form=Form.TYPED)
    answer = session.submit("Port Elin", NOW + timedelta(seconds=2))
    a = answer.attempt
    assert (a.question_id, a.deck, a.form, a.outcome, a.elapsed_ms, a.mode) == (
        "h-005",
        "harbour",
        Form.TYPED,
        Outcome.CORRECT,
        2000,
        "practice",
    )
    assert a.content_hash == bank.question("h-005").content_hash()


def test_calls_out_of_order_are_refused(bank):
    session = start(bank)
    with pytest.raises(SessionError):
        session.advance(NOW)
    session.submit("x", NOW)
    with pytest.raises(SessionError):
        session.submit("y", NOW)


def test_drill_timer_running_out_counts_as_wrong_with_a_reason(bank):
    session = start(bank, mode=Mode.DRILL, time_limit=5)
    answer = session.submit("", NOW + timedelta(seconds=5))
    assert answer.verdict.outcome is Outcome.WRONG and answer.verdict.note == "time's up"


def test_a_question_that_timed_out_took_the_limit_however_late_it_was_noticed(bank):
    session = start(bank, mode=Mode.DRILL, time_limit=4)
    answer = session.submit("", NOW + timedelta(seconds=4.117))
    assert answer.attempt.elapsed_ms == 4000 and answer.attempt.answered_at == NOW + timedelta(seconds=4)


def drill_options(bank, history=None, skip: int = -1) -> dict[str, tuple[str, ...]]:
    """Every question's options in one run of the same drill, skipping question `skip` (0-based)."""
    session = start(bank, history, mode=Mode.DRILL, count=5, seed=11, form=Form.CHOICE)
    seen = {}
    while session.current is not None:
        seen[session.current.question.id] = session.current.options
        n = len(seen) - 1
        session.skip(NOW) if n == skip else session.submit(right_answer(session), NOW)
        session.advance(NOW)
    return seen


def test_drill_options_depend_only_on_the_drill_and_the_question(bank):
    """A skip, a question suspended on one student's machine, or a run taken up again: same options."""
    everyone = drill_options(bank)
    assert len(everyone) == 5
    assert drill_options(bank, skip=0) == everyone
    first = next(q for q, options in everyone.items() if len(options) > 2)  # one that is shuffled
    suspended = drill_options(bank, History(suspended=frozenset({first})))
    assert first not in suspended and suspended == {k: v for k, v in everyone.items() if k != first}
    resumed = start(bank, mode=Mode.DRILL, count=5, seed=11, form=Form.CHOICE)
    resumed.pass_over(dict.fromkeys(list(everyone)[:2], True), NOW)
    assert resumed.current.options == everyone[list(everyone)[2]]


def test_no_hints_in_a_drill(bank):
    session = start(bank, mode=Mode.DRILL, count=5, form=Form.CHOICE)
    assert not session.can_hint
    with pytest.raises(SessionError):
        session.hint()
    assert start(bank, count=5, form=Form.CHOICE).can_hint


def test_typed_format_asks_multiple_choice_questions_typed_too(bank):
    """The format the learner picked holds for every question with a text answer; true/false stays itself."""
    session = start(bank, form=Form.TYPED, count=10)
    forms = {}
    while session.current is not None:
        item = session.current
        forms[item.question.kind] = (item.form, item.options)
        session.submit(right_answer(session), NOW)
        session.advance(NOW)
    assert forms[Kind.CHOICE] == (Form.TYPED, ())
    assert forms[Kind.TRUEFALSE][0] is Form.TRUEFALSE
    assert session.summary().correct == len(forms)  # the choice answer typed in full is right
