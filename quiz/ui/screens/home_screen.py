"""Home: who is studying, the decks and how they are going, and what to study next.

Kept light on purpose (a few widgets): it is the first screen, and start-up time is mostly
Textual styling widgets. The session's choices live in a dialog; the panel only shows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import compress
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from quiz.core.mode import Mode
from quiz.core.outline import DeckOutline
from quiz.data import preferences
from quiz.data.store import QuestionFigures
from quiz.study import Study
from quiz.ui.literal import literal, visible
from quiz.ui.session_choice import SessionChoice
from quiz.ui.widgets.deck_list import DeckList
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.library_watch import LibraryWatch, plural
from quiz.ui.widgets.split_line import SplitLine

if TYPE_CHECKING:
    from quiz.core.selection import Options

DECKS_CAPTION = "Decks · Space picks (none picked: all)"
DECK_COLUMNS = ("", "Deck", "Qs", "Mastered", "Due", "Latest")
DECK_WIDTHS = (1, 12, 2, 4, 3, 5)  # least widths: the figures widen to fit, the title takes the rest
DUE_COLUMN = DECK_COLUMNS.index("Due")


def deck_title(deck: DeckOutline) -> str:
    """The title, after how many drafts wait in the deck (first, so a cut title still shows it)."""
    return f"{plural(deck.drafts, 'draft')} · {deck.title}" if deck.drafts else deck.title


class DeckFigures:
    """The deck table's figures: each id the store returns is counted once under its deck (and again under any
    other deck that has it too), so 50,000 questions take a few milliseconds and build no set of them."""

    def __init__(self, figures: QuestionFigures, decks: Sequence[DeckOutline]) -> None:
        first, also = _deck_numbers(decks)
        self.due = _per_deck(map(first.get, figures.due_ids), figures.due_ids, also)
        self.mastered = _per_deck(map(first.get, figures.mastered_ids), figures.mastered_ids, also)
        answered, right = figures.answered_ids, figures.latest_right
        numbers = list(map(first.get, answered))
        self.tried = _per_deck(numbers, answered, also)
        self.right = _per_deck(compress(numbers, right), compress(answered, right), also)

    def row(self, number: int, deck: DeckOutline, picked: bool) -> tuple[str, ...]:
        """Deck `number`'s row: pick mark, title, questions, share mastered, due today, latest right/answered."""
        tried = self.tried[number]
        latest = f"{self.right[number]}/{tried}" if tried else "–"
        share = f"{100 * self.mastered[number] // deck.count}%" if deck.count else "–"
        return ("✓" if picked else " ", deck_title(deck), str(deck.count), share, str(self.due[number]), latest)


def _per_deck(numbers: Iterable[int | None], ids: Iterable[str], also: list[tuple[str, int]]) -> Counter[int | None]:
    """How many of `ids`, whose first deck numbers are `numbers` (None: in no deck), each deck has among its
    active questions."""
    counts = Counter(numbers)
    if also:
        listed = frozenset(ids)
        counts.update(number for qid, number in also if qid in listed)
    return counts


def _deck_numbers(decks: Sequence[DeckOutline]) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Active question id -> the number of its first deck, and the (id, number) of any later deck that has it too.

    Made again only when the outline changes: the home screen counts its figures at every return to it.
    """
    global _numbered
    if _numbered is None or _numbered[0] is not decks:
        first: dict[str, int] = {}
        for number in range(len(decks) - 1, -1, -1):  # the first deck last, so that its number stays
            first.update(dict.fromkeys(decks[number].active, number))
        also: list[tuple[str, int]] = []
        if len(first) < sum(len(deck.active) for deck in decks):  # an id in two decks (`quiz check` says so)
            for number, deck in enumerate(decks):
                also.extend((qid, number) for qid in deck.active if first[qid] != number)
        _numbered = (decks, (first, also))
    return _numbered[1]


_numbered: tuple[Sequence[DeckOutline], tuple[dict[str, int], list[tuple[str, int]]]] | None = None


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
        # Early in the bar, so drafts that wait are offered even where later keys give way.
        Binding("d", "drafts", "Drafts", tooltip="Review drafts", id="home.drafts"),
        Binding("p", "profile", "Profile", id="home.profile"),
        Binding("s", "stats", "Stats", id="home.stats"),
        Binding("r", "read", "Read", tooltip="Read article", id="home.read"),
        Binding("b", "browse", "Browse", tooltip="Browse questions", id="home.browse"),
        # Last, so they give way first at 80 columns: the session panel lists them too.
        Binding("o", "options", "Options", tooltip="Session options", id="home.options"),
        Binding("c", "drill", "Drill", tooltip="Enter a drill code", id="home.drill"),
        Binding("m", "next_mode", "Next mode", id="home.mode", show=False),
        Binding("comma", "settings", "Settings", tooltip="Study settings", id="home.settings", show=False),
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
        self.restore_choice()
        # The lines docked at the top and bottom; between them, the decks beside the session panel.
        yield SplitLine(id="home-top")
        yield DeckList(DECK_COLUMNS, DECK_WIDTHS, title_column=1, caption=DECKS_CAPTION, id="decks")
        yield SessionPanel(id="session-panel")
        yield KeyBar()
        study = self.study
        if study.data_dir is not None and study.reload is not None:
            yield LibraryWatch(study.data_dir, study.reload, lambda: self.study.bank)

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
        for watch in self.query(LibraryWatch):
            watch.look()  # what changed while another screen was in front

    @on(LibraryWatch.Changed)
    def _library_changed(self, event: LibraryWatch.Changed) -> None:
        self.study.bank = event.bank
        self.refresh_decks()
        self.refresh_bindings()
        if event.news:
            offer = "\nPress d to review the drafts." if self.has_drafts else ""
            self.notify("\n".join(event.news[:3]) + offer, title="Library", markup=False, timeout=8)

    # ------------------------------------------------------------------ content

    def refresh_decks(self) -> None:
        study = self.study
        now = study.now()
        decks = study.outline.decks  # a bank opened from the cache has no questions built yet
        figures = DeckFigures(study.question_figures(now), decks)  # from the store's indexes: no card is built
        rows = [figures.row(number, deck, deck.id in self.picked) for number, deck in enumerate(decks)]
        self.query_one("#decks", DeckList).set_rows(rows)
        self.has_drafts = any(deck.drafts for deck in decks)
        due_today = sum(int(row[DUE_COLUMN]) for row in rows)  # the header agrees with the Due column
        streak = study.streak(now)
        days = "day" if streak == 1 else "days"
        self.query_one("#home-top", SplitLine).show(
            literal(f"Profile: {study.profile}", "bold"), f"Streak {streak} {days} · {due_today} due today"
        )

    def restore_choice(self) -> None:
        """The profile's choices from last time; the config's mode and count where there are none."""
        config = self.app.config  # type: ignore[attr-defined]
        mode = Mode(config.mode) if config.mode in Mode._value2member_map_ else Mode.PRACTICE
        default = SessionChoice(mode=mode, count=config.count)
        data_dir = self.study.data_dir
        saved = preferences.load(data_dir, self.study.profile) if data_dir is not None else {}
        choice = SessionChoice.restored(saved, default)
        outline = self.study.outline
        if choice.tag is not None and choice.tag not in outline.tags:
            choice = replace(choice, tag=None)  # the bank has changed since: "any" rather than nothing at all
        self.choice = choice
        decks = saved.get("decks", [])
        self.picked = {d.id for d in outline.decks if d.id in decks}  # type: ignore[operator]

    def remember_choice(self) -> None:
        """Keep the choices and picked decks for this profile's next start."""
        data_dir = self.study.data_dir
        if data_dir is None:
            return
        picked = [d.id for d in self.study.outline.decks if d.id in self.picked]
        try:
            preferences.save(data_dir, self.study.profile, {**self.choice.saved(), "decks": picked})
        except OSError as exc:  # a read-only data folder: the session still runs, only the memory is lost
            self.notify(f"Could not remember these choices: {exc}", severity="warning", markup=False)

    def show_choice(self) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for label, value in self.choice.rows():
            grid.add_row(label, Text(visible(value)))
        keys = Table.grid(padding=(0, 1))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in (
            ("o", "change these"),
            ("m", "next mode"),
            ("c", "drill code"),
            (",", "settings"),
            ("Enter", "start"),
        ):
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
        from quiz.core.selection import Options  # selection's dataclasses: home is drawn before any is needed

        choice = self.choice
        return Options(
            mode=choice.mode,
            decks=tuple(d.id for d in self.study.outline.decks if d.id in self.picked),
            tags=(choice.tag,) if choice.tag else (),
            difficulty=(choice.level,) if choice.level else (),
            count=choice.count,
            form=choice.form,
            time_limit=choice.time_limit,
        )

    # ------------------------------------------------------------------ actions

    def action_start(self) -> None:
        self.start(self.options())

    def action_options(self) -> None:
        from quiz.ui.screens.session_dialog import SessionDialog

        def chosen(choice: SessionChoice | None) -> None:
            if choice is not None:
                self.choice = choice
                self.show_choice()
                self.remember_choice()

        tags = sorted(self.study.outline.tags)
        self.app.push_screen(SessionDialog(self.choice, tags), chosen)

    def action_next_mode(self) -> None:
        self.choice = self.choice.next_mode()
        self.show_choice()
        self.remember_choice()

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
                Mode.REVIEW: "Nothing is due today and no new questions are left: come back tomorrow, or practise.",
                Mode.MISTAKES: "No mistakes to go over: your latest answers were all right.",
            }.get(options.mode, "No questions match these choices.")
            picked = [d for d in self.study.bank.decks if d.id in options.decks]
            if picked and not any(d.active for d in picked) and any(d.questions for d in picked):
                what = "The picked decks have only drafts so far: press d to review them."
            self.notify(what, title="Nothing to study", severity="warning")
            return
        self.app.push_screen(QuestionScreen(session))

    def action_pick(self) -> None:
        decks = self.query_one("#decks", DeckList)
        outline = self.study.outline.decks
        if not outline:
            return
        row = decks.cursor_row
        self.picked ^= {outline[row].id}
        mark = "✓" if outline[row].id in self.picked else " "
        decks.set_rows([(mark, *r[1:]) if i == row else r for i, r in enumerate(decks.rows)])
        self.remember_choice()

    def action_pick_all(self) -> None:
        self.picked.clear()
        self.refresh_decks()
        self.remember_choice()

    def action_profile(self) -> None:
        from quiz.ui.screens.profile_dialog import ProfileDialog

        def switch(name: str | None) -> None:
            if name:
                self.study.switch_profile(name)
                self.restore_choice()
                self.show_choice()
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

    def action_settings(self) -> None:
        from quiz.data import config as settings
        from quiz.ui.screens.settings_dialog import SettingsDialog

        app = self.app

        def save(config: settings.Config | None) -> None:
            if config is None or config == app.config:  # type: ignore[attr-defined]
                return
            app.config = config  # type: ignore[attr-defined]
            self.study.use_settings(config)  # this run studies by them from now on
            if app.config_dir is None:  # type: ignore[attr-defined]
                self.notify("Settings changed for this run only (no config folder).", severity="warning")
                return
            try:
                settings.save(app.config_dir, config)  # type: ignore[attr-defined]
            except OSError as exc:
                self.notify(f"Settings not saved: {exc}", severity="error", markup=False)
                return
            self.notify(f"Saved in {settings.config_file(app.config_dir)}.", title="Settings", markup=False)  # type: ignore[attr-defined]
            self.refresh_decks()  # the day's start moves what is due today

        app.push_screen(SettingsDialog(app.config), save)  # type: ignore[attr-defined]

    def action_browse(self) -> None:
        from quiz.ui.screens.browse_screen import BrowseScreen

        self.app.push_screen(BrowseScreen())

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
        self.app.push_screen(ReadScreen(article, options=self.options()))
