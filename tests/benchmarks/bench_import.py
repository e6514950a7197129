"""Import speed: 50,000 questions from GIFT and from CSV in at most 10 s each, then loading what was written.

Not collected by the default run. Run it with:

    .venv/bin/python -m pytest -o addopts="" tests/benchmarks/bench_import.py

Each figure is reported against a baseline measured in the same run on the same data, so a slow
machine shows as slow baselines, not as a slow importer: for CSV the baseline is plain
`csv.reader` over the file, for GIFT reading the file and splitting it at blank lines, and for
loading the decks `tomli.loads` of the written files. A 50,000-question import is written as ten
deck files of 5,000 (the loader refuses files over 8 MB).
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli

from quiz.cli import main
from quiz.core.bank import read_bank
from quiz.data import locations
from quiz.data.library import library_questions

N = 50_000
LIMIT_SECONDS = 10.0
REPORT: list[str] = []


def gift_text() -> str:
    """Every GIFT question type, with titles, comments, escapes, feedback and missing-word blanks."""
    out = []
    for i in range(N):
        match i % 5:
            case 0:
                out.append(
                    f"// [tag:bench]\n::q{i}::Which city is number {i}, with \\{{braces\\}} and a \\: colon? {{\n"
                    f"=City {i}#Right.\n~Town {i}\n~Village {i}\n~Hamlet {i}\n####Because {i} is {i}.\n}}"
                )
            case 1:
                out.append(f"::q{i}::Who wrote book {i}? {{=Author {i} =A. {i}}}")
            case 2:
                out.append(f"::q{i}::Statement {i} is true.{{{'T' if i % 2 else 'FALSE'}}}")
            case 3:
                out.append(f"::q{i}::How many are there in set {i}? {{#{i}:{i % 7}}}")
            case _:
                out.append(f"The capital of land {i} is {{=Capital {i} ~Other {i} ~Third {i}}} today.")
    return "\n\n".join(out) + "\n"


def csv_text() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["question", "answer", "distractor1", "distractor2", "distractor3", "explanation", "tags"])
    for i in range(N):
        prompt = f'Which city is number {i}, "quoted", é?'
        writer.writerow([prompt, f"City {i}", f"Town {i}", f"Village {i}", f"Hamlet {i}", f"Because {i}.", "bench"])
    return buffer.getvalue()


def gift_baseline(path: Path) -> int:
    return len(re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")))


def csv_baseline(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f))


def timed(run: Callable[[], object], repeat: int = 1) -> tuple[object, float]:
    """The result and the best wall-clock time of `repeat` runs."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return result, best


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    (folder / "bench.gift").write_text(gift_text(), encoding="utf-8")
    (folder / "bench.csv").write_text(csv_text(), encoding="utf-8")
    return {"gift": folder / "bench.gift", "csv": folder / "bench.csv"}


@pytest.fixture(scope="module", autouse=True)
def report(request: pytest.FixtureRequest):
    """The figures, printed after the tests even without -s."""
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n\nImport of {N:,} questions (baselines: best of 3; imports: one run):")
        print("\n".join(REPORT))


@pytest.mark.parametrize("fmt", ["gift", "csv"])
def test_import_50000_questions_within_10_seconds(sources, fmt, capsys):
    path = sources[fmt]
    _, baseline = timed(lambda: (gift_baseline if fmt == "gift" else csv_baseline)(path), repeat=3)
    code, seconds = timed(lambda: main(["import", str(path), "--deck", f"bench-{fmt}"]))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"Imported {N:,} questions".replace(",", "") in captured.out.replace(",", "")

    folder = library_questions(locations.data_dir())
    files = sorted(folder.glob("*.toml"))
    (bank, problems), load = timed(lambda: read_bank(folder))
    _, toml = timed(lambda: [tomli.loads(f.read_text(encoding="utf-8")) for f in files], repeat=3)
    assert problems == [] and len(bank.questions) == N
    size = sum(f.stat().st_size for f in files) / 1_048_576

    what = "csv.reader over the file" if fmt == "csv" else "reading and splitting the file"
    REPORT.append(
        f"  {fmt.upper():4} import {seconds:.2f} s (limit {LIMIT_SECONDS:.0f} s; {N / seconds:,.0f} questions/s) = "
        f"{seconds / baseline:.0f}x {what} ({baseline:.3f} s), {seconds / toml:.1f}x tomli.loads of the decks "
        f"written ({toml:.2f} s)\n"
        f"       read_bank {load:.2f} s = {load / toml:.1f}x tomli.loads; {len(files)} files, {size:.1f} MB"
    )
    assert seconds <= LIMIT_SECONDS


def test_the_imported_50000_questions_open_within_the_start_up_budget(sources, tmp_path):
    """Issue 7: the imported bank opens within the TUI's start-up budget (2x a one-widget app at 50,000)."""
    from tests.benchmarks.bench_tui import MINIMAL, QUIZ, walls

    data = tmp_path / "data"
    assert main(["import", str(sources["gift"]), "--deck", "bench-gift", "--data-dir", str(data)]) == 0
    minimal, quiz = walls(["-c", MINIMAL], ["-c", QUIZ, "--data-dir", str(data)], folder=tmp_path)
    ratio = quiz / minimal
    REPORT.append(
        f"  TUI start-up with the built-in bank plus the {N:,} imported GIFT questions: {quiz * 1000:.0f} ms "
        f"= {ratio:.2f}x a one-widget Textual app ({minimal * 1000:.0f} ms; budget 2x)"
    )
    assert ratio <= 2.0
