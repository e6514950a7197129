"""Saving settings edits config.toml in place: only the changed settings' lines, the user's own lines kept."""

from __future__ import annotations

from dataclasses import replace

from quiz.data import config as settings

HAND_WRITTEN = """\
# My quiz settings, tuned for the morning train.
theme = "textual-light"   # light at work
favourite_deck = "showdown"  # not a quiz setting: kept as it is

count = 15
desired_retention = 0.85    # cheaper reviews

[keys]
# F-keys are awkward on this laptop
"quiz.hint" = "h"   # hint
"quiz.skip" = "f3"

[plugins]
extra = true
"""


def save_over(tmp_path, text: str, change) -> tuple[str, settings.LoadedConfig, object]:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8"))
    loaded = settings.load(tmp_path).config
    kept = settings.save(tmp_path, change(loaded))
    return path.read_bytes().decode("utf-8"), settings.load(tmp_path), kept


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=False) if a != b]


def test_a_changed_setting_rewrites_its_own_line_only_and_keeps_its_comment(tmp_path):
    new, loaded, kept = save_over(tmp_path, HAND_WRITTEN, lambda c: replace(c, desired_retention=0.9))
    assert changed_lines(HAND_WRITTEN, new) == [
        ("desired_retention = 0.85    # cheaper reviews", "desired_retention = 0.9    # cheaper reviews")
    ]
    assert len(new.splitlines()) == len(HAND_WRITTEN.splitlines()) and kept is None
    assert loaded.config.desired_retention == 0.9 and loaded.config.count == 15


def test_a_setting_not_in_the_file_is_added_after_the_others_before_the_tables(tmp_path):
    new, loaded, _ = save_over(tmp_path, HAND_WRITTEN, lambda c: replace(c, letter_keys=True, day_start=6))
    assert new == HAND_WRITTEN.replace("# cheaper reviews\n", "# cheaper reviews\nday_start = 6\nletter_keys = true\n")
    assert loaded.config.letter_keys and loaded.config.day_start == 6
    assert loaded.warnings == (
        f"{tmp_path / 'config.toml'}: ignored setting favourite_deck = 'showdown' (see the README's Settings section)",
        f"{tmp_path / 'config.toml'}: ignored setting plugins = {{'extra': True}} (see the README's Settings section)",
    )  # the user's own keys stay, and are still only reported


def test_keys_are_changed_added_and_removed_in_their_table(tmp_path):
    def remap(c):
        return replace(c, keys={"quiz.hint": "f2", "home.stats": "t"})

    new, loaded, _ = save_over(tmp_path, HAND_WRITTEN, remap)
    assert '"quiz.hint" = "f2"   # hint\n' in new and '"quiz.skip"' not in new
    assert '"quiz.skip" = "f3"\n' not in new and 'home.stats" = "t"\n\n[plugins]' in new
    assert "# F-keys are awkward on this laptop\n" in new and "[plugins]\nextra = true\n" in new
    assert loaded.config.keys == {"quiz.hint": "f2", "home.stats": "t"}


def test_a_hash_inside_a_value_is_not_taken_for_the_comment(tmp_path):
    text = 'theme = "dark # custom"  # my own theme\n'
    new, loaded, _ = save_over(tmp_path, text, lambda c: replace(c, theme="nord # two"))
    assert new == 'theme = "nord # two"  # my own theme\n'
    assert loaded.config.theme == "nord # two"


def test_windows_line_endings_stay_on_the_lines_left_alone(tmp_path):
    text = "# mine\r\ncount = 12\r\n"
    new, loaded, _ = save_over(tmp_path, text, lambda c: replace(c, count=20))
    assert new == "# mine\r\ncount = 20\r\n" and loaded.config.count == 20


def test_saving_what_the_file_already_says_changes_nothing(tmp_path):
    new, _, _ = save_over(tmp_path, HAND_WRITTEN, lambda c: c)
    assert new == HAND_WRITTEN


def test_a_file_that_does_not_parse_is_kept_beside_the_new_one(tmp_path):
    broken = "theme = 'unclosed\n# but my notes are here\n"
    new, loaded, kept = save_over(tmp_path, broken, lambda c: replace(c, count=30))
    assert kept == tmp_path / "config.toml.bak" and kept.read_text(encoding="utf-8") == broken
    assert loaded.warnings == () and loaded.config.count == 30


def test_a_layout_the_line_edit_does_not_understand_is_kept_beside_the_new_one(tmp_path):
    """An inline [keys] table cannot take a line of its own: the file is not half-edited."""
    inline = 'keys = { "quiz.hint" = "h" }  # inline\ncount = 12\n'
    new, loaded, kept = save_over(tmp_path, inline, lambda c: replace(c, keys={"quiz.hint": "f2"}))
    assert kept is not None and kept.read_text(encoding="utf-8") == inline
    assert loaded.warnings == () and loaded.config.keys == {"quiz.hint": "f2"} and loaded.config.count == 12


def test_a_file_that_is_not_utf8_is_kept_byte_for_byte(tmp_path):
    latin = "# réglages\ncount = 12\n".encode("latin-1")
    (tmp_path / "config.toml").write_bytes(latin)
    kept = settings.save(tmp_path, settings.Config(count=12))
    assert kept is not None and kept.read_bytes() == latin
    assert settings.load(tmp_path).config.count == 12
