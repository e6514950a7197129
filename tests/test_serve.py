"""`quiz serve` is safe by default: loopback, its own pages' WebSockets only, a join code past loopback.

Each test runs the real server in its own process and talks to it with a real HTTP and WebSocket
client (aiohttp, which textual-serve is built on), over loopback only.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from contextlib import closing

import aiohttp
import pytest

from quiz.cli import build_parser
from quiz.cli.serve_commands import join_required, page_urls
from tests.serving import ServedQuiz, browser_tab, free_port, plain, quiz_env, serve_quiz

pytestmark = pytest.mark.slow

FOREIGN = "http://attacker.example"


async def first_screen(served: ServedQuiz, path: str) -> str:
    """Open the app's WebSocket as its page would; the screen once the home screen is drawn."""
    async with browser_tab(served, path) as tab:
        await tab.wait_for("Profile: default")
        return plain(tab.screen)


async def status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession() as client, client.get(url, headers=headers) as response:
        return response.status


async def upgrade_refusal(url: str, origin: str | None) -> int:
    """The HTTP status with which a WebSocket upgrade is refused (fails the test if it is accepted)."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, origin=origin):
                pass
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status
    pytest.fail(f"the WebSocket at {url} was accepted from origin {origin!r}")


def test_serve_binds_to_loopback_unless_told_otherwise():
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


async def test_the_served_app_opens_its_home_screen_for_its_own_page(tmp_path):
    """Served, the app's output is a pipe, and it still runs the TUI (not the bank summary)."""
    with serve_quiz(tmp_path) as served:
        assert await status(served.url) == 200
        screen = await first_screen(served, "/ws")
    assert "Decks" in screen


async def test_a_websocket_from_a_foreign_page_is_refused(tmp_path):
    with serve_quiz(tmp_path) as served:
        socket_url = f"ws://127.0.0.1:{served.port}/ws"
        assert await upgrade_refusal(socket_url, FOREIGN) == 403
        assert await upgrade_refusal(socket_url, None) == 403  # no Origin: not a page of ours either
        assert await upgrade_refusal(socket_url, f"http://127.0.0.1:{served.port + 1}") == 403
        # A foreign name pointed at this machine (DNS rebinding) gets nothing, not even the page.
        assert await status(served.url, Host=f"attacker.example:{served.port}") == 403
        log = served.log()
    assert "another site's page" in log and "does not answer to that name" in log


async def test_with_a_join_code_nothing_answers_without_it(tmp_path):
    with serve_quiz(tmp_path, "--join") as served:
        url = served.url
        code = re.search(r"join=([A-Z0-9]+)", url)
        assert code, url
        base, origin = f"http://127.0.0.1:{served.port}", served.origin
        assert await status(f"{base}/") == 403
        assert await status(f"{base}/?join=WRONG123") == 403
        assert await upgrade_refusal(f"ws://127.0.0.1:{served.port}/ws", origin) == 403
        assert await upgrade_refusal(f"ws://127.0.0.1:{served.port}/ws/WRONG123", origin) == 403
        assert await upgrade_refusal(f"ws://127.0.0.1:{served.port}/ws/{code[1]}", FOREIGN) == 403
        async with aiohttp.ClientSession() as client, client.get(url) as page:
            assert page.status == 200
            assert f"/ws/{code[1]}" in await page.text()  # the page's own socket carries the code
        await first_screen(served, f"/ws/{code[1]}")
        assert f"join code {code[1]}" in served.log()


async def test_serving_on_ipv6_loopback_prints_a_bracketed_address_that_works(tmp_path):
    with serve_quiz(tmp_path, host="::1") as served:
        assert served.url == f"http://[::1]:{served.port}/"
        assert await status(served.url) == 200
        await first_screen(served, "/ws")


@pytest.mark.parametrize(
    ("host", "forced", "required"),
    [
        ("127.0.0.1", False, False),
        ("localhost", False, False),
        ("::1", False, False),
        ("127.0.0.1", True, True),
        ("0.0.0.0", False, True),
        ("::", False, True),
        ("192.168.1.20", False, True),
        ("teacher.local", False, True),
    ],
)
def test_past_loopback_a_join_code_is_always_required(host, forced, required):
    assert join_required(host, forced) is required


def test_addresses_are_printed_as_a_browser_needs_them():
    assert page_urls("::1", 8000, None) == ["http://[::1]:8000/"]
    assert page_urls("fe80::1", 80, "ABCD2345") == ["http://[fe80::1]:80/?join=ABCD2345"]
    assert page_urls("192.168.1.20", 8000, "ABCD2345") == ["http://192.168.1.20:8000/?join=ABCD2345"]
    everywhere = page_urls("0.0.0.0", 8000, "ABCD2345")
    assert everywhere and all("0.0.0.0" not in url and url.endswith(":8000/?join=ABCD2345") for url in everywhere)


def test_a_port_in_use_is_one_clear_line(tmp_path):
    port = free_port()
    with closing(socket.socket()) as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [sys.executable, "-m", "quiz", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env=quiz_env(),
        )
    assert result.returncode == 1
    assert f"quiz: cannot serve on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_serve_without_the_extra_says_how_to_install_it(quiz, monkeypatch):
    for name in ("textual_serve", "textual_serve.server", "quiz.cli.quiz_server"):
        monkeypatch.setitem(sys.modules, name, None)
    result = quiz("serve")
    assert result.code == 1 and "pip install 'quiz[serve]'" in result.err


def test_a_served_app_whose_server_is_gone_exits_and_leaves_its_answers_in_quiz_db(tmp_path):
    """textual-serve talks to each app over its stdin; when that ends, the app ends and checkpoints."""
    import time

    data_dir = tmp_path / "data"
    env = quiz_env(QUIZ_DATA_DIR=str(data_dir), QUIZ_SERVED="1", TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver")
    with (tmp_path / "app.out").open("wb") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "quiz"], stdin=subprocess.PIPE, stdout=out, stderr=out, env=env, cwd=tmp_path
        )
    try:
        end = time.monotonic() + 60
        while not (tmp_path / "app.out").stat().st_size and time.monotonic() < end:
            time.sleep(0.1)  # the app has drawn its first frame
        assert app.poll() is None, (tmp_path / "app.out").read_text(errors="replace")
        app.stdin.close()  # what a stopped (or killed) server leaves behind
        assert app.wait(timeout=60) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert (data_dir / "quiz.db").exists() and not (data_dir / "quiz.db-wal").exists()
