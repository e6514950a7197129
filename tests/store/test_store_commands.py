"""`quiz stats`, `due`, `profiles`, `export` and `doctor` through the real command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.cli.store_commands import report, shown
from quiz.data import backup
from quiz.data.store import APPLICATION_ID, Store, known_version

from .conftest import DATA, NOW, answer, card

BANK = ("--bank", str(DATA / "good"), "--seeds", str(DATA / "seeds"))


def _recent(db_path: Path, profile: str = "ana") -> datetime:
    """A few answers from the last hours (the CLI uses the real clock); returns the clock used."""
    now = datetime.now(timezone.utc).astimezone()
    with Store.open(db_path, now=now) as store:
        for i, (question, correct) in enumerate([("h-001", False), ("h-001", True), ("h-002", False), ("h-003", True)]):
            when = now - timedelta(seconds=4 - i)
            store.record(profile, answer(question, when, correct=correct), card(question, when), None)
    return now


def test_stats_json_reports_the_last_used_profile(quiz, db_path: Path):
    _recent(db_path, "ana")
    run = quiz("stats", "--json", *BANK)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert (data["profile"], data["attempts"], data["correct"], data["accuracy"]) == ("ana", 4, 2, 0.5)
    assert data["streak"] == 1 and data["answered_today"] is True
    assert data["weakest"][0]["id"] == "h-001"
    assert len(data["days"]) == 30 and data["days"][-1]["attempts"] == 4


def test_stats_text_is_a_readable_report(quiz, db_path: Path):
    _recent(db_path)
    run = quiz("stats", *BANK)
    assert run.code == 0, run.err
    for expected in ("Progress of 'ana'", "Answers    4 (2 correct, 50%)", "Streak     1 day, including today"):
        assert expected in run.out
    assert "By tag" in run.out and "Weakest questions" in run.out


def test_stats_before_any_answer_says_how_to_start(quiz):
    run = quiz("stats", *BANK)
    assert run.code == 0
    assert "No answers yet" in run.out and "'default'" in run.out


def test_stats_for_an_unknown_profile_is_an_error(quiz, db_path: Path):
    _recent(db_path)
    run = quiz("stats", "--profile", "zed", *BANK)
    assert run.code == 1
    assert run.err == "quiz: There is no profile named 'zed' (profiles: ana).\n"


def test_due_lists_each_deck_for_today_and_the_next_days(quiz, db_path: Path):
    _recent(db_path)
    run = quiz("due", "--json", *BANK)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["due_today"] == 3  # each card fell due the moment it was answered
    assert len(data["days"]) == 7 and data["day_start"] == 4
    assert [d["deck"] for d in data["decks"]] == ["harbour"]
    text = quiz("due", *BANK).out
    assert "harbour" in text and "all decks" in text and "today" in text


@pytest.mark.parametrize("command", ["stats", "due"])
def test_stats_and_due_read_the_bank_from_the_parsed_bank_cache(quiz, db_path: Path, monkeypatch, command: str):
    """The first run parses and caches the bank; the next one neither parses the TOML nor builds a question."""
    _recent(db_path)
    first = quiz(command, "--json", *BANK)
    assert first.code == 0, first.err
    monkeypatch.setattr("quiz.data.library.read_bank", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    # Not even the cached questions are built: the figures read the bank's small index.
    monkeypatch.setattr("quiz.data.bank_cache._decks", lambda *a: (_ for _ in ()).throw(AssertionError("built")))
    again = quiz(command, "--json", *BANK)
    assert again.code == 0, again.err
    # The same figures; only the clock moved between the two runs.
    figures = [{k: v for k, v in json.loads(run.out).items() if k != "as_of"} for run in (first, again)]
    assert figures[0] == figures[1]


def test_profiles_list_add_remove(quiz, db_path: Path):
    """Add, list (with the last used marked), remove with a summary of what went."""
    _recent(db_path, "ana")
    assert quiz("profiles", "add", "zoe").out == "Added profile 'zoe'; use it with --profile 'zoe'.\n"
    listing = quiz("profiles")
    assert listing.out.splitlines() == ["ana  4 answers  (last used)", "zoe  0 answers"]
    data = json.loads(quiz("profiles", "list", "--json").out)
    assert data == [
        {"name": "ana", "attempts": 4, "last_used": True},
        {"name": "zoe", "attempts": 0, "last_used": False},
    ]
    removed = quiz("profiles", "remove", "ana")
    assert removed.code == 0
    assert removed.out == "Removed profile 'ana': 4 answers, 0 sessions, 3 scheduled cards.\n"
    assert quiz("profiles", "list").out == "zoe  0 answers\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("remove", "zed"), "quiz: There is no profile named 'zed' (profiles: ana).\n"),
        (("add", "ana"), "quiz: A profile named 'ana' already exists.\n"),
        (("add", "a\x1bb"), "cannot be a profile name"),
    ],
    ids=["remove missing", "add existing", "add bad name"],
)
def test_profile_mistakes_are_explained(quiz, db_path: Path, args: tuple[str, ...], message: str):
    _recent(db_path, "ana")
    run = quiz("profiles", *args)
    assert run.code == 1
    assert message in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("form", ["csv", "json"])
def test_export_writes_every_attempt(quiz, db_path: Path, tmp_path: Path, form: str):
    """To standard output by default, or to --out FILE; same rows either way."""
    _recent(db_path)
    run = quiz("export", "attempts", "--format", form)
    assert run.code == 0, run.err
    rows = list(csv.DictReader(io.StringIO(run.out))) if form == "csv" else json.loads(run.out)
    assert [r["question_id"] for r in rows] == ["h-001", "h-001", "h-002", "h-003"]
    assert rows[0]["profile"] == "ana" and rows[0]["outcome"] == "wrong"
    target = tmp_path / f"out.{form}"
    saved = quiz("export", "attempts", "--format", form, "--out", str(target))
    assert saved.code == 0 and "Exported 4 answers" in saved.err
    assert target.read_text(encoding="utf-8") == run.out


def test_export_of_nothing_is_valid_output(quiz):
    assert json.loads(quiz("export", "attempts", "--format", "json").out) == []
    assert quiz("export", "attempts").out.startswith("profile,id,")


def test_export_to_an_unwritable_place_is_explained(quiz, tmp_path: Path):
    run = quiz("export", "attempts", "--out", str(tmp_path / "no" / "such" / "folder" / "x.csv"))
    assert run.code == 1 and run.err.startswith("quiz: cannot write")


def test_doctor_on_a_healthy_database(quiz, db_path: Path):
    _recent(db_path)
    Store.open(db_path).close()  # writes today's backup
    run = quiz("doctor")
    assert run.code == 0, run.out
    assert "✓ integrity check: ok" in run.out and f"✓ schema version {known_version()}" in run.out
    assert "✓ quiz-" in run.out


def test_doctor_before_any_database(quiz, db_path: Path):
    run = quiz("doctor")
    assert run.code == 0 and "not created yet" in run.out
    assert not db_path.exists()


def test_doctor_restores_the_latest_good_backup_and_keeps_the_damaged_file(quiz, db_path: Path):
    """Check (exit 1, advice, nothing changed), then --restore: damaged file renamed aside, data back."""
    _recent(db_path)
    Store.open(db_path).close()
    damaged = b"\x00garbage" * 512
    db_path.write_bytes(damaged)
    check = quiz("doctor")
    assert check.code == 1
    assert "is damaged" in check.out and "quiz doctor --restore" in check.out
    assert db_path.read_bytes() == damaged
    fixed = quiz("doctor", "--restore")
    assert fixed.code == 0, fixed.out + fixed.err
    kept = [p for p in db_path.parent.iterdir() if p.name.startswith("quiz.db.damaged-")]
    assert [p.read_bytes() for p in kept] == [damaged]
    assert json.loads(quiz("stats", "--json", *BANK).out)["attempts"] == 4


def test_doctor_restore_without_a_backup_changes_nothing(quiz, db_path: Path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"nonsense" * 100)
    run = quiz("doctor", "--restore")
    assert run.code == 1 and "no usable backup" in run.err
    assert db_path.read_bytes() == b"nonsense" * 100


def test_doctor_restore_leaves_a_healthy_database_alone(quiz, db_path: Path):
    _recent(db_path)
    run = quiz("doctor", "--restore")
    assert run.code == 0 and "Nothing to restore" in run.out


def test_question_text_is_shown_literally():
    """Escape codes in a prompt are printed as visible text, never sent to the terminal."""
    assert shown("red \x1b[31mtext\x07") == "red \\x1b[31mtext\\x07"


def test_report_prints_prompts_literally(store: Store, bank):
    from dataclasses import replace

    from quiz.core.model import Bank

    tricky = replace(bank.questions[0], prompt="Who \x1b[2Jcleared the screen?")
    custom = Bank((replace(bank.decks[0], questions=(tricky,)),), {})
    for correct in (True, False):
        store.record("ana", answer(tricky.id, NOW, correct=correct), None, None)
    text = report(store.stats("ana", custom, NOW))
    assert "\x1b" not in text and "Who \\x1b[2Jcleared the screen?" in text


# --------------------------------------------------------------------------- doctor --backup


def test_doctor_backup_copies_every_answer_even_while_quiz_is_open(quiz, db_path: Path, tmp_path: Path):
    """The answers still in quiz.db-wal go into the copy, which is one plain file that checks ok."""
    with Store.open(db_path) as running:  # another quiz is studying: nothing checkpointed yet
        for i in range(3):
            running.record("ana", answer(f"h-00{i + 1}", NOW), None, None)
        target = tmp_path / "usb" / "scores.db"
        target.parent.mkdir()
        run = quiz("doctor", "--backup", str(target))
        assert run.code == 0, run.err
        assert run.out.startswith(f"Backed up 3 answers of 1 profile to {target}.")
    assert sorted(p.name for p in target.parent.iterdir()) == ["scores.db"]  # no -wal, no temporary file
    assert target.read_bytes()[18:20] == b"\x01\x01"  # a rollback-journal file: needs no -wal beside it
    assert backup.diagnose(target, full=True, max_version=known_version(), application_id=APPLICATION_ID).ok
    with Store.open(target, backups=False) as copy:
        assert [row["question_id"] for row in copy.attempts("ana")] == ["h-001", "h-002", "h-003"]


def test_doctor_backup_names_the_file_by_date_in_the_current_folder(quiz, db_path: Path, tmp_path, monkeypatch):
    _recent(db_path)
    monkeypatch.chdir(tmp_path)
    assert quiz("doctor", "--backup").code == 0
    (made,) = tmp_path.glob("quiz-backup-*.db")
    folder = tmp_path / "into"
    folder.mkdir()
    assert quiz("doctor", "--backup", str(folder)).code == 0  # a folder: the same kind of name, in it
    assert [p.name.startswith("quiz-backup-") for p in folder.iterdir()] == [True]
    assert made.stat().st_size > 0


def test_doctor_backup_never_overwrites(quiz, db_path: Path, tmp_path: Path):
    _recent(db_path)
    target = tmp_path / "precious.db"
    target.write_bytes(b"something else")
    run = quiz("doctor", "--backup", str(target))
    assert run.code == 1 and "already exists" in run.err
    assert target.read_bytes() == b"something else"


@pytest.mark.parametrize("state", ["missing", "damaged"])
def test_doctor_backup_refuses_what_it_cannot_copy_whole(quiz, db_path: Path, tmp_path: Path, state: str):
    if state == "damaged":
        db_path.parent.mkdir(parents=True)
        db_path.write_bytes(b"\x00garbage" * 512)
    run = quiz("doctor", "--backup", str(tmp_path / "copy.db"))
    assert run.code == 1 and run.err.startswith("quiz: ") and "Traceback" not in run.err
    assert not (tmp_path / "copy.db").exists()


def test_doctor_backup_and_restore_do_not_mix(quiz, db_path: Path):
    _recent(db_path)
    run = quiz("doctor", "--backup", "--restore")
    assert run.code == 2 and "one of --backup and --restore" in run.err


def test_doctor_never_tells_you_to_run_doctor(quiz, db_path: Path):
    """A damaged database: doctor says to restore when there is a good backup, else what else to do."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x00garbage" * 512)
    alone = quiz("doctor")
    assert alone.code == 1 and "is damaged" in alone.out
    assert "Run `quiz doctor`" not in alone.out and "--restore" not in alone.out
    assert "No good backup to restore" in alone.out and "Move quiz.db out of" in alone.out
    backups = db_path.parent / "backups"
    backups.mkdir()
    _recent(backups / "quiz-2025-03-13.db")
    for leftover in backups.glob("quiz-2025-03-13.db-*"):
        leftover.unlink()
    helped = quiz("doctor")
    assert "Run `quiz doctor --restore` to put back quiz-2025-03-13.db" in helped.out
    assert "Run `quiz doctor` " not in helped.out
