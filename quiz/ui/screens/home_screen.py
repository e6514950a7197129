"""Home: who is studying, the decks and how they are going, and what to study next.

Kept light on purpose (a few widgets): it is the first screen, and start-up time is mostly
Textual styling widgets. The session's choices live in a dialog; the panel only shows them.
"""

from __future__ import annotations

from datetime import timedelta

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from quiz.core.model import Deck
from quiz.core.selection import History, Mode, Options
from quiz.study import Study
from quiz.ui.literal import literal, visible
from quiz.ui.screens.session_dialog import SessionChoice, SessionDialog
from quiz.ui.widgets.deck_list import DeckList
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.split_line import SplitLine

DECKS_CAPTION = "Decks · Space picks (none picked: all)"
DECK_COLUMNS = ("", "Deck", "Qs", "Mastered", "Due", "Latest")
DECK_WIDTHS = (1, 12, 3, 8, 3, 6)  # the deck title (12 here) takes what the others leave
MASTERED_AFTER = timedelta(days=7)
"""A question counts as mastered when its latest answer was right and its next review is a week off or more."""


class SessionPanel(Static):
    """The next session's choices; a click opens the dialog that changes them."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.screen.action_options()  # type: ignore[attr-defined]


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start", id="home.start", priority=False),
        Binding("space", "pick", "Pick", tooltip="Pick deck", id="home.pick"),
        Binding("a", "pick_all", "All decks", id="home.all", show=False),
        Binding("o", "options", "Options", tooltip="Session options", id="home.options"),
        Binding("m", "next_mode", "Next mode", id="home.mode", show=False),
        Binding("c", "drill", "Drill", tooltip="Enter a drill code", id="home.drill"),
        Binding("p", "profile", "Profile", id="home.profile"),
        Binding("s", "stats", "Stats", id="home.stats"),
        Binding("r", "read", "Read", tooltip="Read article", id="home.read"),
        Binding("d", "drafts", "Drafts", id="home.drafts"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.picked: set[str] = set()
        self.has_drafts = False  # worked out with the deck rows, not at every key press
        self.choice = SessionChoice()

    @property
    def study(self) -> Study:
        return self.app.study  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        config = self.app.config  # type: ignore[attr-defined]
        mode = Mode(config.mode) if config.mode in Mode._value2member_map_ else Mode.PRACTICE
        self.choice = SessionChoice(mode=mode, count=config.count)
        # The lines docked at the top and bottom; between them, the decks beside the session panel.
        yield SplitLine(id="home-top")
        yield DeckList(DECK_COLUMNS, DECK_WIDTHS, title_column=1, caption=DECKS_CAPTION, id="decks")
        yield SessionPanel(id="session-panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_choice()  # the decks are filled in on_screen_resume, which also runs first time
        self.query_one("#decks", DeckList).focus()

    def on_resize(self) -> None:
        # Too narrow for both: the decks matter more (the choices are one `o` away).
        panel = self.query_one("#session-panel")
        wide = self.size.width >= 64
        if panel.display != wide:
            panel.display = wide

    def on_screen_resume(self) -> None:
        self.refresh_decks()
        self.refresh_bindings()  # "Drafts" shows only while there are drafts

    # ------------------------------------------------------------------ content

    def refresh_decks(self) -> None:
        study = self.study
        history = study.history()
        now = study.now()
        self.query_one("#decks", DeckList).set_rows([self._deck_row(deck, history, now) for deck in study.bank.decks])
        self.has_drafts = any(q.is_draft for d in study.bank.decks for q in d.questions)
        due_today = sum(1 for c in history.cards.values() if c.due <= now + timedelta(hours=24))
        streak = study.store.streak(study.profile, now)
        days = "day" if streak == 1 else "days"
        self.query_one("#home-top", SplitLine).show(
            literal(f"Profile: {study.profile}", "bold"), f"Streak {streak} {days} · {due_today} due today"
        )

    def _deck_row(self, deck: Deck, history: History, now) -> tuple[str, ...]:
        ids = [q.id for q in deck.active]
        mastered = sum(
            1
            for qid in ids
            if history.latest_correct.get(qid)
            and qid in history.cards
            and history.cards[qid].due - now >= MASTERED_AFTER
        )
        due = sum(1 for qid in ids if qid in history.cards and history.cards[qid].due <= now)
        tried = [history.latest_correct[qid] for qid in ids if qid in history.latest_correct]
        latest = f"{sum(tried)}/{len(tried)}" if tried else "–"
        share = f"{100 * mastered // len(ids)}%" if ids else "–"
        pick = "✓" if deck.id in self.picked else " "
        return (pick, deck.title, str(len(ids)), share, str(due), latest)

    def show_choice(self) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for label, value in self.choice.rows():
            grid.add_row(label, Text(visible(value)))
        keys = Table.grid(padding=(0, 1))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in (("o", "change these"), ("m", "next mode"), ("c", "drill code"), ("Enter", "start")):
            keys.add_row(key, what)
        self.query_one("#session-panel", Static).update(
            Group(
                Text("Next session", style="bold"),
                Text(""),
                grid,
                Text(self.choice.mode.describe, style="dim"),
                Text(""),
                keys,
            )
        )

    def options(self) -> Options:
        choice = self.choice
        return Options(
            mode=choice.mode,
            decks=tuple(d.id for d in self.study.bank.decks if d.id in self.picked),
            tags=(choice.tag,) if choice.tag else (),
            difficulty=(choice.level,) if choice.level else (),
            count=choice.count,
            form=choice.form,
        )

    # ------------------------------------------------------------------ actions

    def action_start(self) -> None:
        self.start(self.options())

    def action_options(self) -> None:
        def chosen(choice: SessionChoice | None) -> None:
            if choice is not None:
                self.choice = choice
                self.show_choice()

        tags = sorted({t for q in self.study.bank.questions for t in q.tags})
        self.app.push_screen(SessionDialog(self.choice, tags), chosen)

    def action_next_mode(self) -> None:
        self.choice = self.choice.next_mode()
        self.show_choice()

    def action_drill(self) -> None:
        from quiz.ui.screens.drill_dialog import DrillDialog

        self.app.push_screen(DrillDialog(self.study.bank), lambda options: options and self.start(options))

    def start(self, options: Options) -> None:
        from quiz.ui.screens.question_screen import QuestionScreen

        if options.drill and not options.student:  # `quiz drill CODE`: the student's name first
            from quiz.ui.screens.drill_dialog import DrillDialog

            self.app.push_screen(DrillDialog(self.study.bank, options.drill), lambda o: o and self.start(o))
            return

        session = self.study.start(options)
        if session.current is None:
            self.study.finish(session)
            what = {
                Mode.REVIEW: "Nothing is due for review. Come back later, or practise.",
                Mode.MISTAKES: "No mistakes to go over: your latest answers were all right.",
            }.get(options.mode, "No questions match these choices.")
            self.notify(what, title="Nothing to study", severity="warning")
            return
        self.app.push_screen(QuestionScreen(session))

    def action_pick(self) -> None:
        decks = self.query_one("#decks", DeckList)
        if not self.study.bank.decks:
            return
        row = decks.cursor_row
        self.picked ^= {self.study.bank.decks[row].id}
        mark = "✓" if self.study.bank.decks[row].id in self.picked else " "
        decks.set_rows([(mark, *r[1:]) if i == row else r for i, r in enumerate(decks.rows)])

    def action_pick_all(self) -> None:
        self.picked.clear()
        self.refresh_decks()

    def action_profile(self) -> None:
        from quiz.ui.screens.profile_dialog import ProfileDialog

        def switch(name: str | None) -> None:
            if name:
                self.study.switch_profile(name)
                self.refresh_decks()
                self.notify(f"Now studying as {name}.", markup=False)

        self.app.push_screen(ProfileDialog(self.study.store.profiles(), self.study.profile), switch)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drafts":  # only offered when there is something to review
            return self.has_drafts
        return True

    def action_drafts(self) -> None:
        from quiz.ui.screens.drafts_screen import DraftsScreen

        self.app.push_screen(DraftsScreen())

    def action_stats(self) -> None:
        from quiz.ui.screens.stats_screen import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_read(self) -> None:
        from quiz.ui.screens.read_screen import ReadScreen

        decks = self.study.bank.decks
        if not decks:
            return
        deck = decks[self.query_one("#decks", DeckList).cursor_row]
        article = next((a for a in deck.articles if a in self.study.bank.articles), None)
        if article is None:
            self.notify("This deck has no article to read.", severity="warning")
            return
        self.app.push_screen(ReadScreen(article))
