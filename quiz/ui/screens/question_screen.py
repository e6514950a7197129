"""Question: one item at a time, answered from the keyboard or mouse, with feedback after it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from quiz.core.giveaway import without_answer
from quiz.core.model import GAP_MARK, Article, Kind, Question
from quiz.core.schedule import Rating
from quiz.core.selection import Mode
from quiz.core.session import Answer, Item, Phase, Session
from quiz.core.text import fold
from quiz.core.verdict import Form
from quiz.study import Study
from quiz.ui.literal import literal, paragraph, visible
from quiz.ui.widgets.feedback_panel import FeedbackPanel
from quiz.ui.widgets.key_bar import KeyBar

LETTERS = "abcdef"
# Keys that arrive this soon after a question appears were meant for the one before (a double
# Enter, a key held down, typing on from a typed answer): they never answer the new one.
GUARD = timedelta(milliseconds=500)
# Digit groups as people type them ("250 000", "250,000", "250000") read alike.
_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


class QuestionScreen(Screen[None]):
    CSS_PATH = "question_screen.tcss"
    BINDINGS = [
        *[Binding(str(n), f"number({n})", f"Option {n}", show=False, id=f"quiz.option{n}") for n in range(1, 10)],
        # Letters choose only when the learner turns them on (config `letter_keys`): otherwise
        # they spell an option's words, as a learner who keeps typing after a typed question does.
        *[Binding(c, f"letter({i + 1})", show=False) for i, c in enumerate(LETTERS)],
        Binding("t", "truth(True)", "True", tooltip="True (with letter_keys)", show=False, id="quiz.true"),
        Binding("f", "truth(False)", "False", tooltip="False (with letter_keys)", show=False, id="quiz.false"),
        Binding("space", "space", "Reveal / next", id="quiz.space"),
        Binding("enter", "next", "Next", id="quiz.next"),
        Binding("f2", "hint", "Hint", id="quiz.hint"),
        Binding("f3", "skip", "Skip", id="quiz.skip"),
        Binding("ctrl+o,f4", "open_article", "Open article", id="quiz.open"),
        Binding("ctrl+z", "undo", "Undo answer", id="quiz.undo", show=False),
        Binding(
            "ctrl+r",
            "override",
            "I was right",
            tooltip="Count a typed answer judged wrong as right",
            id="quiz.override",
            show=False,
        ),
        Binding("escape", "leave", "Leave", id="quiz.leave"),
    ]

    LETTERS_ARE_TEXT = True  # a letter typed here is text, never the app's key (q quits elsewhere)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.last: Answer | None = None
        self.offered: list[str] = []  # the options on screen, in order: option n is offered[n - 1]
        self.spelled = ""  # letters typed on a multiple-choice question, matched against the options
        self.asked_at: datetime = session.started_at  # when the current question appeared
        self.answered_at: datetime = session.started_at  # when the answer on show was given

    @property
    def study(self) -> Study:
        return self.app.study  # type: ignore[attr-defined]

    @property
    def in_progress(self) -> bool:
        return self.session.phase is not Phase.FINISHED

    @property
    def letter_keys(self) -> bool:
        return bool(getattr(self.app.config, "letter_keys", False))  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-top"):
            yield Static(id="where")
            yield Static(id="progress-text")
            yield Static(id="timer")
        yield ProgressBar(total=max(self.session.total, 1), show_eta=False, show_percentage=False, id="progress")
        with VerticalScroll(id="question-body"):
            yield Static(id="prompt")
            # One of each way to answer, made once and shown as the question needs: building and
            # mounting a fresh option list for every question cost each student's app a layout or two.
            with Vertical(id="answer-area"):
                yield OptionList(id="options")
                yield Input(id="typed")
                yield Static("Space: reveal the answer", id="card-face", classes="muted")
            yield Static(id="spelled", classes="muted")
            yield Static(id="hint", classes="muted")
            yield FeedbackPanel(id="feedback")
        yield KeyBar()

    async def on_mount(self) -> None:
        if self.session.deadline or self.session.options.time_limit:
            # A toast from before (a mistyped drill code) must not sit over the first timed question.
            self.app.clear_notifications()
            self.set_interval(1, self._tick)
        await self.show_item()

    # ------------------------------------------------------------------ showing

    async def show_item(self) -> None:
        item = self.session.current
        if item is None:
            self.finish()
            return
        with self.app.batch_update():  # one layout and one frame for the whole new question
            self._show_item(item)

    def _show_item(self, item: Item) -> None:
        q = item.question
        deck = _deck_title(self, q.deck)
        article = self.study.bank.articles.get(q.articles[0]) if q.articles else None
        # A single-article deck is named after its article: show the article's title once.
        where = deck if article is None or len(q.articles) > 1 else article.title
        self.query_one("#where", Static).update(literal(without_answer(where, q)))  # a title can name the key
        self._progress(item)
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(self.session.total, 1), progress=item.number - 1)
        self.query_one("#prompt", Static).update(prompt_content(item))
        self._say_hint("")
        self._spell("")
        self.query_one("#feedback", FeedbackPanel).display = False
        self.query_one("#answer-area", Vertical).display = True
        self.offered = list(item.options)
        options = self.query_one("#options", OptionList)
        box = self.query_one("#typed", Input)
        choosing = item.form in (Form.CHOICE, Form.TRUEFALSE)
        options.display = choosing
        box.display = item.form is Form.TYPED
        self.query_one("#card-face", Static).display = item.form is Form.FLASHCARD
        if choosing:
            # set_options leaves nothing highlighted: a bare Enter out of habit must not choose
            # option 1; an arrow key highlights one first, then Enter chooses it.
            options.set_options(self._option_rows(item.form))
            options.focus()
        else:
            options.clear_options()
        if item.form is Form.TYPED:
            placeholder = "Type your answer, then Enter"
            if q.kind is Kind.NUMBER and q.unit:
                placeholder = f"A number ({visible(q.unit)}), then Enter"
            box.placeholder = placeholder
            box.value = ""
            box.focus()
        elif not choosing:
            self.set_focus(None)
        self._tick()
        self.refresh_bindings()

    def _option_rows(self, form: Form) -> list[Option]:
        letters = "tf" if form is Form.TRUEFALSE else LETTERS
        return [
            Option(option_label(n, text, letters[n - 1] if self.letter_keys and n <= len(letters) else ""))
            for n, text in enumerate(self.offered, 1)
        ]

    def show_answer(self, answer: Answer) -> None:
        self.last = answer
        self.answered_at = answer.attempt.answered_at
        self.study.record(self.session, answer)
        self._spell("")
        if not self.session.options.mode.feedback or answer.item.form is Form.FLASHCARD:
            # An exam tells nothing until the end; a graded flashcard has shown all there is.
            self.call_after_refresh(self.advance)
            return
        with self.app.batch_update():  # the feedback in one layout and one frame
            self._show_feedback(answer)

    def _show_feedback(self, answer: Answer) -> None:
        panel = self.query_one("#feedback", FeedbackPanel)
        article = _evidence_article(self, answer.item.question)
        panel.show(answer, article, self._continue_line(article))
        self._progress(answer.item)
        self._show_answered_time(answer)
        # The options are in the verdict's lines now: with them gone, the question, the verdict and
        # the correct answer fit together even at 80x24.
        self.query_one("#answer-area", Vertical).display = False
        self._say_hint("")
        # Enter and Space now go to the screen (next question). Moving focus re-renders the
        # footer, so it waits for the frame that shows the feedback.
        self.call_after_refresh(self.set_focus, None)
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)

    def _continue_line(self, article: Article | None) -> str:
        from quiz.ui.app import binding_keys

        keys = {b.id: binding_keys(self.app, b) for b in self.BINDINGS if isinstance(b, Binding) and b.id}
        line = f"{keys['quiz.next']} or {keys['quiz.space']}: next"
        if self.session.can_override:
            line += f" · {keys['quiz.override']}: I was right"
        return line + (f" · {keys['quiz.open']}: open the article at this sentence" if article else "")

    def _progress(self, item: Item) -> None:
        size = len(self.session.questions)
        retries = self.session.total - size
        if item.retry:
            where = f"again · {item.number - size} of {retries}"
        else:
            where = f"{item.number} of {size}" + (f" (+{retries} again)" if retries else "")
        # An exam shows progress only: a live score would tell right from wrong after each answer.
        score = f" · Score {self.session.score}" if self.session.options.mode.feedback else ""
        self.query_one("#progress-text", Static).update(where + score)

    async def advance(self, now: datetime | None = None) -> None:
        if self.session.phase is Phase.ANSWERED:
            now = now or self.study.now()
            self.session.advance(now)
            self.asked_at = now
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
        choosing = asking and item.form in (Form.CHOICE, Form.TRUEFALSE)
        n = parameters[0] if parameters and isinstance(parameters[0], int) else 0
        if action == "number":
            if phase is Phase.REVEALED:
                return 1 <= n <= 4
            # On "100,000 / 250,000" a digit starts the option's text (see on_key), not a choice.
            return choosing and 1 <= n <= len(self.offered) and not self._numeric()
        if action == "letter":  # a letter past the options on screen spells, like any other
            return self.letter_keys and asking and item.form is Form.CHOICE and n <= len(self.offered)
        if action == "truth":
            return self.letter_keys and asking and item.form is Form.TRUEFALSE
        if action == "hint":
            return self.session.can_hint
        if action == "skip":
            return asking or phase is Phase.REVEALED
        if action == "space":
            return (asking and item.form is Form.FLASHCARD) or phase is Phase.ANSWERED
        if action == "next":
            return phase is Phase.ANSWERED
        if action == "undo":
            return self.session.can_undo
        if action == "override":
            return self.session.can_override
        if action == "open_article":
            return phase is Phase.ANSWERED and _evidence_article(self, item.question) is not None
        return True

    def _settled(self) -> datetime | None:
        """Now, if the question has been on screen long enough for a key to be meant for it."""
        now = self.study.now()
        return now if now - self.asked_at >= GUARD else None

    def _read(self) -> datetime | None:
        """Now, if the feedback has been on screen long enough for Enter or Space to mean "next"
        (not a Space typed on after a digit that answered, nor a key held down)."""
        now = self.study.now()
        return now if now - self.answered_at >= GUARD else None

    def _numeric(self) -> bool:
        """A multiple-choice question with an option that starts with a digit: digits are its text."""
        item = self.session.current
        return item is not None and item.form is Form.CHOICE and any(o[:1].isdigit() for o in self.offered)

    def _choose(self, n: int) -> None:
        """Answer with option n (1-based) of those on screen."""
        if self.session.phase is Phase.ASKING and 1 <= n <= len(self.offered) and (now := self._settled()):
            self.show_answer(self.session.submit(self.offered[n - 1], now))

    def action_number(self, n: int) -> None:
        if self.session.phase is Phase.REVEALED:
            if 1 <= n <= 4 and (now := self._settled()):
                self.show_answer(self.session.rate(Rating(n), now))
            return
        self._choose(n)

    def action_letter(self, n: int) -> None:
        self._choose(n)

    def action_truth(self, value: bool) -> None:
        self._choose(1 if value else 2)

    async def on_key(self, event: events.Key) -> None:
        """Letters spell an option's words on a multiple-choice question; no letter leaves or quits."""
        item = self.session.current
        char = event.character if event.is_printable else None
        if self.spelled:
            if event.key == "backspace":
                self._spell(self.spelled[:-1])
            elif event.key == "escape":
                self._spell("")
            elif event.key == "enter":
                self._choose_spelled()
            elif char:
                self._spell(self.spelled + char)
            else:
                return
            event.stop()
            return
        if self._refused(event.key):
            event.stop()
            return
        if event.key == "enter" and self.session.phase is Phase.ANSWERED and isinstance(self.focused, OptionList):
            event.stop()  # before focus leaves the options: with none highlighted, the list would ignore it
            await self.action_next()
            return
        box = self.focused if isinstance(self.focused, Input) else None
        if event.key == "escape" and box is not None and box.value:
            box.clear()  # Esc to clear what was typed is a habit: the next Esc leaves (and asks)
            event.stop()
            return
        asking = item is not None and self.session.phase is Phase.ASKING
        choosing = asking and item is not None and item.form in (Form.CHOICE, Form.TRUEFALSE)
        if event.key == "enter" and choosing and self.query_one("#options", OptionList).highlighted is None:
            event.stop()  # nothing chosen yet: Enter out of habit never answers
            how = "type an option or its number" if self._numeric() else "press an option's number"
            self._say_keys(f"Nothing chosen: {how}, or ↑↓ then Enter")
            return
        if char and char.isdigit() and choosing and self._numeric():
            event.stop()
            self._spell(char)
            return
        if not char or not char.isalpha():
            return  # digits, Space, F-keys, Esc: the bindings
        active = self.active_bindings.get(event.key)
        if active is not None and active.node is self and active.enabled:
            return  # a letter the learner asked for (letter_keys, or a remapped key)
        event.stop()  # the app's own letters (q quits on other screens) never act here
        if item is not None and self.session.phase is Phase.ASKING and item.form in (Form.CHOICE, Form.TRUEFALSE):
            self._spell(char)

    def _spell(self, text: str, problem: str = "") -> None:
        self.spelled = text
        line = self.query_one("#spelled", Static)
        line.display = bool(text)
        if text:
            words = "these words, or with this number" if self._numeric() else "these words"
            tail = problem or f"Enter chooses the option with {words} · Backspace edits · Esc clears"
            line.update(Content.assemble(("Typed: ", "bold"), literal(text), f"  ({tail})"))

    def _refused(self, key: str) -> bool:
        """A drill's hint or undo key says why it does nothing (a key that is silent looks broken)."""
        if self.session.options.mode is not Mode.DRILL or self.session.phase is Phase.FINISHED:
            return False
        actions = {b.action for b in self._bindings.key_to_bindings.get(key, [])}
        if "hint" in actions and self.session.phase is Phase.ASKING:
            self._say_hint("No hints in a drill: everyone answers on their own.")
        elif "undo" in actions and self.session.answers:
            self.notify("A drill answer is final: it cannot be undone.", timeout=3)
        else:
            return False
        return True

    def _say_keys(self, text: str) -> None:
        """A muted line under the options saying which keys answer (nothing typed is kept)."""
        line = self.query_one("#spelled", Static)
        line.update(literal(text))
        line.display = True

    def _choose_spelled(self) -> None:
        wanted = _comparable(self.spelled)
        matches = [n for n, option in enumerate(self.offered, 1) if _comparable(option) == wanted]
        if not matches and self._numeric() and wanted.isdigit() and 1 <= int(wanted) <= len(self.offered):
            matches = [int(wanted)]  # no option reads so: its number, typed then Enter
        if len(matches) == 1:
            self._choose(matches[0])
        else:
            how = "its number, then Enter" if self._numeric() else "press its number"
            self._spell(self.spelled, f"no option reads like this: type one in full, or {how}")

    @on(OptionList.OptionSelected, "#options")
    async def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.session.phase is Phase.ASKING:
            self._choose(event.option_index + 1)
        elif self.session.phase is Phase.ANSWERED and (now := self._read()):  # Enter before focus left the list
            await self.advance(now)

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.session.phase is not Phase.ASKING:
            return
        if not event.value.strip():
            self.notify("Type an answer, or press F3 to skip.", severity="warning")
            return
        if now := self._settled():
            self.show_answer(self.session.submit(event.value, now))

    async def action_space(self) -> None:
        if self.session.phase is Phase.ANSWERED:
            if now := self._read():
                await self.advance(now)
            return
        item = self.session.current
        if item is not None and item.form is Form.FLASHCARD and (now := self._settled()):
            self.session.reveal()
            intervals = self.session.intervals(now)
            self.query_one("#answer-area", Vertical).display = False
            panel = self.query_one("#feedback", FeedbackPanel)
            panel.show_card(item.question, intervals, _evidence_article(self, item.question))
            self.refresh_bindings()

    async def action_next(self) -> None:
        if self.session.phase is Phase.ANSWERED and (now := self._read()):
            await self.advance(now)

    def action_hint(self) -> None:
        hint = self.session.hint()
        self._say_hint(f"Hint: {hint.text}")
        if hint.removed and self.offered:
            # Gone, not dimmed: every option on screen can be chosen, numbered from 1 again.
            self.offered = [o for o in self.offered if o not in hint.removed]
            item = self.session.current
            option_list = self.query_one("#options", OptionList)
            option_list.set_options(self._option_rows(item.form if item else Form.CHOICE))
            self.refresh_bindings()

    def _say_hint(self, text: str) -> None:
        line = self.query_one("#hint", Static)
        line.update(literal(text))
        line.display = bool(text)

    def action_skip(self) -> None:
        self.show_answer(self.session.skip(self.study.now()))

    async def action_undo(self) -> None:
        """Take back the latest answer and ask its question again."""
        undone = self.study.undo(self.session)
        if undone is None:
            return
        self.last = self.session.answers[-1] if self.session.answers else None
        self.asked_at = self.study.now()
        await self.show_item()
        self.notify("Answer undone: the question is back, and its schedule is as it was.", timeout=3)

    def action_override(self) -> None:
        """The learner says the typed answer just judged wrong was right."""
        answer = self.study.override(self.session)
        if answer is None:
            return
        self.last = answer
        panel = self.query_one("#feedback", FeedbackPanel)
        article = _evidence_article(self, answer.item.question)
        panel.show(answer, article, self._continue_line(article))
        self._progress(answer.item)
        self.refresh_bindings()

    def action_open_article(self) -> None:
        from quiz.ui.screens.read_screen import ReadScreen

        if self.last is None or _evidence_article(self, self.last.item.question) is None:
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
        self.app.push_screen(ConfirmDialog(question, yes=yes, no="Keep going", quits=quit_app), leave)

    def _show_answered_time(self, answer: Answer) -> None:
        """A timed drill question's clock stops at the answer, showing the time stored for it."""
        if self.session.question_deadline() is not None:
            seconds = answer.attempt.elapsed_ms / 1000
            late = answer.verdict.note == "time's up"
            self.query_one("#timer", Static).update(
                f"⏱ time ran out ({seconds:.0f} s)" if late else f"⏱ answered in {seconds:.1f} s"
            )

    def _tick(self) -> None:
        timed_question = self.session.question_deadline() is not None
        if timed_question and self.session.phase is not Phase.ASKING:
            return  # stopped at the answer (see _show_answered_time)
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


def _comparable(text: str) -> str:
    """Typed words and an option's text, folded, with digit groups joined."""
    return _GROUP.sub("", fold(text))


def option_label(n: int, text: str, letter: str = "") -> Table:
    """One option: its key(s), then its text; a long text wraps under itself, not under the key."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    key = f" {n} " + (f"{letter} " if letter else "")
    row.add_row(Text(key, style="bold reverse"), paragraph(text))
    return row


def prompt_content(item: Item) -> Content:
    """The prompt as literal text, with a gap shown as a visible blank."""
    q = item.question
    if q.kind is Kind.GAP and GAP_MARK in q.prompt:
        before, after = q.prompt.split(GAP_MARK, 1)
        return Content.assemble(literal(before), ("  ______  ", "reverse"), literal(after))
    return literal(q.prompt)


def _evidence_article(screen: Screen, q: Question) -> Article | None:
    """The article a question's evidence comes from, when the bank has it (imports often do not)."""
    articles = screen.app.study.bank.articles  # type: ignore[attr-defined]
    return articles.get(q.evidence[0].article) if q.evidence else None


def _deck_title(screen: Screen, deck_id: str) -> str:
    try:
        return screen.app.study.bank.deck(deck_id).title  # type: ignore[attr-defined]
    except KeyError:
        return deck_id
