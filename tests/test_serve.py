"""`quiz serve`: local by default, a warning when exposed, a clear hint without the extra."""

from __future__ import annotations

import sys
import types

import pytest


@pytest.fixture
def fake_server(monkeypatch):
    calls = []

    class Server:
        def __init__(self, command, host, port, title):
            calls.append({"command": command, "host": host, "port": port})

        def serve(self):
            calls.append("served")

    package = types.ModuleType("textual_serve")
    module = types.ModuleType("textual_serve.server")
    module.Server = Server
    monkeypatch.setitem(sys.modules, "textual_serve", package)
    monkeypatch.setitem(sys.modules, "textual_serve.server", module)
    return calls


def test_serve_binds_to_this_machine_by_default(quiz, fake_server):
    result = quiz("serve", "--data-dir", "/tmp/class data")
    assert result.code == 0
    assert fake_server[0]["host"] == "127.0.0.1" and fake_server[-1] == "served"
    assert "-m quiz --data-dir '/tmp/class data'" in fake_server[0]["command"]
    assert "warning" not in result.err


def test_serve_on_another_address_warns_there_is_no_authentication(quiz, fake_server):
    result = quiz("serve", "--host", "0.0.0.0", "--port", "9000")
    assert fake_server[0]["host"] == "0.0.0.0" and fake_server[0]["port"] == 9000
    assert "no authentication" in result.err


def test_serve_without_the_extra_says_how_to_install_it(quiz, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    result = quiz("serve")
    assert result.code == 1 and "pip install 'quiz[serve]'" in result.err
