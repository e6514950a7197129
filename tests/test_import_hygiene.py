"""The pure packages stay pure: importing all of one loads no UI (and, but for quiz.data, no sqlite3)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for mod in pkgutil.walk_packages(package.__path__, sys.argv[1] + "."):
    importlib.import_module(mod.name)
print(",".join(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""
UI = ["textual", "rich"]
DATABASE = ["sqlite3", "_sqlite3"]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("quiz.core", UI + DATABASE),
        ("quiz.derive", UI + DATABASE),
        ("quiz.formats", UI + DATABASE),
        ("quiz.data", UI),
    ],
)
def test_package_imports_nothing_it_must_not(package, forbidden):
    out = subprocess.run([sys.executable, "-c", PROBE, package, *forbidden], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_probe_would_notice_a_forbidden_import():
    out = subprocess.run([sys.executable, "-c", PROBE, "quiz.ui", *UI], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "rich,textual"
