"""The fork server behind `quiz serve`: one process with the app loaded, forked for each browser.

textual-serve starts a process per browser. A fresh `python -m quiz` takes each student about
0.55 s of CPU before the first question (0.35 s of it loading modules): in a class of 30 that was
about a third of the students' CPU, spent while the others were answering. This process loads what a student's app needs
once (Textual, the app's screens, the parsed bank), then for each browser forks a copy that is
ready to run: the browser's launcher (quiz.cli.fork_launcher) hands over its stdin, stdout and
stderr over a Unix socket, and the fork becomes the app on them. Each student still has a
process of their own, so both cores draw, and the loaded pages are shared until written.

Before it forks it has started no thread and no event loop and opened no database: each app
opens its own store after the fork. The fork is made to look like a fresh process (signal
handlers, standard streams, environment, folder, random seed, logging) before the app runs.

Every app shares the fork server's hash seed (Python's randomised str hashes): that only matters
against someone who can fill an app's dictionaries with keys of their choosing, which a student's
name and key presses cannot.

It ends when `quiz serve` closes its stdin (or ends), and hangs up (SIGHUP) every app still
running then, or whose launcher has gone: an app never outlives its browser's session.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from quiz.cli import fork_launcher
from quiz.cli.fork_launcher import LENGTH, MOST, STREAMS

PRELOAD = (
    "quiz.cli.study_commands",
    "quiz.cli.drill_commands",
    "quiz.factory",
    "quiz.data.store",
    "quiz.plain.line_mode",
    "quiz.ui.app",
    "quiz.ui.settings_problems",
    "quiz.ui.screens.home_screen",
    "quiz.ui.screens.question_screen",
    "quiz.ui.screens.session_dialog",
    "quiz.data.parameters",
    "textual.drivers.web_driver",
    "textual.drivers.headless_driver",
    "textual._xterm_parser",
    "textual.layouts.factory",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.pilot",
    "textual.scrollbar",
)
"""What a served app imports on its way to its first question (the rest loads when first used)."""
RESTORED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGCHLD", "SIGPIPE")
"""Signals whose handlers this process changes or Python sets at start: each app gets them back as they were."""
SOCKET_NAME = "forks.sock"
READY_S = 5.0  # how long `quiz serve` waits for the socket before serving (browsers meanwhile start plain apps)
REQUEST_S = 5.0  # how long a launcher may take to send its request
APP_END_S = 0.5  # how long an app has, once the fork server ends, after each signal before the next


class ForkServer:
    """Accept launchers on `listener`, fork an app for each, and send back each app's exit status."""

    def __init__(self, listener: socket.socket, control: int = 0) -> None:
        self.listener = listener
        self.control = control  # `quiz serve` holds the other end: it reads as ended when the server ends
        self.apps: dict[int, socket.socket | None] = {}  # app pid -> its launcher's connection (None: gone)
        self.initial = {name: signal.getsignal(getattr(signal, name)) for name in RESTORED if hasattr(signal, name)}
        self.selector = selectors.DefaultSelector()
        self.wake_read, self.wake_write = os.pipe()

    def run(self) -> None:
        """Serve launchers until `quiz serve` ends; then hang up the apps still running."""
        os.set_blocking(self.wake_read, False)
        os.set_blocking(self.wake_write, False)
        signal.set_wakeup_fd(self.wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so that an ended app wakes the loop
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for `quiz serve`, which then ends this
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        self.selector.register(self.control, selectors.EVENT_READ, "control")
        self.selector.register(self.wake_read, selectors.EVENT_READ, "reap")
        running = True
        while running:
            for key, _events in self.selector.select():
                if key.data == "accept":
                    self.accept()
                elif key.data == "reap":
                    self.reap()
                elif key.data == "control":
                    running = bool(os.read(self.control, 4096))
                else:
                    self.listen_to(key.fileobj, key.data)  # type: ignore[arg-type]
        self.end_apps()

    def end_apps(self) -> None:
        """Hang up the apps still running, then terminate and at last kill any that stays, reaping each:
        none outlives `quiz serve` (its browsers' sessions have normally ended them already)."""
        for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL):
            for pid in self.apps:
                _signal(pid, number)
            end = time.monotonic() + APP_END_S
            while self.apps and time.monotonic() < end:
                self.reap()
                time.sleep(0.02)
            if not self.apps:
                return

    def accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        try:
            argv, env, cwd, fds = read_request(conn)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # not a launcher's request, or cut short
            print(f"quiz: the fork server ignored a request: {exc!r}", file=sys.stderr)
            conn.close()  # the launcher then starts the app itself
            return
        try:
            self.fork(conn, argv, env, cwd, fds)
        finally:
            for fd in fds:
                os.close(fd)

    def fork(self, conn: socket.socket, argv: list[str], env: dict[str, str], cwd: str, fds: list[int]) -> None:
        import gc

        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # what is loaded by now lives as long as each app: its pages stay shared
        try:
            pid = os.fork()
        except OSError as exc:
            print(f"quiz: the fork server cannot fork: {exc}", file=sys.stderr)
            conn.close()
            return
        if pid == 0:
            code = 1
            try:
                self.leave_to_app(conn, fds)
                code = run_app(conn, argv, env, cwd)
            except BaseException:
                import traceback

                traceback.print_exc()  # on the browser's stderr once it is in place: textual-serve logs it
            finally:
                os._exit(code)
        self.apps[pid] = conn
        self.selector.register(conn, selectors.EVENT_READ, pid)

    def leave_to_app(self, conn: socket.socket, fds: list[int]) -> None:
        """In the fork: close what is the server's, keeping `conn` (the launcher reads its end as closed
        only when the app has ended) and putting the browser's streams in place of this process's."""
        signal.set_wakeup_fd(-1)
        for name, handler in self.initial.items():
            signal.signal(getattr(signal, name), handler)
        self.selector.close()
        self.listener.close()
        for other in self.apps.values():
            if other is not None:
                other.close()
        os.close(self.wake_read)
        os.close(self.wake_write)
        for fd, stream in zip(fds, STREAMS, strict=True):
            os.dup2(fd, stream)  # the control pipe on 0 is closed by this, as the server's to keep
        for fd in fds:
            os.close(fd)
        fds.clear()

    def reap(self) -> None:
        """Send each ended app's exit status to its launcher."""
        with contextlib.suppress(BlockingIOError):
            os.read(self.wake_read, 4096)
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.apps.pop(pid, None)
            if conn is not None:
                self.selector.unregister(conn)
                with contextlib.suppress(OSError):
                    conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                conn.close()

    def listen_to(self, conn: socket.socket, pid: int) -> None:
        """A launcher's connection has something: only its end (the launcher is gone) means anything."""
        try:
            gone = not conn.recv(4096)
        except OSError:
            gone = True
        if gone:
            self.selector.unregister(conn)
            conn.close()
            self.apps[pid] = None
            _signal(pid, signal.SIGHUP)  # as a terminal hangs up: the app closes its store and ends


def read_request(conn: socket.socket) -> tuple[list[str], dict[str, str], str, list[int]]:
    """A launcher's request: the app's arguments, environment and folder, and the three streams."""
    conn.settimeout(REQUEST_S)
    head, fds, _flags, _address = socket.recv_fds(conn, LENGTH, len(STREAMS))
    try:
        head += _exactly(conn, LENGTH - len(head))
        size = int.from_bytes(head, "big")
        if len(fds) != len(STREAMS) or not 0 < size <= MOST:
            raise ValueError(f"{len(fds)} streams and {size} bytes")
        import json

        request = json.loads(_exactly(conn, size).decode("utf-8", "surrogateescape"))
        argv, env, cwd = request["argv"], request["env"], request["cwd"]
        if not (isinstance(argv, list) and isinstance(env, dict) and isinstance(cwd, str)):
            raise ValueError("not a launcher's request")
    except (OSError, ValueError, KeyError, TypeError):
        for fd in fds:
            os.close(fd)
        raise
    conn.settimeout(None)
    return [str(a) for a in argv], {str(k): str(v) for k, v in env.items()}, cwd, fds


def _exactly(conn: socket.socket, size: int) -> bytes:
    parts = []
    while size > 0:
        part = conn.recv(min(size, 65536))
        if not part:
            raise ValueError("the launcher stopped in the middle of its request")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def run_app(conn: socket.socket, argv: list[str], env: dict[str, str], cwd: str) -> int:
    """In the fork: become a fresh `python -m quiz ARGV` process and run it; its exit status."""
    import atexit
    import gc
    import logging
    import random
    import threading

    _fresh_streams()
    os.environ.clear()
    os.environ.update(env)
    importlib.reload(importlib.import_module("textual.constants"))  # read from the environment when imported
    os.chdir(cwd)
    random.seed()  # each app its own choices (Python reseeds after fork too: this says so here)
    # What the fork server loaded stays frozen (gc.freeze before the fork): the collector never walks
    # it, so its pages stay shared. Collecting what the app itself makes is on, as in a fresh process.
    gc.enable()
    logging.root.handlers.clear()  # as a fresh process, which has configured no logging
    logging.root.setLevel(logging.WARNING)
    sys.argv = [str(Path(__file__).parent.parent / "__main__.py"), *argv]
    conn.sendall(f"started {os.getpid()}\n".encode())
    try:
        from quiz.cli import main

        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int | None):
            print(exc.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    # What the interpreter does at exit, short of tearing down its modules (they are the server's pages).
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(timeout=5)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return code


_SERVERS_STREAMS: list = []
"""The fork server's own sys.stdin, stdout and stderr, kept in each app: collected, they would close
the descriptors 0, 1 and 2, which are the browser's streams by then."""


def _fresh_streams() -> None:
    """sys.stdin, stdout and stderr over the browser's streams, set up as Python sets them up at start."""
    encoding, errors = sys.stdout.encoding, sys.stdout.errors
    _SERVERS_STREAMS.extend((sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__))
    sys.stdin = sys.__stdin__ = open(0, encoding=encoding, errors=errors, closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(  # noqa: SIM115
        1, "w", 1 if os.isatty(1) else -1, encoding=encoding, errors=errors, closefd=False
    )
    sys.stderr = sys.__stderr__ = open(2, "w", 1, encoding=encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115


def _signal(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, number)


def preload(bank: str | None, seeds: str | None, data_dir: str | None) -> None:
    """Load what every app needs: its modules and the bank (it stays in memory while its files are unchanged)."""
    for name in PRELOAD:
        importlib.import_module(name)
    importlib.import_module("rich._unicode_data").load()  # the table of character widths, a module of its own
    from quiz.data import locations
    from quiz.data.library import hold_full_bank

    hold_full_bank(locations.bank_path(bank), locations.seeds_path(seeds), locations.data_dir(data_dir))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz.cli.fork_server")
    parser.add_argument("socket")
    for flag in ("--bank", "--seeds", "--data-dir"):
        parser.add_argument(flag)
    args = parser.parse_args(argv)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)  # first, so that launchers wait for the loading below rather than start apps
    try:
        return serve_forks(listener, args)
    finally:
        # Also when `quiz serve` was killed and could not tidy up: the socket goes, and its folder if empty.
        with contextlib.suppress(OSError):
            os.unlink(args.socket)
            os.rmdir(Path(args.socket).parent)


def serve_forks(listener: socket.socket, args: argparse.Namespace) -> int:
    """Load the app and fork it for each launcher until `quiz serve` ends; 1 if it cannot be loaded."""
    listener.listen(128)
    try:
        preload(args.bank, args.seeds, args.data_dir)
    except Exception as exc:  # a broken bank, say: each app reports it itself
        print(f"quiz: the fork server could not load the app ({exc}); each browser starts its own", file=sys.stderr)
        return 1
    import threading

    if threading.active_count() > 1:  # a fork would copy a thread's locks but not the thread
        print("quiz: the fork server started a thread while loading; each browser starts its own", file=sys.stderr)
        return 1
    ForkServer(listener).run()
    return 0


@dataclass
class Forks:
    """`quiz serve`'s handle on its fork server: the command for each browser, and the way to stop it."""

    process: subprocess.Popen[bytes]
    folder: Path  # private to this user: only its own processes can ask for an app

    @property
    def socket_path(self) -> Path:
        return self.folder / SOCKET_NAME

    @classmethod
    def start(cls, bank_words: list[str], quiet: bool = False) -> Forks:
        """Start the fork server and wait (a few seconds at most) until it takes requests."""
        folder = Path(tempfile.mkdtemp(prefix="quiz-serve-"))
        command = [sys.executable, "-m", "quiz.cli.fork_server", str(folder / SOCKET_NAME), *bank_words]
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet else None
        )
        forks = cls(process, folder)
        end = time.monotonic() + READY_S
        while not forks.socket_path.exists() and process.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        return forks

    def command(self, words: list[str]) -> list[str]:
        """The command a browser runs for `quiz WORDS`: the launcher, or the app itself if it cannot be found."""
        launcher = Path(fork_launcher.__file__)
        return [sys.executable, "-I", "-S", str(launcher), str(self.socket_path), *words]

    def stop(self) -> None:
        """End the fork server (it hangs up the apps still running) and remove its socket."""
        import shutil

        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def can_fork() -> bool:
    """Whether this system can run apps as forks (POSIX, with file descriptors passed over Unix sockets)."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


if __name__ == "__main__":
    sys.exit(main())
