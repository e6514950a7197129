"""quiz.formats stays pure: importing all of it loads neither textual, rich nor sqlite3."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import quiz.formats
for mod in pkgutil.walk_packages(quiz.formats.__path__, "quiz.formats."):
    importlib.import_module(mod.name)
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"textual", "rich", "sqlite3", "_sqlite3"})
print(",".join(loaded))
"""


def test_formats_import_no_ui_or_database():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
