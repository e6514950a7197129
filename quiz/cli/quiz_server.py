"""The web server behind `quiz serve`: textual-serve's, with the doors a classroom needs closed.

textual-serve gives each browser its own app process over a WebSocket. On top of it this server
checks every request before it reaches textual-serve:

- the Host header must name this server, so a foreign site that points its own name at the
  teacher's machine (DNS rebinding) is refused;
- a WebSocket upgrade must come from a page of this server (its Origin), so a page elsewhere
  that the teacher happens to visit cannot open a session;
- past loopback, every page and WebSocket must carry the join code printed at start-up.

In a class (`quiz serve --drill CODE`) the page first asks the student's name, and each browser's
app process takes the drill under that name; the same name again (a refresh, a late return) goes on
where that student stopped.

When the server stops (Ctrl+C, SIGTERM, SIGHUP) it closes every browser's WebSocket and ends its app
itself (quiz.cli.serve_sessions), rather than wait for the browsers to leave.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import logging
import signal
import time
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from quiz.cli.serve_commands import LOOPBACK_NAMES, is_loopback, web_host
from quiz.cli.serve_sessions import CLOSE_S, QUIT_S, SIGNAL_S, Sessions

JOIN_PARAM = "join"
STUDENT_PARAM = "name"
MAX_NAME = 40  # as a profile name
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
HANDLERS_S = CLOSE_S + QUIT_S + 3 * SIGNAL_S
"""How long aiohttp waits for the request handlers once every session was ended (they end with their apps)."""


def student_name(text: str) -> str | None:
    """The name as the teacher will see it (spaces folded), or None when it cannot be one."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(ch)[0] == "C" for ch in name):
        return None
    return name


class QuizServer(Server):
    """textual-serve's Server with Host, Origin and join-code checks, and URLs that follow the request."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        join_code: str | None,
        banner: str,
        student_command: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title="quiz", public_url=f"http://{web_host(host)}:{port}")
        self.join_code = join_code
        self.banner = banner
        self.student_command = student_command  # a class: the command for each student's name
        self.joined: dict[str, float] = {}  # a class: each student's name -> when their browser last connected
        self.refused: list[str] = []  # why each refused request was refused, for the log
        self.sessions = Sessions()
        self.stopping = False

    # -------------------------------------------------------------- the checks

    def host_allowed(self, host_header: str) -> bool:
        """Whether a Host header names this server (any name, past loopback: the join code guards it)."""
        name = urlsplit(f"//{host_header}").hostname or ""
        return name in LOOPBACK_NAMES if is_loopback(self.host) else bool(name)

    def origin_allowed(self, request: web.Request) -> bool:
        """Whether a WebSocket upgrade comes from a page this server served."""
        origin = request.headers.get("Origin")
        if not origin:
            return False
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == request.host.lower()

    def join_allowed(self, request: web.Request) -> bool:
        if self.join_code is None:
            return True
        given = request.match_info.get(JOIN_PARAM) or request.query.get(JOIN_PARAM, "")
        return hmac.compare_digest(given.upper().encode(), self.join_code.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refuse, before textual-serve sees it, any request that fails a check."""
        if not self.host_allowed(request.host):
            return self.refuse(request, "this server does not answer to that name")
        if request.path.startswith("/static/"):
            return await handler(request)  # textual-serve's own scripts and styles: nothing private
        if not self.join_allowed(request):
            return self.refuse(request, "this class needs its join code: use the whole address your teacher gave")
        if request.path.startswith("/ws") and not self.origin_allowed(request):
            return self.refuse(request, "a WebSocket from another site's page is not accepted")
        return await handler(request)

    def refuse(self, request: web.Request, why: str) -> web.Response:
        self.refused.append(why)
        logging.getLogger("quiz.serve").warning("refused %s %s: %s", request.method, request.path, why)
        return web.Response(status=403, text=f"quiz: {why}\n")

    # -------------------------------------------------------------- textual-serve hooks

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_get(f"/ws/{{{JOIN_PARAM}}}", self.handle_websocket)
        app.router.add_get(f"/ws/{{{JOIN_PARAM}}}/{{{STUDENT_PARAM}}}", self.handle_websocket)
        return app

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A browser's app over its WebSocket; in a class, this student's own command."""
        if self.student_command is None:
            return await self.run_session(request, self.command)
        name = student_name(request.match_info.get(STUDENT_PARAM, ""))
        if name is None:
            return self.refuse(request, "a student's name is needed to join the class")  # type: ignore[return-value]
        self.joined[name] = time.time()
        return await self.run_session(request, self.student_command(name))

    async def run_session(self, request: web.Request, command: str) -> web.WebSocketResponse:
        """Run `command` as this browser's app until either ends, known to `self.sessions` meanwhile
        so that a stopping server can end it (textual-serve's own handler keeps its app to itself)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        service = AppService(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions.add(websocket, service)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        try:
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()  # asks the app to quit and waits for its output to end
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            logging.getLogger("textual-serve").exception(error)
        finally:
            self.sessions.discard(websocket)
        return websocket

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with its script and WebSocket addresses taken from the address the browser used."""
        base = f"{request.scheme}://{request.host}"
        socket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        if self.join_code is not None:
            socket += f"/{self.join_code}"  # the page's script adds its own "?width=..." query
        if self.student_command is not None:
            name = student_name(request.query.get(STUDENT_PARAM, ""))
            if name is None:
                return self.name_page(request)
            socket += "/" + quote(name, safe="")
        context = {
            "font_size": _int(request.query.get("fontsize"), 16),
            "app_websocket_url": socket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def name_page(self, request: web.Request) -> web.Response:
        """A class's first page: the student's name, sent back as ?name=... (a refresh keeps it)."""
        given = request.query.get(STUDENT_PARAM)
        problem = "" if given is None else f"<p class=problem>Type your name: 1 to {MAX_NAME} letters.</p>"
        join = "" if self.join_code is None else f'<input type=hidden name={JOIN_PARAM} value="{self.join_code}">'
        page = NAME_PAGE.format(
            title=html.escape(self.title), problem=problem, join=join, field=STUDENT_PARAM, most=MAX_NAME
        )
        return web.Response(text=page, content_type="text/html")

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(self.banner, highlight=False, markup=False)

    async def on_shutdown(self, app: web.Application) -> None:
        """Before aiohttp waits for the handlers: end every session, so that none of them keeps it waiting."""
        await self.sessions.end_all()

    # -------------------------------------------------------------- running

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT (Ctrl+C), SIGTERM or SIGHUP, then stop within a few seconds."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for name in STOP_SIGNALS:
            with contextlib.suppress(AttributeError, NotImplementedError):  # Windows: no SIGHUP, no handlers
                loop.add_signal_handler(getattr(signal, name), self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=None,
            shutdown_timeout=HANDLERS_S,
        )

    def request_exit(self) -> None:
        """Stop serving; a second signal while stopping changes nothing (stopping is already bounded)."""
        if not self.stopping:
            self.stopping = True
            super().request_exit()

    def stopped_line(self) -> str:
        """What the teacher is told once the server has stopped."""
        count = self.sessions.ended_at_stop
        return f"quiz: the server stopped; {count} student{'' if count == 1 else 's'} disconnected"


NAME_PAGE = """<!DOCTYPE html>
<html lang=en><head><meta charset=utf-8><title>{title}: join the class</title>
<style>
body {{ font-family: sans-serif; background: #0c181f; color: #eee; display: grid; place-items: center; height: 90vh; }}
form {{ display: grid; gap: 12px; font-size: 20px; }}
input {{ font-size: 20px; padding: 8px; }}
.problem {{ color: #ffb3b3; }}
</style></head>
<body><form method=get action="/">
<label for=name>Your name, as your teacher will see it</label>
{problem}{join}
<input id=name name={field} maxlength={most} autofocus required autocomplete=name>
<button type=submit>Join the drill</button>
</form></body></html>
"""


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default
