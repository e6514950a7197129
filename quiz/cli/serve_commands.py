"""`quiz serve`: the same app in a web browser, through textual-serve (extra `serve`)."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import secrets
import shlex
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from quiz.cli.commands import SERVED

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: read off a board without doubt
JOIN_LENGTH = 8  # 30**8: about 6.6e11 codes
PLAIN_APPS = "QUIZ_SERVE_PLAIN"
"""Set to "1", `quiz serve` starts a Python of its own for each browser, without the fork server (to compare)."""


def is_loopback(host: str) -> bool:
    text = host.strip("[]").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether the host means "every address of this machine" (0.0.0.0, ::, or empty)."""
    text = host.strip("[]")
    try:
        return not text or ipaddress.ip_address(text).is_unspecified
    except ValueError:
        return False


def web_host(host: str) -> str:
    """The host as it goes in a URL: an IPv6 address in brackets."""
    text = host.strip("[]")
    try:
        return f"[{text}]" if ipaddress.ip_address(text).version == 6 else text
    except ValueError:
        return text


def page_urls(host: str, port: int, join_code: str | None) -> list[str]:
    """The addresses to give a class: this one, or for 0.0.0.0 / :: each address the machine has."""
    hosts = _own_addresses(ipv6=":" in host) if is_wildcard(host) else [host]
    query = f"/?join={join_code}" if join_code else "/"
    return [f"http://{web_host(h)}:{port}{query}" for h in hosts]


def _own_addresses(ipv6: bool) -> list[str]:
    name = socket.gethostname()
    try:
        infos = socket.getaddrinfo(name, None, socket.AF_INET6 if ipv6 else socket.AF_INET)
    except OSError:
        return [name]
    found = [str(info[4][0]) for info in infos if not is_loopback(str(info[4][0]))]
    return list(dict.fromkeys(found)) or [name]


def join_required(host: str, forced: bool) -> bool:
    """Past loopback the class's network can reach the server: then a join code is never optional."""
    return forced or not is_loopback(host)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def bank_words(args: argparse.Namespace) -> list[str]:
    """The options that say which bank and data folder: the same for every app and the fork server."""
    words = []
    for flag in ("bank", "seeds", "data_dir"):
        value = getattr(args, flag, None)
        if value:
            words += [f"--{flag.replace('_', '-')}", value]
    return words


def app_command(args: argparse.Namespace, profile: str | None = None, *more: str, forks=None) -> str:
    """The command each browser session runs: `quiz` with this bank and data folder, then `more`;
    a fork of the loaded app through `forks` (a quiz.cli.fork_server.Forks), else a Python of its own."""
    words = bank_words(args)
    profile = profile or getattr(args, "profile", None)
    if profile:
        words.append(f"--profile={profile}")  # one word: a name may start with "-"
    words += more
    command = [sys.executable, "-m", "quiz", *words] if forks is None else forks.command(words)
    if os.name != "posix":
        return shlex.join(command)
    # textual-serve runs the command through a shell: `exec` spares a shell process a student, and
    # makes the process textual-serve knows the app (or its launcher), which a stopping server signals.
    return "exec " + shlex.join(command)


def start_forks(args: argparse.Namespace, quiet: bool):
    """The fork server that starts each browser's app ready-loaded, or None where this system cannot fork
    (each browser then starts a Python of its own, as it also does if the fork server ends)."""
    from quiz.cli.fork_server import Forks, can_fork

    if not can_fork() or os.environ.get(PLAIN_APPS) == "1":
        return None
    try:
        return Forks.start(bank_words(args), quiet=quiet)
    except OSError:
        return None


def serve(args: argparse.Namespace) -> int:
    try:
        from quiz.cli.quiz_server import QuizServer
    except ImportError:
        print("quiz: `quiz serve` needs textual-serve: pip install 'quiz[serve]'", file=sys.stderr)
        return 1
    if not 0 < args.port < 65536:
        print(f"quiz: --port {args.port} is not a port; use 1 to 65535 (default 8000)", file=sys.stderr)
        return 2
    classroom = open_class(args) if args.drill else None
    if args.drill and classroom is None:
        return 1
    # A class is other people's browsers: it always has a join code, whatever the address.
    join_code = new_join_code() if join_required(args.host, args.join or classroom is not None) else None
    urls = page_urls(args.host, args.port, join_code)
    lines = [f"quiz: open {urls[0]} in a browser; Ctrl+C stops the server."]
    lines += [f"      or {url}" for url in urls[1:]]
    if join_code:
        reach = "anyone on this network" if not is_loopback(args.host) else "every user of this machine"
        lines.append(
            f"quiz: join code {join_code}: {reach} can reach this server, so it answers only an address "
            "with the code in it."
        )
    os.environ[SERVED] = "1"  # every app process textual-serve starts inherits it
    on_screen = classroom is not None and sys.stdout.isatty()
    forks = start_forks(args, quiet=on_screen)  # on the class screen, a line from it would break the screen

    def student(name: str) -> str:
        assert classroom is not None
        return app_command(args, name, "drill", classroom.code, f"--name={name}", forks=forks)

    try:
        command = app_command(args, forks=forks)
        banner = "\n".join(lines)
        server = QuizServer(command, args.host, args.port, join_code, banner, student if classroom else None)
        return run_server(args, server, classroom, urls, on_screen)
    finally:
        if forks is not None:
            forks.stop()


def run_server(args: argparse.Namespace, server, classroom, urls: list[str], on_screen: bool) -> int:
    """Serve until stopped: with the teacher's class screen when `on_screen`; then write a class's results."""
    csv_path = Path(args.out or f"class-{datetime.now():%Y-%m-%d-%H%M}.csv")
    if on_screen:
        return run_class_screen(server, classroom, urls, csv_path)
    try:
        server.serve()
    except OSError as exc:
        return _cannot_serve(args, exc)
    print(server.stopped_line(), file=sys.stderr)
    if classroom is not None:
        count = classroom.write_csv(csv_path)
        print(f"quiz: the class's results ({count} students) are in {csv_path}", file=sys.stderr)
    return 0


def _cannot_serve(args: argparse.Namespace, exc: OSError) -> int:
    print(f"quiz: cannot serve on {web_host(args.host)}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
    return 1


def open_class(args: argparse.Namespace):
    """The Classroom for `--drill CODE` on the teacher's database, or None after saying what is wrong."""
    from quiz.cli.classroom import Classroom
    from quiz.cli.drill_commands import canonical
    from quiz.cli.study_commands import open_or_report
    from quiz.core.drill import DrillCodeError

    study = open_or_report(args)
    if study is None:
        return None
    try:
        return Classroom(study, canonical(args.drill, study.bank))
    except DrillCodeError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return None


def run_class_screen(server, classroom, urls: list[str], csv_path: Path) -> int:
    """The teacher's live class screen, with the web server running beside it until the class ends."""
    from quiz.ui.class_app import ClassApp

    async def serve() -> Any:
        stop = await serve_beside(server)
        end_class_on_signals(app)
        return stop

    # server.joined is written by the server's thread; a copy is taken in one step (dict() holds the GIL).
    app = ClassApp(classroom, lambda: dict(server.joined), urls, csv_path, serve)
    app.run()
    if app.return_code:
        return app.return_code
    print(server.stopped_line(), file=sys.stderr)
    print(f"quiz: the class's results are in {csv_path}", file=sys.stderr)
    return 0


def end_class_on_signals(app) -> None:
    """Ctrl+C from elsewhere, SIGTERM or SIGHUP end the class as `q` does: results written, server stopped."""
    import asyncio
    import signal

    from quiz.cli.quiz_server import STOP_SIGNALS

    loop = asyncio.get_running_loop()
    for name in STOP_SIGNALS:
        with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError):  # no SIGHUP, or no handlers
            loop.add_signal_handler(getattr(signal, name), app.call_later, app.action_finish)


async def serve_beside(server):
    """Start the web server in a thread of its own and return a coroutine function that stops it.

    Its own thread and event loop, not the class screen's: redrawing the screen's tables for 30
    students took about 150 ms each refresh, and every student's frames waited for it."""
    import asyncio
    import threading

    from aiohttp import web

    from quiz.cli.quiz_server import HANDLERS_S

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="quiz-web", daemon=True)
    thread.start()
    runner = None

    async def start() -> web.AppRunner:
        nonlocal runner
        runner = web.AppRunner(
            await server._make_app(), handle_signals=False, access_log=None, shutdown_timeout=HANDLERS_S
        )
        await runner.setup()
        await web.TCPSite(runner, server.host, server.port).start()
        return runner

    try:
        await _in(loop, start())
    except BaseException:
        await stop_in(loop, thread, runner)
        raise

    async def stop() -> None:
        await stop_in(loop, thread, runner)

    return stop


async def _in(loop, coroutine):
    """Run `coroutine` on `loop`, the server thread's, and wait for it here."""
    import asyncio

    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, loop))


async def stop_in(loop, thread, runner) -> None:
    """Close every student's connection and app, then end the server's thread."""
    import asyncio

    if runner is not None:
        await _in(loop, runner.cleanup())
    loop.call_soon_threadsafe(loop.stop)
    await asyncio.to_thread(thread.join, 10)
    loop.close()
