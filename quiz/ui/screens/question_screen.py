"""Question: one item at a time, answered from the keyboard or mouse, with feedback after it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from quiz.core.model import GAP_MARK, Kind
from quiz.core.schedule import Rating, format_interval
from quiz.core.selection import Mode
from quiz.core.session import Answer, Item, Phase, Session
from quiz.core.verdict import Form
from quiz.study import Study
from quiz.ui.literal import literal, visible
from quiz.ui.widgets.feedback_panel import FeedbackPanel
from quiz.ui.widgets.key_bar import KeyBar

LETTERS = "abcdef"


class QuestionScreen(Screen[None]):
    BINDINGS = [
        *[Binding(str(n), f"number({n})", f"Option {n}", show=False, id=f"quiz.option{n}") for n in range(1, 10)],
        *[Binding(c, f"number({i + 1})", show=False) for i, c in enumerate(LETTERS)],
        Binding("t", "truth(True)", "True", show=False, id="quiz.true"),
        Binding("f", "truth(False)", "False", show=False, id="quiz.false"),
        Binding("space", "space", "Reveal / next", id="quiz.space"),
        Binding("enter", "next", "Next", id="quiz.next"),
        Binding("f2,h", "hint", "Hint", id="quiz.hint"),
        Binding("f3,s", "skip", "Skip", id="quiz.skip"),
        Binding("o", "open_article", "Open article", id="quiz.open"),
        Binding("escape", "leave", "Leave", id="quiz.leave"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.last: Answer | None = None

    @property
    def study(self) -> Study:
        return self.app.study  # type: ignore[attr-defined]

    @property
    def in_progress(self) -> bool:
        return self.session.phase is not Phase.FINISHED

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-top"):
            yield Static(id="where")
            yield Static(id="progress-text")
            yield Static(id="timer")
        yield ProgressBar(total=max(self.session.total, 1), show_eta=False, show_percentage=False, id="progress")
        with VerticalScroll(id="question-body"):
            yield Static(id="prompt")
            yield Vertical(id="answer-area")
            yield Static(id="hint", classes="muted")
            yield FeedbackPanel(id="feedback")
        yield KeyBar()

    async def on_mount(self) -> None:
        if self.session.deadline or self.session.options.time_limit:
            self.set_interval(1, self._tick)
        await self.show_item()

    # ------------------------------------------------------------------ showing

    async def show_item(self) -> None:
        item = self.session.current
        if item is None:
            self.finish()
            return
        q = item.question
        deck = _deck_title(self, q.deck)
        article = self.study.bank.articles.get(q.articles[0]) if q.articles else None
        # A single-article deck is named after its article: show the article's title once.
        where = deck if article is None or len(q.articles) > 1 else article.title
        self.query_one("#where", Static).update(literal(where))
        self._progress(item)
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(self.session.total, 1), progress=item.number - 1)
        self.query_one("#prompt", Static).update(prompt_content(item))
        self.query_one("#hint", Static).update("")
        self.query_one("#feedback", FeedbackPanel).display = False
        area = self.query_one("#answer-area", Vertical)
        await area.remove_children()
        if item.form in (Form.CHOICE, Form.TRUEFALSE):
            options = OptionList(*[Option(option_label(i, o, item.form)) for i, o in enumerate(item.options)])
            options.id = "options"
            await area.mount(options)
            options.highlighted = 0
            options.focus()
        elif item.form is Form.TYPED:
            placeholder = "Type your answer, then Enter"
            if q.kind is Kind.NUMBER and q.unit:
                placeholder = f"A number ({visible(q.unit)}), then Enter"
            box = Input(placeholder=placeholder, id="typed")
            await area.mount(box)
            box.focus()
        else:
            await area.mount(Static("Space: reveal the answer", id="card-face", classes="muted"))
            self.set_focus(None)
        self._tick()
        self.refresh_bindings()

    def show_answer(self, answer: Answer) -> None:
        self.last = answer
        self.study.record(self.session, answer)
        if not self.session.options.mode.feedback:
            self.call_after_refresh(self.advance)
            return
        article = None
        q = answer.item.question
        if q.evidence and q.evidence[0].article in self.study.bank.articles:
            article = self.study.bank.articles[q.evidence[0].article]
        panel = self.query_one("#feedback", FeedbackPanel)
        panel.show(answer, article)
        self._progress(answer.item)
        # Enter and Space now go to the screen (next question). Moving focus re-renders the
        # footer, so it waits for the frame that shows the feedback.
        self.call_after_refresh(self.set_focus, None)
        self.query_one("#question-body", VerticalScroll).scroll_end(animate=False)

    def _progress(self, item: Item) -> None:
        size = len(self.session.questions)
        retries = self.session.total - size
        if item.retry:
            where = f"again · {item.number - size} of {retries}"
        else:
            where = f"{item.number} of {size}" + (f" (+{retries} again)" if retries else "")
        self.query_one("#progress-text", Static).update(f"{where} · Score {self.session.score}")

    async def advance(self) -> None:
        if self.session.phase is Phase.ANSWERED:
            self.session.advance(self.study.now())
        await self.show_item()

    def finish(self) -> None:
        from quiz.ui.screens.results_screen import ResultsScreen

        summary = self.session.end(self.study.now())
        self.study.finish(self.session)
        self.app.switch_screen(ResultsScreen(summary))

    # ------------------------------------------------------------------ input

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item, phase = self.session.current, self.session.phase
        if item is None:
            return action == "leave"
        asking = phase is Phase.ASKING
        if action == "number":
            return (asking and item.form is Form.CHOICE) or (phase is Phase.REVEALED)
        if action == "truth":
            return asking and item.form is Form.TRUEFALSE
        if action in ("hint", "skip"):
            return asking or (action == "skip" and phase is Phase.REVEALED)
        if action == "space":
            return (asking and item.form is Form.FLASHCARD) or phase is Phase.ANSWERED
        if action == "next":
            return phase is Phase.ANSWERED
        if action == "open_article":
            return phase is Phase.ANSWERED and bool(item.question.evidence)
        return True

    def action_number(self, n: int) -> None:
        item = self.session.current
        if item is None:
            return
        if self.session.phase is Phase.REVEALED:
            if 1 <= n <= 4:
                self.show_answer(self.session.rate(Rating(n), self.study.now()))
            return
        if 1 <= n <= len(item.options):
            option_list = self.query_one("#options", OptionList)
            if option_list.get_option_at_index(n - 1).disabled:
                return
            self.show_answer(self.session.submit(item.options[n - 1], self.study.now()))

    def action_truth(self, value: bool) -> None:
        self.show_answer(self.session.submit("true" if value else "false", self.study.now()))

    @on(OptionList.OptionSelected, "#options")
    async def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.session.current
        if item is not None and self.session.phase is Phase.ASKING:
            self.show_answer(self.session.submit(item.options[event.option_index], self.study.now()))
        elif self.session.phase is Phase.ANSWERED:  # Enter pressed before focus left the list
            await self.advance()

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.session.phase is not Phase.ASKING:
            return
        if not event.value.strip():
            self.notify("Type an answer, or press F3 to skip.", severity="warning")
            return
        self.show_answer(self.session.submit(event.value, self.study.now()))

    async def action_space(self) -> None:
        if self.session.phase is Phase.ANSWERED:
            await self.advance()
            return
        item = self.session.current
        if item is not None and item.form is Form.FLASHCARD:
            self.session.reveal()
            intervals = self.session.intervals(self.study.now())
            face = self.query_one("#card-face", Static)
            grades = "   ".join(
                f"{int(r)} {r.name} · {format_interval(intervals[r])}"
                for r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
            )
            face.update(
                Content.assemble(
                    ("Answer: ", "bold"),
                    literal(item.question.answer_text, "bold"),
                    "\n\nHow well did you know it?\n",
                    grades,
                )
            )
            self.refresh_bindings()

    async def action_next(self) -> None:
        if self.session.phase is Phase.ANSWERED:
            await self.advance()

    def action_hint(self) -> None:
        hint = self.session.hint()
        self.query_one("#hint", Static).update(literal(f"Hint: {hint.text}"))
        if hint.removed and self.session.current is not None:
            option_list = self.query_one("#options", OptionList)
            for i, option in enumerate(self.session.current.options):
                if option in hint.removed:
                    option_list.disable_option_at_index(i)

    def action_skip(self) -> None:
        self.show_answer(self.session.skip(self.study.now()))

    def action_open_article(self) -> None:
        from quiz.ui.screens.read_screen import ReadScreen

        if self.last is None or not self.last.item.question.evidence:
            return
        evidence = self.last.item.question.evidence[0]
        self.app.push_screen(ReadScreen(evidence.article, focus=evidence.quote, allow_quiz=False))

    def action_leave(self, quit_app: bool = False) -> None:
        """Leave the session (to its results), or quit the app; asks first, loses nothing."""
        from quiz.ui.screens.confirm_dialog import ConfirmDialog

        if not self.in_progress:
            self.app.pop_screen()
            return
        saved = len(self.session.answers)
        kept = (
            "Nothing was answered yet."
            if not saved
            else ("Your answer so far is saved." if saved == 1 else f"Your {saved} answers so far are saved.")
        )
        question = f"{'Quit quiz' if quit_app else 'Leave this session'}? {kept}"

        def leave(yes: bool | None) -> None:
            if not yes:
                return
            if quit_app:
                self.session.end(self.study.now())
                self.study.finish(self.session)
                self.app.exit()
            else:
                self.finish()

        yes = "Quit" if quit_app else "Leave"
        self.app.push_screen(ConfirmDialog(question, yes=yes, no="Keep going"), leave)

    def _tick(self) -> None:
        now = self.study.now()
        timer = self.query_one("#timer", Static)
        deadline = self.session.deadline or self.session.question_deadline()
        if deadline is None:
            timer.update("")
            return
        left = max(int((deadline - now).total_seconds()), 0)
        timer.update(f"⏱ {left // 60:02d}:{left % 60:02d}")
        if left > 0 or self.session.phase is not Phase.ASKING:
            return
        if self.session.expired(now):
            self.finish()
        elif self.session.options.mode is Mode.DRILL:
            self.show_answer(self.session.submit("", now))


def option_label(index: int, text: str, form: Form) -> Content:
    key = "TF"[index] if form is Form.TRUEFALSE else str(index + 1)
    return Content.assemble((f" {key} ", "bold reverse"), " ", literal(text))


def prompt_content(item: Item) -> Content:
    """The prompt as literal text, with a gap shown as a visible blank."""
    q = item.question
    if q.kind is Kind.GAP and GAP_MARK in q.prompt:
        before, after = q.prompt.split(GAP_MARK, 1)
        return Content.assemble(literal(before), ("  ______  ", "reverse"), literal(after))
    return literal(q.prompt)


def _deck_title(screen: Screen, deck_id: str) -> str:
    try:
        return screen.app.study.bank.deck(deck_id).title  # type: ignore[attr-defined]
    except KeyError:
        return deck_id
