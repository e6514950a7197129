"""`quiz` reads config.toml once on its way to the app, and again only when the file changed meanwhile."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from quiz.cli import build_parser
from quiz.cli.study_commands import open_or_report, tui_app
from quiz.data import config as settings


def counted_reads(monkeypatch) -> list[object]:
    reads: list[object] = []
    load = settings.load
    monkeypatch.setattr(settings, "load", lambda folder: reads.append(folder) or load(folder))
    return reads


def built(study):
    """tui_app's app, with the collector as it was (tui_app pauses it until home is drawn)."""
    try:
        return tui_app(study)
    finally:
        gc.enable()
        gc.unfreeze()


def config_toml(text: str):
    folder = settings.config_file(Path(os.environ["QUIZ_CONFIG_DIR"]))
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text(text, encoding="utf-8")
    return folder


def test_quiz_reads_config_toml_once(monkeypatch):
    config_toml("count = 7\n")
    reads = counted_reads(monkeypatch)
    with open_or_report(build_parser([]).parse_args([])) as study:
        app = built(study)
    assert len(reads) == 1
    assert app.config.count == 7


def test_a_config_toml_changed_since_is_read_again(monkeypatch):
    path = config_toml("count = 7\n")
    reads = counted_reads(monkeypatch)
    with open_or_report(build_parser([]).parse_args([])) as study:
        path.write_text("count = 12\n", encoding="utf-8")
        app = built(study)
    assert len(reads) == 2
    assert app.config.count == 12
