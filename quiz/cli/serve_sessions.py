"""The browsers connected to `quiz serve`, each with its app, and how the server ends them all when it stops.

aiohttp's graceful shutdown waits for every request handler to return, and a WebSocket's handler
returns only once its browser closes it: with a tab still open, a stopped server waited some 20 s and
then cut the sockets off (1006, "abnormal closure"). Here the server closes each WebSocket itself (1001,
"going away"), which makes textual-serve ask the app to quit, as a closed tab does; an app that has
not ended by then is hung up (SIGHUP), then terminated, then killed. Every answer was committed
when it was given: these steps only let each app close its database, so that quiz.db holds it all.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from dataclasses import dataclass, field

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService

CLOSE_S = 0.5  # how long a browser has to answer the WebSocket's close
QUIT_S = 1.0  # how long an app has to quit as it does for a closed tab, before it is hung up
SIGNAL_S = 0.5  # how long an app has after SIGHUP, then after SIGTERM, before the next
KILLED_S = 0.1  # how long the server reads a killed app's last output
ESCALATION = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGKILL") if hasattr(signal, name))
"""Hang up, terminate, kill (Windows has only SIGTERM, which terminates)."""
GOING_AWAY = b"the quiz server stopped"


@dataclass
class Sessions:
    """The live sessions: each browser's WebSocket and the app service that runs its app."""

    live: dict[web.WebSocketResponse, AppService] = field(default_factory=dict)
    ended_at_stop: int = 0  # how many the server disconnected when it stopped

    def add(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        self.live[websocket] = service

    def discard(self, websocket: web.WebSocketResponse) -> None:
        self.live.pop(websocket, None)

    async def end_all(self) -> int:
        """Close every browser's WebSocket and end its app; how many there were."""
        sessions = list(self.live.items())
        await asyncio.gather(*(end_session(websocket, service) for websocket, service in sessions))
        self.ended_at_stop += len(sessions)
        return len(sessions)


async def end_session(websocket: web.WebSocketResponse, service: AppService) -> None:
    """Close the browser's WebSocket as going away, then see its app end, by signals if it must."""
    with contextlib.suppress(Exception):  # a browser already gone: its app is ended below all the same
        await asyncio.wait_for(websocket.close(code=WSCloseCode.GOING_AWAY, message=GOING_AWAY), CLOSE_S)
    # textual-serve keeps the process it started (here the launcher, which passes signals on to the app,
    # or the app itself) to itself; it is the one handle on the app there is.
    process: asyncio.subprocess.Process | None = getattr(service, "_process", None)
    if process is not None:
        killed = await _signal_until_ended(process)
        await _stop_reading(service, process, SIGNAL_S if not killed else KILLED_S)


async def _signal_until_ended(process: asyncio.subprocess.Process) -> bool:
    """Wait for the process to quit, then hang it up, terminate it and at last kill it; whether it was killed."""
    if await _ended(process, QUIT_S):
        return False
    for number in ESCALATION:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(number)
        if await _ended(process, SIGNAL_S):
            break
    return number == ESCALATION[-1]


async def _stop_reading(service: AppService, process: asyncio.subprocess.Process, seconds: float) -> None:
    """Let textual-serve read the app's last output for up to `seconds`, then stop reading it.

    A forked app holds its output itself, so a killed launcher does not end it: the server lets go
    of that output rather than wait for it (the fork server ends that app as it stops)."""
    reading: asyncio.Task[None] | None = getattr(service, "_task", None)
    if reading is None or (await asyncio.wait({reading}, timeout=seconds))[0]:
        return
    reading.cancel()
    transport = getattr(process, "_transport", None)
    if transport is not None:
        transport.close()


async def _ended(process: asyncio.subprocess.Process, seconds: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), seconds)
    except TimeoutError:
        return False
    return True
