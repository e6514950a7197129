"""`quiz serve` end to end: the real server, a real headless Chromium, answers stored in the database.

Chromium and its driver come from Debian (`apt-get install chromium chromium-driver`; `.ci/run`
installs them). The browser and the server talk over loopback only.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator

import pytest

from quiz.ui.screens.question_screen import GUARD
from tests.serving import FIRST_OPTION, TRUE_OPTION, ServedQuiz, plain, serve_quiz

pytestmark = pytest.mark.slow

# What the page's WebSocket receives, kept where the test can read it: the screen arrives as
# terminal output over that socket and is drawn on a canvas, so the DOM holds no text.
RECORD_FRAMES = """
(() => {
  const Native = window.WebSocket;
  window.__quizScreen = [];
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    const decoder = new TextDecoder();
    socket.addEventListener("message", (event) => {
      const text = typeof event.data === "string" ? event.data : decoder.decode(event.data, {stream: true});
      window.__quizScreen.push(text);
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""


@pytest.fixture
def browser() -> Iterator:
    """Debian's headless Chromium through its own chromedriver; never a downloaded browser."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "the browser test needs Debian's chromium and chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    options.add_argument("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")  # loopback only
    chrome = webdriver.Chrome(options=options, service=Service(driver))
    chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_FRAMES})
    try:
        yield chrome
    finally:
        chrome.quit()


def screen_text(chrome) -> str:
    """Everything the app has drawn so far, with the terminal's escape codes taken out."""
    return plain("".join(chrome.execute_script("return window.__quizScreen || []")))


def wait_for(what: str, check: Callable[[], object], served: ServedQuiz, timeout: float = 60) -> object:
    """Poll until `check` gives something true; on timeout, fail with the server's log."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"waited {timeout:.0f} s for {what}; the server said:\n{served.log()}")


def first_option(chrome, served: ServedQuiz, since: int) -> str:
    """The key of the first option once the question's options are drawn: T for true/false, else 1."""

    def drawn() -> str | None:
        text = screen_text(chrome)[since:]
        return next((mark for mark in (TRUE_OPTION, FIRST_OPTION) if mark in text), None)

    return "t" if wait_for("the options", drawn, served) == TRUE_OPTION else "1"


def choose_first(chrome, served: ServedQuiz, since: int) -> None:
    """Option 1 by its key; where options start with digits ("19 December") the 1 is typed: Enter then."""
    from selenium.webdriver.common.keys import Keys

    press(chrome, first_option(chrome, served, since))
    time.sleep(1.0)
    if "Typed: 1" in screen_text(chrome)[since:]:
        press(chrome, Keys.ENTER)


def press(chrome, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(chrome).send_keys(key).perform()


def test_a_browser_opens_the_app_answers_two_questions_and_both_are_stored(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys

    with serve_quiz(tmp_path) as served:
        browser.get(served.url)
        wait_for("the home screen", lambda: "Profile: default" in screen_text(browser), served)
        # Keys go to the terminal's input, as after a click on it, but without a click the app would see.
        browser.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
        press(browser, Keys.ENTER)  # start a session
        wait_for("question 1", lambda: "1 of 10" in screen_text(browser), served)
        time.sleep(GUARD.total_seconds() + 0.3)  # a key in the question's first moments is ignored on purpose
        choose_first(browser, served, since=0)
        wait_for("the first answer stored", lambda: len(served.attempts()) == 1, served)
        since = len(screen_text(browser))
        time.sleep(GUARD.total_seconds() + 0.3)  # Enter in the feedback's first moments is ignored too
        press(browser, Keys.ENTER)  # next question
        wait_for("question 2", lambda: "2 of 10" in screen_text(browser)[since:], served)
        time.sleep(GUARD.total_seconds() + 0.3)
        choose_first(browser, served, since)
        attempts = wait_for("the second answer stored", lambda: (a := served.attempts()) and len(a) == 2 and a, served)
    assert len({a["question_id"] for a in attempts}) == 2  # two questions, one answer each
    assert all(a["given"] for a in attempts)  # the option picked by its key, as text
