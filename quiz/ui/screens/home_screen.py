"""Home: who is studying, the decks and how they are going, and what to study next."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static

from quiz.core.model import Deck
from quiz.core.selection import History, Mode, Options
from quiz.core.verdict import Form
from quiz.study import Study
from quiz.ui.literal import cell, literal

MASTERED_AFTER = timedelta(days=7)
"""A question counts as mastered when its latest answer was right and its next review is a week off or more."""


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start", id="home.start", priority=False),
        Binding("space", "pick", "Pick deck", id="home.pick"),
        Binding("a", "pick_all", "All decks", id="home.all", show=False),
        Binding("p", "profile", "Profile", id="home.profile"),
        Binding("s", "stats", "Stats", id="home.stats"),
        Binding("r", "read", "Read article", id="home.read"),
        Binding("d", "drafts", "Drafts", id="home.drafts"),
        Binding("m", "next_mode", "Mode", id="home.mode", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.picked: set[str] = set()
        self.has_drafts = False  # worked out with the deck rows, not at every key press
        self.deck_width = 0

    @property
    def study(self) -> Study:
        return self.app.study  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        config = self.app.config  # type: ignore[attr-defined]
        tags = sorted({t for q in self.study.bank.questions for t in q.tags})
        with Horizontal(id="home-top"):
            yield Static(id="profile-line")
            yield Static(id="today-line")
        with Horizontal(id="home-body"):
            with Vertical(id="decks-panel"):
                yield Label("Decks · Enter starts · Space picks (none picked: all)", classes="panel-title")
                yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            with Vertical(id="session-panel"):
                yield Label("Session", classes="panel-title")
                yield Label("Mode")
                yield Select(
                    [(m.value, m.value) for m in Mode], value=config.mode, allow_blank=False, id="mode", compact=True
                )
                yield Static(id="mode-help", classes="muted")
                yield Label("Questions")
                yield Input(str(config.count), id="count", type="integer", max_length=3, compact=True)
                yield Label("Tag")
                yield Select([(t, t) for t in tags], prompt="any tag", id="tag", compact=True)
                yield Label("Difficulty")
                yield Select(
                    [("1 · fact", 1), ("2 · context", 2), ("3 · reasoning", 3)], prompt="any", id="level", compact=True
                )
                yield Label("Format")
                yield Select(
                    [("multiple choice", Form.CHOICE), ("typed", Form.TYPED), ("flashcards", Form.FLASHCARD)],
                    prompt="recognise, then recall",
                    id="form",
                    compact=True,
                )
                yield Button("Start", id="start", variant="primary")
                yield Label("Drill code from your teacher")
                yield Input(placeholder="e.g. B4E1-G81G-0180-Y", id="drill-code", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._describe_mode()  # the decks are filled in on_screen_resume, which also runs first time
        self.query_one("#decks", DataTable).focus()

    def on_resize(self) -> None:
        if self.deck_width != self._fitting_width():
            self.refresh_decks()

    def _fitting_width(self) -> int:
        """Deck titles take what the other columns leave, so every column shows at 80 columns."""
        panel = self.query_one("#decks-panel").size.width
        return max(12, min(40, panel - 42)) if panel else 30

    def on_screen_resume(self) -> None:
        self.refresh_decks()
        self.refresh_bindings()  # "Drafts" shows only while there are drafts

    # ------------------------------------------------------------------ content

    def refresh_decks(self) -> None:
        study = self.study
        history = study.history()
        now = study.now()
        table = self.query_one("#decks", DataTable)
        cursor = table.cursor_row
        width = self._fitting_width()
        if width != self.deck_width:
            table.clear(columns=True)
            table.add_column("", key="pick", width=1)
            table.add_column("Deck", key="deck", width=width)
            table.add_columns("Qs", "Mastered", "Due", "Latest")
            self.deck_width = width
        table.clear()
        for deck in study.bank.decks:
            table.add_row(*self._deck_row(deck, history, now), key=deck.id)
        self.has_drafts = any(q.is_draft for d in study.bank.decks for q in d.questions)
        if study.bank.decks:
            table.move_cursor(row=min(cursor, len(study.bank.decks) - 1))
        due_today = sum(1 for c in history.cards.values() if c.due <= now + timedelta(hours=24))
        streak = study.store.streak(study.profile, now)
        days = "day" if streak == 1 else "days"
        self.query_one("#profile-line", Static).update(literal(f"Profile: {study.profile}"))
        self.query_one("#today-line", Static).update(f"Streak {streak} {days} · {due_today} due today")

    def _deck_row(self, deck: Deck, history: History, now) -> tuple[object, ...]:
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
        return (pick, cell(deck.title), str(len(ids)), share, str(due), latest)

    def _describe_mode(self) -> None:
        mode = Mode(self.query_one("#mode", Select).value)
        self.query_one("#mode-help", Static).update(mode.describe)

    def options(self) -> Options:
        mode = Mode(self.query_one("#mode", Select).value)
        raw = self.query_one("#count", Input).value
        count = int(raw) if raw.isdigit() and int(raw) > 0 else 10
        tag = self.query_one("#tag", Select).value
        level = self.query_one("#level", Select).value
        form = self.query_one("#form", Select).value
        return Options(
            mode=mode,
            decks=tuple(d.id for d in self.study.bank.decks if d.id in self.picked),
            tags=(tag,) if isinstance(tag, str) else (),
            difficulty=(level,) if isinstance(level, int) else (),
            count=count,
            form=form if isinstance(form, Form) else None,
        )

    # ------------------------------------------------------------------ actions

    @on(Select.Changed, "#mode")
    def _mode_changed(self) -> None:
        self._describe_mode()

    @on(Button.Pressed, "#start")
    @on(DataTable.RowSelected, "#decks")
    @on(Input.Submitted, "#count")
    def action_start(self) -> None:
        self.start(self.options())

    @on(Input.Submitted, "#drill-code")
    def _drill_code(self, event: Input.Submitted) -> None:
        from quiz.core.drill import DrillCodeError, decode, encode

        event.stop()
        bank = self.study.bank
        try:
            code = encode(decode(event.value, bank), bank)
        except DrillCodeError as exc:
            self.notify(str(exc), title="Drill code", severity="error", markup=False)
            return
        self.start(decode(code, bank).options(code))

    def start(self, options: Options) -> None:
        from quiz.ui.screens.question_screen import QuestionScreen

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
        table = self.query_one("#decks", DataTable)
        if not self.study.bank.decks:
            return
        deck = self.study.bank.decks[table.cursor_row]
        self.picked ^= {deck.id}
        table.update_cell(deck.id, "pick", "✓" if deck.id in self.picked else " ")

    def action_pick_all(self) -> None:
        self.picked.clear()
        self.refresh_decks()

    def action_next_mode(self) -> None:
        select = self.query_one("#mode", Select)
        modes = list(Mode)
        select.value = modes[(modes.index(Mode(select.value)) + 1) % len(modes)].value

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
        deck = decks[self.query_one("#decks", DataTable).cursor_row]
        article = next((a for a in deck.articles if a in self.study.bank.articles), None)
        if article is None:
            self.notify("This deck has no article to read.", severity="warning")
            return
        self.app.push_screen(ReadScreen(article))
