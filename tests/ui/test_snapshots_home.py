"""SVG snapshots of home and its dialogs at 80x24, the smallest size the screens are laid out for."""

from __future__ import annotations

SMALL = (80, 24)


def test_home_80(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_session_options_dialog_80(snap_compare, make_app):
    assert snap_compare(make_app(), press=["o"], terminal_size=SMALL)


def test_settings_dialog_80(snap_compare, make_app):
    assert snap_compare(make_app(), press=["comma"], terminal_size=SMALL)


def test_settings_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["comma"], terminal_size=(100, 30))
