"""The study settings in config.toml: day start, new questions per day, desired retention."""

from __future__ import annotations

import pytest

from quiz.data import config as settings


def write(tmp_path, text: str):
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    return settings.load(tmp_path)


def test_the_study_settings_default_like_anki(tmp_path):
    config = settings.load(tmp_path).config
    assert (config.day_start, config.new_per_day, config.desired_retention) == (4, 20, 0.9)


def test_the_study_settings_are_read_from_the_file(tmp_path):
    loaded = write(tmp_path, "day_start = 0\nnew_per_day = 0\ndesired_retention = 0.85\n")
    assert loaded.warnings == ()
    assert (loaded.config.day_start, loaded.config.new_per_day, loaded.config.desired_retention) == (0, 0, 0.85)


@pytest.mark.parametrize(
    ("line", "key", "said"),
    [
        ("day_start = 24", "day_start", "whole hour from 0 to 23"),
        ("day_start = -1", "day_start", "whole hour from 0 to 23"),
        ("day_start = 4.5", "day_start", "whole hour from 0 to 23"),
        ('day_start = "4"', "day_start", "whole hour from 0 to 23"),
        ("new_per_day = -5", "new_per_day", "0 or more"),
        ("new_per_day = true", "new_per_day", "0 or more"),
        ("desired_retention = 1.0", "desired_retention", "from 0.7 to 0.97"),
        ("desired_retention = 0.98", "desired_retention", "from 0.7 to 0.97"),
        ("desired_retention = 90", "desired_retention", "from 0.7 to 0.97"),
        ("desired_retention = 0.5", "desired_retention", "from 0.7 to 0.97"),
        ('desired_retention = "high"', "desired_retention", "from 0.7 to 0.97"),
    ],
)
def test_an_unusable_study_setting_is_reported_and_the_default_used(tmp_path, line, key, said):
    loaded = write(tmp_path, line + "\ncount = 12\n")
    assert getattr(loaded.config, key) == getattr(settings.Config(), key)
    assert loaded.config.count == 12  # the rest of the file still counts
    (warning,) = loaded.warnings
    assert "config.toml" in warning and key in warning and said in warning and "default" in warning


def test_saving_keeps_the_study_settings(tmp_path):
    chosen = settings.Config(day_start=2, new_per_day=35, desired_retention=0.93)
    settings.save(tmp_path, chosen)
    loaded = settings.load(tmp_path)
    assert loaded.warnings == ()
    assert loaded.config == chosen
