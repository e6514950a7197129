"""Notices decks that other commands write into the library while the app runs, and reads the bank again.

`quiz import`, `quiz add` and `quiz derive --out` write into the library folder from another
process. Every few seconds the watch lists the library's files (names, sizes, times: about 0.2 ms,
no file is read); when they changed, it reads the bank in a thread (a 50,000-question library
takes seconds) and posts `Changed` with the new bank and a line for each deck that came or changed.
It looks only while its screen is in front: a session keeps the bank it started with.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from quiz.data.library import library_stamp

if TYPE_CHECKING:
    from quiz.core.model import Bank, Deck

CHECK_SECONDS = 2.0


def drafts_in(deck: Deck) -> int:
    return sum(1 for q in deck.questions if q.is_draft)


def deck_counts(bank: Bank) -> dict[str, tuple[str, int, int]]:
    """Each deck's (title, active questions, drafts)."""
    return {d.id: (d.title, len(d.active), drafts_in(d)) for d in bank.decks}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_deck(title: str, active: int, drafts: int, *, new: bool) -> str:
    """One line on a deck that came or changed."""
    waiting = f", {plural(drafts, 'draft')} to review" if drafts else ""
    return f"{'New deck' if new else 'Changed'}: {title} ({plural(active, 'question')}{waiting})"


def news(before: Bank, after: Bank) -> list[str]:
    """A line for each deck of `after` that is new or has other numbers of questions or drafts."""
    old = deck_counts(before)
    return [
        describe_deck(title, active, drafts, new=deck_id not in old)
        for deck_id, (title, active, drafts) in deck_counts(after).items()
        if old.get(deck_id, ("", -1, -1))[1:] != (active, drafts)
    ]


class LibraryWatch(Widget):
    """An invisible widget: posts Changed when the learner's library changed on disk."""

    DEFAULT_CSS = "LibraryWatch { display: none; }"

    class Changed(Message):
        """The bank as read again, and what came or changed in it."""

        def __init__(self, bank: Bank, news: list[str]) -> None:
            super().__init__()
            self.bank, self.news = bank, news

    def __init__(self, data_dir: Path, read: Callable[[], Bank], current: Callable[[], Bank]) -> None:
        """`read`: reads the bank again (in a thread); `current`: the bank the app uses now."""
        super().__init__()
        self.data_dir, self.read, self.current = data_dir, read, current
        self.seen = library_stamp(data_dir)
        self.reading = False

    def on_mount(self) -> None:
        self.set_interval(CHECK_SECONDS, self.look)

    def look(self) -> None:
        """Read the bank again if the library changed since the last look (only while in front)."""
        if self.reading or self.app.screen is not self.screen:
            return
        stamp = library_stamp(self.data_dir)
        if stamp != self.seen:
            self.reading = True
            self.run_worker(lambda: self._read(stamp), thread=True, group="library")

    def _read(self, stamp: frozenset[tuple[str, int, int]]) -> None:
        try:
            bank = self.read()
        except (OSError, ValueError) as exc:  # unreadable now: say so, and try again at the next change
            self.app.call_from_thread(self._failed, stamp, exc)
            return
        self.app.call_from_thread(self._read_done, stamp, bank)

    def _failed(self, stamp: frozenset[tuple[str, int, int]], exc: Exception) -> None:
        self.reading, self.seen = False, stamp
        self.notify(f"Could not read your library: {exc}", severity="warning", markup=False)

    def _read_done(self, stamp: frozenset[tuple[str, int, int]], bank: Bank) -> None:
        self.reading = False
        if self.app.screen is not self.screen:
            return  # a session began meanwhile: look again when the screen is back in front
        self.seen = stamp
        self.post_message(self.Changed(bank, news(self.current(), bank)))
