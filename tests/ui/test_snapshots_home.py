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


def drafted(make_app, tmp_path, quiz):
    """The app over a library holding one article's drafts."""
    from quiz.data import locations
    from quiz.data.library import read_full_bank
    from tests.conftest import ROOT

    data = tmp_path / "data"
    assert (
        quiz("add", str(ROOT / "seeds" / "000_bca7dcc935938ebd.txt"), "--id", "mine", "--data-dir", str(data)).code == 0
    )
    return make_app(bank=read_full_bank(locations.bank_path(), None, data)[0])


def test_home_with_drafts_80(snap_compare, make_app, tmp_path, quiz):
    assert snap_compare(drafted(make_app, tmp_path, quiz), terminal_size=SMALL)


def test_draft_editor_80(snap_compare, make_app, tmp_path, quiz):
    assert snap_compare(drafted(make_app, tmp_path, quiz), press=["d", "down", "e"], terminal_size=SMALL)


def test_accept_deck_asks_80(snap_compare, make_app, tmp_path, quiz):
    assert snap_compare(drafted(make_app, tmp_path, quiz), press=["d", "A"], terminal_size=SMALL)


def test_draft_editor(snap_compare, make_app, tmp_path, quiz):
    assert snap_compare(drafted(make_app, tmp_path, quiz), press=["d", "down", "e"], terminal_size=(100, 30))
