"""`quiz serve` forks each browser's app from its fork server; without the fork server each browser starts its own.

The server is the real one in its own process; each browser is a real WebSocket client on loopback. The
processes are found in /proc: the fork server is the server's child that runs quiz.cli.fork_server, an
app is one of its children, and each browser's launcher runs quiz/cli/fork_launcher.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from quiz.cli.fork_launcher import __file__ as LAUNCHER
from quiz.ui.screens.question_screen import GUARD
from tests.serving import FIRST_OPTION, TRUE_OPTION, Browser, ServedQuiz, browser_tab, quiz_env, serve_quiz

pytestmark = pytest.mark.slow


def processes() -> dict[int, tuple[int, str]]:
    """Every process of this machine: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError, ValueError):
                continue
            found[int(entry.name)] = (parent, command)
    return found


def descendants(root: int) -> dict[int, tuple[int, str]]:
    """The processes below `root` (its children, theirs, and so on): pid -> (parent pid, command line)."""
    everyone = processes()
    found: dict[int, tuple[int, str]] = {}
    todo = [root]
    while todo:
        parent = todo.pop()
        for pid, (ppid, command) in everyone.items():
            if ppid == parent and pid not in found:
                found[pid] = (ppid, command)
                todo.append(pid)
    return found


def fork_server(served: ServedQuiz) -> int:
    """The pid of the served quiz's fork server (it must have one)."""
    below = descendants(served.process.pid)
    found = [
        pid
        for pid, (parent, command) in below.items()
        if "quiz.cli.fork_server" in command and parent == served.process.pid
    ]
    assert len(found) == 1, below
    return found[0]


def apps_of(zygote: int) -> set[int]:
    return {pid for pid, (parent, _) in processes().items() if parent == zygote}


def launchers(served: ServedQuiz) -> set[int]:
    """The launchers themselves, not the shells that textual-serve runs them in."""
    return {
        pid
        for pid, (_, command) in descendants(served.process.pid).items()
        if command.split()[:4] == [sys.executable, "-I", "-S", LAUNCHER]
    }


def gone(pid: int, timeout: float = 30, reaped: bool = True) -> bool:
    """Whether process `pid` has ended within `timeout` seconds (and been reaped by its parent, if `reaped`)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z" and not reaped:
            return True
        time.sleep(0.1)
    return False


async def answer_first(tab: Browser) -> None:
    """Start a session from home and answer its first question with its first option."""
    await tab.press_until("\r", "1 of 10")
    first = await tab.wait_for(TRUE_OPTION, FIRST_OPTION)
    await tab.read_for(GUARD.total_seconds() + 0.2)  # a key in a question's first moments is ignored on purpose
    shown = await tab.press_until("t" if first == TRUE_OPTION else "1", "Correct answer", "Typed: 1")
    if shown != "Correct answer":  # options that start with a digit ("19 December"): the 1 was typed
        await tab.press_until("\r", "Correct answer")


async def wait_until(check, what: str, timeout: float = 30):
    end = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < end, f"waited {timeout:.0f} s for {what}"
        await asyncio.sleep(0.1)
    return found


@asynccontextmanager
async def two_homes(served: ServedQuiz) -> AsyncIterator[None]:
    """Two browsers, each on its home screen."""
    async with browser_tab(served, "/ws") as first, browser_tab(served, "/ws") as second:
        await first.wait_for("Profile: default")
        await second.wait_for("Profile: default")
        yield


async def test_a_browser_gets_a_fork_of_the_loaded_app_and_its_answers_are_stored(tmp_path):
    with serve_quiz(tmp_path) as served:
        zygote = fork_server(served)
        async with browser_tab(served, "/ws") as tab:
            await tab.wait_for("Profile: default")
            (app,) = apps_of(zygote)  # the app is the fork server's child, not a Python of its own
            await answer_first(tab)
            await wait_until(lambda: len(served.attempts()) == 1, "the answer in the database")
        assert gone(app), "the app outlived its browser's WebSocket"
        await wait_until(lambda: not launchers(served), "the launcher to end with its app")


async def test_closing_the_websocket_ends_the_forked_app_and_its_launcher(tmp_path):
    with serve_quiz(tmp_path) as served:
        zygote = fork_server(served)
        async with two_homes(served):
            apps = apps_of(zygote)
            assert len(apps) == 2 and len(launchers(served)) == 2
        for app in apps:
            assert gone(app), f"app {app} outlived its browser's WebSocket"
        await wait_until(lambda: not launchers(served), "the launchers to end")
        assert fork_server(served) == zygote  # the fork server goes on for the next browser


async def test_a_killed_launcher_hangs_up_its_app_and_a_signal_to_a_launcher_reaches_its_app(tmp_path):
    with serve_quiz(tmp_path) as served:
        zygote = fork_server(served)
        async with two_homes(served):
            await wait_until(lambda: len(launchers(served)) == 2 and len(apps_of(zygote)) == 2, "two apps")
            killed, terminated = sorted(launchers(served))
            before = apps_of(zygote)
            os.kill(killed, signal.SIGKILL)  # nothing forwarded: the fork server sees its launcher gone
            os.kill(terminated, signal.SIGTERM)  # forwarded to the app, which ends as on Ctrl+C
            for app in before:
                assert gone(app), f"app {app} outlived its launcher"
        assert not apps_of(zygote)


async def test_when_the_fork_server_is_gone_each_browser_starts_its_own_app(tmp_path):
    with serve_quiz(tmp_path) as served:
        zygote = fork_server(served)
        async with browser_tab(served, "/ws") as forked:
            await forked.wait_for("Profile: default")
            os.kill(zygote, signal.SIGKILL)
            assert gone(zygote, reaped=False)  # `quiz serve` reads its status when it stops
            async with browser_tab(served, "/ws") as alone:
                await alone.wait_for("Profile: default")
                on_its_own = [
                    pid
                    for pid, (_, command) in descendants(served.process.pid).items()
                    if command.split() == [sys.executable, "-m", "quiz"]
                ]
                assert len(on_its_own) == 1, descendants(served.process.pid)  # the launcher became the app
                await answer_first(alone)
            await answer_first(forked)  # the app forked before goes on without its fork server
            await wait_until(lambda: len(served.attempts()) == 2, "both answers in the database")


def test_the_launcher_without_a_fork_server_runs_the_app_itself(tmp_path):
    result = subprocess.run(
        [sys.executable, "-I", "-S", LAUNCHER, str(tmp_path / "no-such.sock"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=quiz_env(),
    )
    assert result.returncode == 0 and result.stdout.startswith("quiz "), result


def test_a_forked_app_answers_on_the_launchers_streams_with_its_exit_status(tmp_path):
    """Through a real fork server: `quiz --version` and a bad command come back on the launcher's own
    stdout and stderr, with its exit status."""
    folder = tmp_path / "forks"
    folder.mkdir(mode=0o700)
    path = folder / "s.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "quiz.cli.fork_server", str(path)], stdin=subprocess.PIPE, env=quiz_env()
    )
    try:
        end = time.monotonic() + 30
        while not path.exists() and time.monotonic() < end:
            time.sleep(0.05)

        def launch(*words: str) -> subprocess.CompletedProcess[str]:
            command = [sys.executable, "-I", "-S", LAUNCHER, str(path), *words]
            return subprocess.run(command, capture_output=True, text=True, timeout=60, env=quiz_env(), cwd=tmp_path)

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stranger:  # not a launcher: no streams
            stranger.connect(str(path))
            stranger.sendall(b"\0\0\0\2{}")
            try:
                answer = stranger.recv(100)
            except ConnectionResetError:  # closed with the request unread
                answer = b""
            assert answer == b""  # refused, and the fork server goes on
        version = launch("--version")
        assert version.returncode == 0 and version.stdout.startswith("quiz "), version
        wrong = launch("no-such-command")
        assert wrong.returncode == 2 and "invalid choice" in wrong.stderr, wrong
        assert server.poll() is None  # both were forks: no app ended the fork server
        children = {pid for pid, (parent, _) in processes().items() if parent == server.pid}
        assert not children  # and both forks were reaped
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert server.returncode == 0 and not folder.exists()  # its socket and (empty) folder go with it


def test_the_bank_the_fork_server_holds_is_every_apps_until_a_deck_changes(tmp_path):
    """The fork server reads the bank once (hold_full_bank); an app opens that same bank, or the files if edited."""
    import shutil

    from quiz.data import bank_cache
    from quiz.data.library import hold_full_bank, open_full_bank
    from tests.conftest import DATA

    questions = tmp_path / "bank" / "questions"
    shutil.copytree(DATA / "seeds", tmp_path / "bank" / "seeds")
    questions.mkdir()
    shutil.copy(DATA / "good" / "harbour.toml", questions / "harbour.toml")
    held_before = dict(bank_cache._HELD)
    try:
        hold_full_bank(questions, None, tmp_path / "data")
        opened, problems = open_full_bank(questions, None, tmp_path / "data")
        held = [bank for key, bank in bank_cache._HELD.items() if key not in held_before]
        assert problems == [] and held == [opened] and opened is held[0]  # no file read: the same objects
        deck = questions / "harbour.toml"
        deck.write_text(deck.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        os.utime(deck, ns=(deck.stat().st_mtime_ns + 10**9,) * 2)
        edited, _ = open_full_bank(questions, None, tmp_path / "data")
        assert edited is not opened  # an edited deck is read again
    finally:
        bank_cache._HELD.clear()
        bank_cache._HELD.update(held_before)


async def test_asked_for_plain_apps_quiz_serve_starts_no_fork_server(tmp_path, monkeypatch):
    """QUIZ_SERVE_PLAIN=1: each browser's app is a Python of its own, as on a system without os.fork."""
    from quiz.cli.serve_commands import PLAIN_APPS

    monkeypatch.setenv(PLAIN_APPS, "1")
    with serve_quiz(tmp_path) as served:
        async with browser_tab(served, "/ws") as tab:
            await tab.wait_for("Profile: default")
            below = descendants(served.process.pid)
    assert not [pid for pid, (_, command) in below.items() if "fork_server" in command or LAUNCHER in command]
    assert [pid for pid, (_, command) in below.items() if command.split() == [sys.executable, "-m", "quiz"]], below
