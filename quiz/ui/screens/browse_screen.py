"""The question browser: find any question, see it whole with its history, suspend, flag or edit it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from quiz.core.catalog import Catalog, Entry, parse
from quiz.core.model import Question
from quiz.core.schedule import format_interval
from quiz.study import Study
from quiz.ui.literal import literal
from quiz.ui.widgets.feedback_panel import evidence_content
from quiz.ui.widgets.key_bar import KeyBar
from quiz.ui.widgets.question_list import QuestionList

SYNTAX = "deck: tag: kind: is:due/new/suspended/flagged/library (-is: not) acc<60"


class BrowseScreen(Screen[None]):
    CSS_PATH = "browse_screen.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", tooltip="Type a search", id="browse.search"),
        Binding(
            "s", "suspend", "Suspend", tooltip="Suspend or unsuspend: never asked while suspended", id="browse.suspend"
        ),
        Binding("f", "flag", "Flag", tooltip="Flag or unflag", id="browse.flag"),
        Binding("e", "edit", "Edit", tooltip="Edit a question of your library", id="browse.edit"),
        Binding("down", "to_list", "To the list", show=False, id="browse.list"),
        Binding("escape", "back", "Back", id="browse.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.catalog = Catalog([])

    @property
    def study(self) -> Study:
        return self.app.study  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(id="browse-body"):
            with Vertical(id="browse-list"):
                yield Input(placeholder="Search: words, deck:, tag:, kind:, is:due, acc<60 …", id="browse-query")
                yield Static(id="browse-count", classes="muted")
                yield QuestionList(id="browse-questions")
            with VerticalScroll(id="browse-detail"):
                yield Static(id="browse-view")
        yield KeyBar()

    def on_mount(self) -> None:
        self.catalog = self.load()
        self.query_one("#browse-query", Input).focus()
        self.search("")

    def load(self) -> Catalog:
        """Every question of the bank with this learner's schedule, results and marks."""
        study = self.study
        history = study.history()
        marks = {qid: (m.suspended, m.flagged) for qid, m in study.store.marks(study.profile).items()}
        library = _library_folder(study.data_dir)
        seen: dict[Path, bool] = {}  # one look at the disk per deck file, not per question
        return Catalog.build(
            study.bank.questions,
            history.due,
            study.store.results(study.profile),
            marks,
            lambda q: library is not None and q.source is not None and _inside(q.source, library, seen),
        )

    # ------------------------------------------------------------------ searching

    @on(Input.Changed, "#browse-query")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#browse-query")
    def action_to_list(self) -> None:
        self.query_one(QuestionList).focus()

    def search(self, text: str) -> list[Entry]:
        query = parse(text)
        found = self.catalog.search(query, self.study.today().end)
        self.query_one(QuestionList).show(found)
        total = len(self.catalog.entries)
        said = f"{len(found):,} of {total:,} questions" + (f" · {query.problem}" if query.problem else "")
        self.query_one("#browse-count", Static).update(f"{said}\n{SYNTAX}")
        return found

    @on(QuestionList.Highlighted)
    def _highlighted(self, event: QuestionList.Highlighted) -> None:
        self.describe(event.entry)

    # ------------------------------------------------------------------ one question, whole

    def describe(self, entry: Entry | None) -> None:
        view = self.query_one("#browse-view", Static)
        if entry is None:
            view.update("No question matches. Fewer words, or another filter?")
            return
        q = entry.question
        state = [w for w, on_ in (("suspended", entry.suspended), ("flagged", entry.flagged)) if on_]
        where = "your library" if entry.library else "the built-in bank (read-only)"
        due = "new: never answered"
        if entry.due is not None:
            due = f"due {entry.due.astimezone():%Y-%m-%d %H:%M}"
        lines = [
            Content.assemble((q.id, "bold"), literal(f" · {q.kind.value} · deck {q.deck} · {where}")),
            literal(f"tags: {', '.join(q.tags) or '–'} · level {q.difficulty} · {due}"),
            Content.assemble(("\nPrompt\n", "bold"), literal(q.prompt)),
            Content.assemble(("\nAnswer\n", "bold"), literal(f"  ✓ {q.answer_text}")),
        ]
        if state:
            lines.insert(2, Content.assemble((" · ".join(state).upper(), "bold")))
        if q.alternatives:
            lines.append(
                Content.assemble(("Also accepted\n", "bold"), literal("\n".join(f"  ✓ {a}" for a in q.alternatives)))
            )
        if q.distractors:
            lines.append(
                Content.assemble(("Distractors\n", "bold"), literal("\n".join(f"  ✗ {d}" for d in q.distractors)))
            )
        lines.append(Content.assemble(("\nEvidence\n", "bold"), evidence_content(q)))
        lines.append(Content.assemble(("\nExplanation\n", "bold"), literal(q.explanation)))
        lines.append(Content.assemble(("\nYour answers\n", "bold"), self._history(q)))
        view.update(Content("\n").join(lines))

    def _history(self, q: Question) -> Content:
        attempts = self.study.store.question_attempts(self.study.profile, q.id)
        if not attempts:
            return Content("none yet")
        rows = []
        for a in attempts:
            sign = "✓" if a["correct"] else "✗"
            note = " (you said you were right)" if a["overridden"] else ""
            took = format_interval_seconds(a["elapsed_ms"])
            when = a["answered_at"].astimezone()
            rows.append(literal(f"{when:%Y-%m-%d %H:%M} {sign} {a['mode']:<8} {took:>6}  {a['given']}{note}"))
        return Content("\n").join(rows)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ("suspend", "flag", "edit"):
            return True
        found = self.query(QuestionList)
        entry = found.first().current if found else None
        if action in ("suspend", "flag"):
            return entry is not None
        if action == "edit":  # on a built-in question too: the action says it is read-only
            return entry is not None and self.study.data_dir is not None
        return True

    def action_search(self) -> None:
        self.query_one("#browse-query", Input).focus()

    def _mark(self, **change: bool) -> None:
        questions = self.query_one(QuestionList)
        entry = questions.current
        if entry is None:
            return
        self.study.store.mark(self.study.profile, entry.question.id, **change)
        entry.suspended = change.get("suspended", entry.suspended)
        entry.flagged = change.get("flagged", entry.flagged)
        self.catalog.changed()
        questions.refresh()
        self.describe(entry)

    def action_suspend(self) -> None:
        entry = self.query_one(QuestionList).current
        if entry is not None:
            self._mark(suspended=not entry.suspended)
            self.notify(
                f"{entry.question.id} {'suspended: never asked' if entry.suspended else 'back in study'}.", markup=False
            )

    def action_flag(self) -> None:
        entry = self.query_one(QuestionList).current
        if entry is not None:
            self._mark(flagged=not entry.flagged)

    def action_edit(self) -> None:
        from quiz.ui.screens.drafts_screen import EditDraftDialog

        entry = self.query_one(QuestionList).current
        data_dir = self.study.data_dir
        if entry is None or data_dir is None:
            return
        if not entry.library:
            self.notify("The built-in bank is read-only: only questions of your library can be edited.")
            return

        def saved(edited: Question | None) -> None:
            if edited is None:
                return  # written already when not None: the dialog saves only what passes the check
            self.study.reload_bank()
            self.catalog = self.load()
            self.search(self.query_one("#browse-query", Input).value)
            self.notify(f"Saved {edited.id}.", markup=False)

        self.app.push_screen(EditDraftDialog(entry.question, data_dir), saved)

    def action_back(self) -> None:
        self.app.pop_screen()


def format_interval_seconds(ms: int) -> str:
    from datetime import timedelta

    return format_interval(timedelta(milliseconds=ms)) if ms >= 60_000 else f"{ms / 1000:.0f} s"


def _inside(source: Path, folder: Path, seen: dict[Path, bool]) -> bool:
    if source not in seen:
        seen[source] = folder in source.resolve().parents
    return seen[source]


def _library_folder(data_dir: Path | None) -> Path | None:
    if data_dir is None:
        return None
    from quiz.data.library import library_questions

    return library_questions(data_dir).resolve()
