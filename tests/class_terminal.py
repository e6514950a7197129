"""`quiz serve --drill` as a teacher runs it: in a terminal (a pseudo-terminal here), so with the live class screen."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.serving import ServedQuiz, _wait_until_listening, free_port, plain, quiz_env, stop

TEACHER_SIZE = (200, 50)  # the teacher's terminal: wide enough for the address on one line
ANSWERS_SHOWN = re.compile(r"(\d+) answers? ·")  # the class screen's status line
ADDRESS = re.compile(r"Students open (http://\S+?)/\?join=([0-9A-Z]+)")


@dataclass
class TeacherScreen:
    """The teacher's terminal: everything `quiz serve --drill` drew, and when each answer count first showed."""

    fd: int
    log: Path  # everything drawn, as it came
    shown: list[tuple[float, int]] = field(default_factory=list)  # (when, answers on the status line)
    text: str = ""

    def read(self) -> None:
        """Read the terminal until the server closes it (a thread: the pty must be drained or the app blocks)."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        tail = ""
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.time()
            with self.log.open("ab") as log:
                log.write(chunk)
            fresh = plain(tail + decoder.decode(chunk))  # with the tail: a number cut in two by a read
            self.text = (self.text + fresh[len(tail) :])[-40_000:]
            tail = fresh[-200:]
            counts = [int(m.group(1)) for m in ANSWERS_SHOWN.finditer(fresh)]
            if counts and (not self.shown or max(counts) > self.shown[-1][1]):
                self.shown.append((now, max(counts)))

    def first_showing(self, count: int) -> float | None:
        return next((when for when, shown in self.shown if shown >= count), None)


@contextmanager
def teacher_serving(tmp_path: Path, code: str) -> Iterator[tuple[ServedQuiz, TeacherScreen, str]]:
    """`quiz serve --drill CODE` in a pseudo-terminal (so with the teacher's class screen); yields the server,
    the teacher's screen and the join code; at the end presses q, as a teacher ends the class."""
    port = free_port()
    data_dir = tmp_path / "served-data"
    env = quiz_env(QUIZ_DATA_DIR=str(data_dir), QUIZ_CONFIG_DIR=str(tmp_path / "config"), TERM="xterm-256color")
    for sized in ("COLUMNS", "LINES"):  # the terminal's own size, not this one's
        env.pop(sized, None)
    teacher_fd, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", TEACHER_SIZE[1], TEACHER_SIZE[0], 0, 0))
    command = [sys.executable, "-m", "quiz", "serve", "--port", str(port), "--drill", code, "--out", "class.csv"]
    process = subprocess.Popen(
        command, stdin=terminal, stdout=terminal, stderr=terminal, env=env, cwd=tmp_path, start_new_session=True
    )
    os.close(terminal)
    screen = TeacherScreen(teacher_fd, tmp_path / "teacher.log")
    reader = threading.Thread(target=screen.read, daemon=True)
    reader.start()
    served = ServedQuiz(process, "127.0.0.1", port, data_dir, screen.log)
    try:
        _wait_until_listening(served)
        end = time.monotonic() + 30
        while not (found := ADDRESS.search(screen.text)) and time.monotonic() < end:
            time.sleep(0.1)
        assert found, f"the class screen showed no address:\n{screen.text[-2000:]}"
        yield served, screen, found.group(2)
    finally:
        os.write(teacher_fd, b"q")  # end the class: the server stops, the CSV is written
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            stop(process)
        reader.join(timeout=5)
        os.close(teacher_fd)
