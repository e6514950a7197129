"""Shared fixtures: the repo's paths, an isolated environment, and running the CLI in-process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI gets the same examples on every run, so that a submission lands or fails on its own merits;
# a developer's run explores new ones each time (and keeps what failed in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def read_to_the_end(master: int) -> bytes:
    """Everything a child process writes to its end of a pseudo-terminal, until it closes it."""
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config folders, and no bank override from the caller."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUIZ_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("QUIZ_BANK", raising=False)
    monkeypatch.delenv("QUIZ_SEEDS", raising=False)
    return home


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def quiz(capsys: pytest.CaptureFixture[str]):
    """Run `quiz ARGS...` in-process; returns exit code and output."""

    from quiz.cli import main

    def run(*args: str) -> Run:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
