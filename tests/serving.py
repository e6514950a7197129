"""A real `quiz serve` in its own process on a free loopback port, for the serve tests and the class benchmark."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from quiz.cli.serve_commands import web_host
from tests.conftest import ROOT


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with closing(socket.socket(family, socket.SOCK_STREAM)) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass
class ServedQuiz:
    process: subprocess.Popen[bytes]
    host: str
    port: int
    data_dir: Path
    log_path: Path

    @property
    def url(self) -> str:
        """The first address the server printed (with its join code, if it asked for one)."""
        for line in self.log().splitlines():
            if line.startswith("quiz: open "):
                return line.split()[2]
        raise AssertionError(f"the server printed no address:\n{self.log()}")

    @property
    def origin(self) -> str:
        """The Origin of this server's own pages."""
        return f"http://{web_host(self.host)}:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def attempts(self, profile: str = "default") -> list[dict[str, Any]]:
        """What the teacher's database holds for `profile`, read as `quiz export` would."""
        from quiz.data.store import Store

        if not (self.data_dir / "quiz.db").exists():
            return []
        with Store.open(self.data_dir, backups=False) as store:
            return list(store.attempts(profile))


def quiz_env(**extra: str) -> dict[str, str]:
    """This environment, with this source tree importable by a `python -m quiz` child."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *sys.path]), **extra)


@contextmanager
def serve_quiz(tmp_path: Path, *args: str, host: str = "127.0.0.1") -> Iterator[ServedQuiz]:
    """`quiz serve --host HOST --port FREE ARGS...` until the block ends; it stops with the block."""
    port = free_port(host)
    data_dir = tmp_path / "served-data"
    log_path = tmp_path / "serve.log"
    env = quiz_env(QUIZ_DATA_DIR=str(data_dir))
    command = [sys.executable, "-m", "quiz", "serve", "--host", host, "--port", str(port), *args]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=tmp_path
        )
    served = ServedQuiz(process, host, port, data_dir, log_path)
    try:
        _wait_until_listening(served)
        yield served
    finally:
        stop(process)


STOP_WAIT_S = 15  # `quiz serve` stops within a few seconds of SIGTERM, browsers connected or not


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a server with SIGTERM, as a service manager does, and wait for it; one that does not end is
    killed, and that fails the test."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"`quiz serve` was still running {STOP_WAIT_S} s after SIGTERM") from None


def _wait_until_listening(served: ServedQuiz, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    family = socket.AF_INET6 if ":" in served.host else socket.AF_INET
    while time.monotonic() < end:
        if served.process.poll() is not None:
            raise AssertionError(f"`quiz serve` ended at once:\n{served.log()}")
        with closing(socket.socket(family, socket.SOCK_STREAM)) as probe:
            if probe.connect_ex((served.host, served.port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"`quiz serve` did not listen within {timeout:.0f} s:\n{served.log()}")


RECENT = 40_000  # characters of a tab's output that wait_for searches
TRUE_OPTION, FIRST_OPTION = "▊  T  True", "▊  1  "  # how a question's first option is drawn
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def plain(output: str) -> str:
    """Terminal output with its escape codes taken out: the words the screen shows."""
    return ESCAPES.sub("", output)


class Browser:
    """What a browser tab does over the app's WebSocket: read the screen, press keys."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = ""  # the output since the last press

    async def wait_for(self, *texts: str, timeout: float = 60) -> str:
        """Read until one of `texts` is on screen and return it; fail (with what was seen) if the socket
        closes or time runs out."""
        end = time.monotonic() + timeout
        # Only the recent output is searched: what is awaited was just drawn, and reading the whole
        # history at every frame made 30 tabs in one process too slow to keep up with the server.
        while not (found := [t for t in texts if t in plain(self.screen[-RECENT:])]):
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{texts} never appeared; the screen showed:\n{plain(self.screen)[-2000:]}")
            try:
                message = await self.ws.receive(timeout=left)
            except asyncio.TimeoutError:
                continue  # said above, with the screen
            if message.type != aiohttp.WSMsgType.BINARY:
                raise AssertionError(f"the socket closed before {texts} appeared:\n{plain(self.screen)[-2000:]}")
            self.screen += message.data.decode("utf-8", "replace")
        return found[0]

    async def read_for(self, seconds: float) -> None:
        """Keep reading (and so answering the server's heartbeat) for a while, as an open tab does."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                message = await self.ws.receive(timeout=left)
            except asyncio.TimeoutError:
                return
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")

    async def press_until(self, key: str, *texts: str, tries: int = 4, each: float = 10) -> str:
        """Press `key` until one of `texts` shows, as a person presses again when nothing happens.

        Textual drops a key that arrives while a screen is still being put up; a person waits
        for the screen, a test does not always."""
        for _ in range(tries - 1):
            await self.press(key)
            try:
                return await self.wait_for(*texts, timeout=each)
            except AssertionError:
                continue
        await self.press(key)
        return await self.wait_for(*texts, timeout=each)

    async def press(self, key: str) -> None:
        self.screen = ""
        await self.ws.send_json(["stdin", key])


@asynccontextmanager
async def browser_tab(served: ServedQuiz, path: str) -> AsyncIterator[Browser]:
    """A WebSocket to `path` (e.g. "/ws" or "/ws/CODE/Ana"), from this server's own page."""
    url = f"ws://{web_host(served.host)}:{served.port}{path}?width=100&height=30"
    async with aiohttp.ClientSession() as client, client.ws_connect(url, origin=served.origin) as ws:
        yield Browser(ws)
