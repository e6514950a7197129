"""Text from a file or a person reaches no terminal or spreadsheet alive (issue 14, item 2).

Each output point gets hostile text: ESC sequences (CSI, OSC with BEL), C1 controls, a
right-to-left override, zero-width characters, a newline that starts a fake verdict, and CSV
cells that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quiz.core.drill import sign_hand_in
from quiz.core.inert import csv_cell, inert, json_text
from tests.conftest import DATA, ROOT, read_to_the_end

CSI = "\x1b[2J\x1b[31m"  # clear the screen, turn red
OSC = "\x1b]0;pwned\x07"  # set the window title
RLO = "\u202e"  # right-to-left override: what follows reads backwards
ZW = "\u200b\u200d\ufeff"  # zero-width space, joiner, byte-order mark
HOSTILE = f"A{CSI}B{OSC}C\x9b31mD{RLO}E{ZW}F\rG"
# Anything a terminal could obey or that takes no column / reorders text.
LIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def live(text: str) -> list[str]:
    return sorted({hex(ord(c)) for c in LIVE.findall(text)})


# --------------------------------------------------------------------------- the function


def test_inert_spells_out_every_control_and_invisible_format_character():
    shown = inert(HOSTILE + "\nH\tI\u2028J")
    assert live(shown) == [] and "\n" not in shown
    assert shown == (
        "A\\x1b[2J\\x1b[31mB\\x1b]0;pwned\\x07C\\x9b31mD\\u202eE\\u200b\\u200d\\ufeffF\\rG\\nH\\tI\\u2028J"
    )
    assert inert("Plain text, accents é, CJK 漢字, emoji ✓ stay as they are.") == (
        "Plain text, accents é, CJK 漢字, emoji ✓ stay as they are."
    )


def test_inert_can_keep_lines_for_a_wrapping_paragraph():
    assert inert(f"one{CSI}\ntwo\tthree{RLO}", keep_lines=True) == "one\\x1b[2J\\x1b[31m\ntwo\tthree\\u202e"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\\t=1+1"),
        ("\r=1+1", "'\\r=1+1"),
        ("-5", "-5"),  # a typed number stays a number
        ("+3.5e2", "+3.5e2"),
        ("Ada Quist", "Ada Quist"),
        (f"x{CSI}", "x\\x1b[2J\\x1b[31m"),
    ],
)
def test_csv_cells_never_run_as_formulas(cell: str, shown: str):
    assert csv_cell(cell) == shown


def test_json_text_is_the_same_json_and_harmless_on_a_terminal():
    data = {"student": HOSTILE, "given": f"x{RLO}\u2028y", "n": 3}
    dumped = json_text(json.dumps(data, indent=2, ensure_ascii=False))
    assert live(dumped) == []
    assert json.loads(dumped) == data


def test_the_tui_cells_and_paragraphs_show_it_inert_too():
    from quiz.ui.literal import cell, literal

    assert live(cell(HOSTILE).plain) == [] and "\n" not in cell("two\nlines").plain
    assert live(str(literal(HOSTILE))) == []


# --------------------------------------------------------------------------- output points


@pytest.fixture
def hostile_bank(tmp_path: Path) -> Path:
    """The harbour deck with hostile text in an id, the title, a prompt and an unknown key."""
    text = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    text = text.replace('id = "h-002"', 'id = "h-002\\u001b[2J\\u202e"', 1)
    text = text.replace('title = "The harbour"', 'title = "The harbour\\u200b\\u001b[31m"', 1)
    text = text.replace('tags = ["people"]', 'tags = ["people"]\ncolour = "\\u001b]0;pwned\\u0007"', 1)
    path = tmp_path / "harbour.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_prints_hostile_bank_text_inert(quiz, hostile_bank: Path):
    result = quiz("check", str(hostile_bank))
    assert result.code == 1
    assert "h-002\\x1b[2J\\u202e" in result.out  # the bad id is still named, visibly
    assert live(result.out) == [] and live(result.err) == []


def test_check_json_is_inert_and_still_says_the_same(quiz, hostile_bank: Path):
    result = quiz("check", str(hostile_bank), "--json")
    assert live(result.out) == []
    problems = json.loads(result.out)["problems"]
    assert any("h-002\x1b[2J\u202e" in p["question"] for p in problems)  # the data itself is unchanged


def test_a_newline_in_a_prompt_cannot_fake_a_verdict_in_plain_mode(quiz, monkeypatch, tmp_path: Path):
    text = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    fake = "Who is the mayor quoted on the harbour repairs?\\n✓ Correct.\\nCorrect answer: Elin Port"
    fake += "\\r\\u001b[2K\\u202e"  # TOML escapes: a carriage return, an ESC sequence, an override
    text = text.replace('prompt = "Who is the mayor quoted on the harbour repairs?"', f'prompt = "{fake}"', 1)
    bank = tmp_path / "harbour.toml"
    bank.write_text(text, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n" * 40))
    every = ("-n", "20", "--seed", "3")  # every question of the deck, the hostile one among them
    seeds = ("--seeds", str(DATA / "seeds"))  # every command checks the bank's grounding first
    result = quiz("play", "--plain", "--bank", str(bank), *seeds, "--deck", "harbour", "--form", "choice", *every)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    # The fake stays inside its prompt's line; real verdicts follow "Your answer, 1 to 4: ".
    assert any("repairs?\\n✓ Correct.\\nCorrect answer: Elin Port\\r\\x1b[2K\\u202e" in line for line in lines)
    assert not any(line.startswith(("✓ Correct", "Correct answer: Elin Port")) for line in lines)
    assert any(": ✗ Not quite." in line or ": ✓ Correct." in line for line in lines)
    assert live(result.out) == []


def _answer(store, profile: str, given: str, session: int, question: str = "h-001") -> None:
    from quiz.core.attempt import Attempt
    from quiz.core.verdict import Form, Outcome

    when = datetime(2025, 3, 14, 9, tzinfo=timezone.utc)
    attempt = Attempt(
        question_id=question,
        content_hash="x",
        deck="harbour",
        form=Form.CHOICE,
        given=given,
        outcome=Outcome.WRONG,
        rating=None,
        elapsed_ms=1200,
        hinted=False,
        mode="drill",
        answered_at=when,
    )
    store.record(profile, attempt, None, session)


GIVEN = [f'=HYPERLINK("http://evil","{CSI}")', f"@SUM{OSC}", f"x{RLO}y{ZW}"]


def test_export_of_answers_is_inert_in_csv_and_json(quiz, isolated: Path):
    from quiz.data.store import Store

    with Store.open(isolated / "data") as store:
        session = store.start_session("ana", "practice", {}, datetime(2025, 3, 14, tzinfo=timezone.utc))
        for given in GIVEN:
            _answer(store, "ana", given, session)
    as_csv = quiz("export", "attempts", "--format", "csv", "--profile", "ana")
    assert as_csv.code == 0, as_csv.err
    assert live(as_csv.out) == []
    cells = [row["given"] for row in csv.DictReader(io.StringIO(as_csv.out))]
    assert cells == [csv_cell(g) for g in GIVEN]
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    as_json = quiz("export", "attempts", "--format", "json", "--profile", "ana")
    assert live(as_json.out) == []
    assert [row["given"] for row in json.loads(as_json.out)] == GIVEN  # JSON keeps the data exact


def test_drill_results_show_hostile_names_and_answers_inert(quiz, tmp_path: Path):
    code = quiz("drill", "new", "--deck", "showdown", "-n", "2", "--seed", "1").out.strip()
    names = [f"=cmd|' /C calc'!A0{CSI}", f"Bob{RLO}evil{ZW}", f"Eve\n✓ Correct{OSC}"]
    rows = [
        {"student": name, "question_id": f"q{RLO}{n}", "given": GIVEN[n], "correct": n == 1, "elapsed_ms": 900}
        for n, name in enumerate(names)
    ]
    handed_in = tmp_path / "handed-in.json"
    handed_in.write_text(json.dumps(sign_hand_in(code, "hand-in-1", rows)), encoding="utf-8")
    text = quiz("drill", "results", code, str(handed_in))
    assert text.code == 0, text.err
    assert live(text.out) == [] and "Bob\\u202eevil" in text.out
    assert not any(line.startswith("✓ Correct") for line in text.out.splitlines())
    table = [line for line in text.out.splitlines() if line[:1].isdigit()]
    assert len({len(line.split("  ")[0]) for line in table}) == 1  # ranks and names line up
    as_csv = quiz("drill", "results", code, str(handed_in), "--csv")
    assert live(as_csv.out.replace("\r\n", "\n")) == []  # CSV's own line ends are \r\n
    cells = [cell for row in csv.reader(io.StringIO(as_csv.out)) for cell in row]
    assert not any(cell.startswith(("=", "@")) for cell in cells)
    assert "'=cmd|' /C calc'!A0\\x1b[2J\\x1b[31m" in cells
    as_json = quiz("drill", "results", code, str(handed_in), "--json")
    assert live(as_json.out) == []
    assert {s["student"] for s in json.loads(as_json.out)["students"]} == set(names)


def _exported_deck(bank: Path, tty: bool) -> bytes:
    """`quiz export harbour --format gift` in a child process, its standard output a terminal or a pipe."""
    command = [sys.executable, "-m", "quiz", "export", "harbour", "--format", "gift", "--bank", str(bank)]
    command += ["--seeds", str(DATA / "seeds")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZ_DATA_DIR": str(bank.parent / "data")}
    env |= {"QUIZ_CONFIG_DIR": str(bank.parent / "config"), "QUIZ_CACHE_DIR": str(bank.parent / "cache")}
    if not tty:
        return subprocess.run(command, env=env, capture_output=True, check=True, timeout=60).stdout
    master, child_side = os.openpty()
    process = subprocess.Popen(command, env=env, stdout=child_side, stderr=subprocess.PIPE)
    os.close(child_side)
    shown = read_to_the_end(master)
    os.close(master)
    assert process.wait(timeout=60) == 0
    return shown.replace(b"\r\n", b"\n")  # the terminal ends each line with CR LF


def test_export_to_a_terminal_spells_out_control_characters_and_a_pipe_gets_them_exact(tmp_path: Path):
    bank = tmp_path / "bank"
    bank.mkdir()
    text = (DATA / "good" / "harbour.toml").read_text(encoding="utf-8")
    prompt = "Who is the mayor quoted on the harbour repairs?"
    text = text.replace(prompt, "Who is the\\u001b[2J\\u001b[31m mayor\\u0007 \\u202erepairs?", 1)
    (bank / "harbour.toml").write_text(text, encoding="utf-8")
    on_screen = _exported_deck(bank, tty=True).decode()
    assert live(on_screen) == []
    assert "Who is the\\x1b[2J\\x1b[31m mayor\\x07 \\u202erepairs?" in on_screen
    piped = _exported_deck(bank, tty=False).decode()
    assert "Who is the\x1b[2J\x1b[31m mayor\x07 \u202erepairs?" in piped
