"""A non-editable install carries the built-in bank and articles and finds them from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory):
    """Build the wheel offline and unpack it, as `pip install .` would lay it out."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("quiz-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def run_installed(site, cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("QUIZ_BANK", None)
    return subprocess.run([sys.executable, "-m", "quiz", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_contains_bank_and_articles(installed):
    bank = installed / "quiz" / "_bank"
    assert len(list((bank / "questions").glob("*.toml"))) >= 1
    assert (bank / "questions" / "README.md").is_file()
    seeds = sorted(p.name for p in (bank / "seeds").glob("*.txt"))
    assert seeds == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for name in seeds:
        assert (bank / "seeds" / name).read_bytes() == (ROOT / "seeds" / name).read_bytes()


def test_installed_check_runs_from_another_directory(installed, tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", "import quiz; print(quiz.__file__)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(installed))
    result = run_installed(installed, tmp_path, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all grounded" in result.stdout
