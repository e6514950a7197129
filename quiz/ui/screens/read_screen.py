"""Read: the article itself, with every sentence a question cites highlighted."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.core.model import Article
from quiz.core.selection import Mode, Options
from quiz.ui.literal import literal, visible
from quiz.ui.widgets.key_bar import KeyBar

_QUOTE_CLASS = {"'": "['‘’‚‛]", '"': '["“”„‟]', "‘": "['‘’‚‛]", "’": "['‘’‚‛]", "“": '["“”„‟]', "”": '["“”„‟]'}


def quote_pattern(quote: str) -> re.Pattern[str]:
    """Find a quote in the raw article the way `quiz check` does: any whitespace, any quote marks."""
    parts = []
    for token in quote.split():
        parts.append("".join(_QUOTE_CLASS.get(c, re.escape(c)) for c in token))
    return re.compile(r"\s+".join(parts))


class ReadScreen(Screen[None]):
    CSS_PATH = "read_screen.tcss"
    BINDINGS = [
        Binding("enter,z", "quiz_me", "Quiz me on this article", id="read.quiz"),
        Binding("escape", "back", "Back", id="read.back"),
    ]

    def __init__(
        self, article_id: str, focus: str | None = None, allow_quiz: bool = True, options: Options | None = None
    ) -> None:
        """`options`: the next session's choices on home, whose count and format "Quiz me" keeps."""
        super().__init__()
        self.article_id, self.focus_quote, self.allow_quiz = article_id, focus, allow_quiz
        self.options = options

    @property
    def article(self) -> Article:
        return self.app.study.bank.articles[self.article_id]  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        article = self.article
        facts = " · ".join(x for x in (article.outlet, article.place, article.date) if x)
        cited = self._cited()
        with VerticalScroll(id="article"):
            yield Static(literal(article.title), id="article-title")
            if facts:
                yield Static(literal(facts), classes="muted")
            yield Static(literal(article.summary), id="article-summary", classes="muted")
            yield Static(
                f"{len(cited)} passages are cited by questions (underlined)"
                + ("; the one you came from is marked ▶" if self.focus_quote else ""),
                classes="muted",
            )
            for paragraph in (p for p in re.split(r"\n\s*\n|\n", article.read()) if p.strip()):
                content, focused = self._paragraph(paragraph, cited)
                yield Static(content, classes="paragraph -focus" if focused else "paragraph")
        yield KeyBar()

    def on_mount(self) -> None:
        focused = self.query(".-focus")
        if focused:
            self.call_after_refresh(self.query_one("#article").scroll_to_widget, focused.first(), top=True)
        self.query_one("#article").focus()

    def _cited(self) -> list[str]:
        bank = self.app.study.bank  # type: ignore[attr-defined]
        quotes = {e.quote for q in bank.questions if not q.is_draft for e in q.evidence if e.article == self.article_id}
        return sorted(quotes, key=len, reverse=True)

    def _paragraph(self, text: str, cited: list[str]) -> tuple[Content, bool]:
        shown = visible(text)
        content = Content(shown)
        focused = False
        for quote in cited:
            for match in quote_pattern(visible(quote)).finditer(shown):
                content = content.stylize("underline $accent", *match.span())
        if self.focus_quote:
            match = quote_pattern(visible(self.focus_quote)).search(shown)
            if match:
                focused = True
                content = Content.assemble(("▶ ", "bold"), content.stylize("bold reverse", *match.span()))
        return content, focused

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quiz_me":
            return self.allow_quiz
        return True

    def action_quiz_me(self) -> None:
        from quiz.ui.screens.question_screen import QuestionScreen

        study = self.app.study  # type: ignore[attr-defined]
        chosen = self.options or Options(count=self.app.config.count)  # type: ignore[attr-defined]
        # This article's questions as practice, in the number and format chosen for the next session.
        options = Options(mode=Mode.PRACTICE, articles=(self.article_id,), count=chosen.count, form=chosen.form)
        session = study.start(options)
        if session.current is None:
            study.finish(session)
            self.notify("No questions cite this article yet.", severity="warning")
            return
        self.app.switch_screen(QuestionScreen(session))

    def action_back(self) -> None:
        self.app.pop_screen()
