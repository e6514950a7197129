"""What `quiz serve` runs for each browser: hand this process's terminal streams to the fork server.

textual-serve starts a command per browser and talks to the app over that process's stdin and
stdout. Starting a whole `python -m quiz` costs each student about 0.55 s of CPU, 0.35 s of it
loading modules, so this launcher does the least a process can: it sends its stdin, stdout and
stderr, its arguments, environment and folder to the fork server (quiz.cli.fork_server) over a
Unix socket, and the server forks an app that has everything loaded already. The app's exit
status comes back and this process exits with it. Signals sent here (SIGTERM, SIGINT, SIGHUP)
go on to the app.

It imports only the standard library, and runs by its path as `python -I -S fork_launcher.py
SOCKET ARGS...`, so that it starts in milliseconds. When the fork server cannot be reached (it
ended, or was never started) it becomes the app itself: `python -m quiz ARGS...`.

Protocol: the launcher sends 4 bytes (the request's length, big-endian) with its three file
descriptors attached, then the request as JSON. The app, once forked, answers `started PID`; the
fork server answers `exit CODE` when the app has ended. Each answer is one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys

STREAMS = (0, 1, 2)  # stdin, stdout, stderr: what textual-serve reads and writes
LENGTH = 4  # bytes that say how long the request is
MOST = 1 << 20  # bytes a request may have: an environment, arguments and a folder name
FORWARDED = ("SIGTERM", "SIGINT", "SIGHUP")


def send_request(conn: socket.socket, argv: list[str], env: dict[str, str], cwd: str) -> None:
    """Ask the fork server for an app running `quiz ARGV` in `env` and `cwd`, on this process's streams."""
    payload = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode("utf-8", "surrogateescape")
    socket.send_fds(conn, [len(payload).to_bytes(LENGTH, "big")], list(STREAMS))
    conn.sendall(payload)


def launch(path: str, argv: list[str]) -> int:
    """Run `quiz ARGV` as a fork of the server at `path`; its exit status. Without a server, exec the app."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        send_request(conn, argv, dict(os.environ), os.getcwd())
        answers = conn.makefile("rb")
        first = answers.readline().split()
    except OSError:
        first = []
    if first[:1] == [b"exit"]:  # the app ended before it could say it started
        return _code(first)
    if first[:1] != [b"started"] or len(first) != 2 or not first[1].isdigit():
        conn.close()  # no app was forked: these streams are still only ours
        return become_app(argv)
    app = int(first[1])
    for name in FORWARDED:
        signal.signal(getattr(signal, name), lambda number, _frame: _forward(app, number))
    _let_go_of_streams()
    for line in answers:
        if line.startswith(b"exit "):
            return _code(line.split())
    # The server and the app both hold the server's end of the socket: it reads as closed only once
    # the app has ended too. The server ended first, so the status is lost.
    return 1


def become_app(argv: list[str]) -> int:
    """The way without a fork server: this process becomes `python -m quiz ARGV` (never returns)."""
    os.execv(sys.executable, [sys.executable, "-m", "quiz", *argv])
    return 1  # not reached


def _forward(app: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already ended: its status is on its way
        os.kill(app, number)


def _let_go_of_streams() -> None:
    """Close this process's copies of the streams, so that textual-serve sees the app's output end
    the moment the app ends (it waits for the end of stdout and stderr)."""
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in STREAMS:
        os.dup2(quiet, fd)
    os.close(quiet)


def _code(words: list[bytes]) -> int:
    """The launcher's exit status for an `exit CODE` answer: a signal's death as the shell shows it."""
    try:
        code = int(words[1])
    except (IndexError, ValueError):
        return 1
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: fork_launcher.py SOCKET [QUIZ ARGS...]", file=sys.stderr)
        sys.exit(2)
    sys.exit(launch(sys.argv[1], sys.argv[2:]))
