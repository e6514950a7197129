"""SVG snapshots of the question browser: a search with its matches and one question whole."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_browse_search(snap_compare, make_app, size):
    from tests.ui.conftest import harbour

    assert snap_compare(make_app(bank=harbour()), press=["b", *"port", "enter", "down"], terminal_size=size)
