"""A config file nested too deeply or holding a number too long to read is one warning, not a traceback."""

from __future__ import annotations

import pytest

from quiz.data import config


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a = " * 500 + "1" + "}" * 500, "9" * 5000])
def test_an_unreadable_config_value_is_one_warning_and_the_defaults(tmp_path, value):
    config.config_file(tmp_path).write_text(f"theme = {value}\n", encoding="utf-8")
    loaded = config.load(tmp_path)
    assert loaded.config == config.Config()
    assert len(loaded.warnings) == 1 and "\n" not in loaded.warnings[0]
    assert "cannot be read" in loaded.warnings[0] and "using default settings" in loaded.warnings[0]
