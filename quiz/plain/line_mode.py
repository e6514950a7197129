"""Line mode: a whole session as plain printed lines and typed answers.

For screen readers, braille displays, pipes and scripts. No colour, no cursor movement, no
markup; every line stands on its own. Answers come from `stdin`, one per line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from quiz.core.giveaway import without_answer
from quiz.core.grading import FALSE_WORDS, TRUE_WORDS
from quiz.core.inert import inert
from quiz.core.model import GAP_MARK, Kind
from quiz.core.schedule import Rating, format_interval
from quiz.core.selection import Mode
from quiz.core.session import Answer, Phase, Session, Summary
from quiz.core.text import fold
from quiz.core.verdict import Form
from quiz.study import Study

COMMANDS = "Commands: :h hint, :s skip, :u undo the previous answer, :q quit."
UNDO, RIGHT = {":u", ":undo"}, {":r", ":right"}
NEXT_OR_RIGHT = "Enter for the next question, or :r if your answer was right: "
UNDONE = object()
"""What a prompt returns when the learner took back the previous answer: its question is asked again."""


class LineMode:
    def __init__(self, study: Study, session: Session, stdin: TextIO, stdout: TextIO) -> None:
        self.study, self.session, self.stdin, self.stdout = study, session, stdin, stdout
        self.pending: str | None = None  # a line typed at "Enter for the next question": the next one's answer

    def say(self, text: str = "") -> None:
        # One line each, always: a newline in bank text or an answer cannot start a line of its own.
        self.stdout.write(inert(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str | None:
        """One line of input; None at end of input."""
        self.stdout.write(inert(prompt))
        self.stdout.flush()
        if self.pending is not None:
            line, self.pending = self.pending, None
            self.say()
            return line
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
        return line.rstrip("\r\n")

    def run(self) -> Summary:
        s = self.session
        mode = s.options.mode
        self.say(f"quiz: {mode.value} session, {len(s.questions)} questions, profile {self.study.profile}.")
        if not s.options.mode.feedback:
            self.say("Exam: answers are marked at the end.")
        self.say(COMMANDS)
        while s.current is not None:
            answer = self.one()
            if answer is UNDONE:
                continue
            if not isinstance(answer, Answer):
                break
            try:
                self.study.record(s, answer)
            except Exception:
                self.say()  # end the prompt's line: why it was not saved follows on a line of its own
                raise
            if mode.feedback:
                self.feedback(answer)
            if s.can_override and not self.next_or_right():
                break
            if s.phase is Phase.ANSWERED:
                s.advance(self.study.now())
        summary = s.end(self.study.now())
        self.study.finish(s)
        self.report(summary)
        return summary

    def next_or_right(self) -> bool:
        """After a typed answer judged wrong: Enter goes on, :r counts it as right, :u takes it back.

        Anything else is the next question's answer, so a script that pipes answers in reads as before.
        False when the session should end (:q or the end of input).
        """
        text = self.ask(NEXT_OR_RIGHT)
        command = "" if text is None else text.strip()
        if text is None or command == ":q":
            return False
        if command in RIGHT:
            self.override()
        elif command in UNDO:
            self.undo()
        elif command:
            self.pending = text
        return True

    def override(self) -> None:
        """Count the typed answer just judged wrong as right, in the store and the session (one transaction)."""
        answer = self.study.override(self.session)
        if answer is None:
            self.say("Only a typed answer judged wrong can be counted as right, just after it is marked.")
            return
        wait = format_interval(answer.card.due - answer.attempt.answered_at)
        self.say(f"Counted as right: your call. Next review in {wait}.")

    def undo(self) -> object:
        """Take back the session's latest answer (store and session, one transaction); UNDONE if it was."""
        s = self.session
        answer = self.study.undo(s)
        if answer is None:
            why = "a classroom drill keeps every answer" if s.options.mode is Mode.DRILL else "none in this session yet"
            self.say(f"Nothing to undo: {why}.")
            return None
        self.say("Answer undone: it counts nowhere and the question's schedule is as it was. Here it is again.")
        return UNDONE

    def one(self) -> Answer | object | None:
        s = self.session
        item = s.current
        assert item is not None
        q = item.question
        self.say()
        size = len(s.questions)  # a stable total: the practice "again" round is counted on its own
        where = (
            f"Again: question {item.number - size} of {s.total - size}"
            if item.retry
            else f"Question {item.number} of {size}"
        )
        self.say(f"{where}. Deck: {without_answer(q.deck, q)}.")
        self.say(q.prompt.replace(GAP_MARK, "_____") if q.kind is Kind.GAP else q.prompt)
        if item.form is Form.CHOICE:
            for n, option in enumerate(item.options, 1):
                self.say(f"  {n}) {option}")
            return self.loop(f"Your answer, 1 to {len(item.options)}: ", self.choice)
        if item.form is Form.TRUEFALSE:
            return self.loop("True or false (t or f, or 1 or 2): ", self.truth)
        if item.form is Form.FLASHCARD:
            return self.flashcard()
        unit = f" ({q.unit})" if q.kind is Kind.NUMBER and q.unit else ""
        return self.loop(f"Your answer{unit}: ", lambda text: s.submit(text, self.study.now()))

    def loop(self, prompt: str, submit: Callable[[str], Answer | None]) -> Answer | object | None:
        s = self.session
        while True:
            text = self.ask(prompt)
            if text is None or text.strip() == ":q":
                return None
            command = text.strip()
            if command in UNDO:
                if self.undo() is UNDONE:
                    return UNDONE
                continue
            if command in RIGHT:
                self.say(":r counts a typed answer judged wrong as right; type it just after one is marked.")
                continue
            if command == ":h" and not s.can_hint:
                self.say("No hints in a drill: everyone answers on their own.")
                continue
            if command == ":h":
                hint = s.hint()
                removed = f" Removed: {'; '.join(hint.removed)}." if hint.removed else ""
                self.say(f"Hint: {hint.text}.{removed}")
                continue
            if command == ":s":
                return s.skip(self.study.now())
            if not command:
                self.say(f"Please answer. {COMMANDS}")
                continue
            answer = submit(command)
            if answer is not None:
                return answer

    def choice(self, text: str) -> Answer | None:
        item = self.session.current
        assert item is not None
        if text.isdigit() and 1 <= int(text) <= len(item.options):
            return self.session.submit(item.options[int(text) - 1], self.study.now())
        named = [o for o in item.options if fold(o) == fold(text)]
        if named:  # the option's own words are as good as its number
            return self.session.submit(named[0], self.study.now())
        self.say(f"Type a number from 1 to {len(item.options)}, or the option's words.")
        return None

    def truth(self, text: str) -> Answer | None:
        """1 and 2 are True and False, as the options are numbered in the app; anything else is asked again."""
        item = self.session.current
        assert item is not None
        if text in ("1", "2"):
            text = item.options[int(text) - 1]
        if fold(text) not in TRUE_WORDS | FALSE_WORDS:
            self.say("Type t or f (or 1 for true, 2 for false).")
            return None
        return self.session.submit(text, self.study.now())

    def flashcard(self) -> Answer | object | None:
        s = self.session
        text = self.ask("Press Enter to reveal the answer: ")
        if text is None or text.strip() == ":q":
            return None
        if text.strip() in UNDO and self.undo() is UNDONE:
            return UNDONE
        question = s.reveal()
        unit = f" {question.unit}" if question.kind is Kind.NUMBER and question.unit else ""
        self.say(f"Answer: {question.answer_text}{unit}")
        intervals = s.intervals(self.study.now())
        for rating in Rating:
            self.say(f"  {int(rating)}) {rating.name}: next review in {format_interval(intervals[rating])}")

        def rate(text: str) -> Answer | None:
            if text in {"1", "2", "3", "4"}:
                return s.rate(Rating(int(text)), self.study.now())
            self.say("Type 1, 2, 3 or 4.")
            return None

        return self.loop("How well did you know it (1-4): ", rate)

    def feedback(self, answer: Answer) -> None:
        v = answer.verdict
        q = answer.item.question
        # When the question comes back, as the app's feedback line says it.
        self.say(f"{v.headline}. Next review in {format_interval(answer.card.due - answer.attempt.answered_at)}.")
        if not v.correct:
            self.say(f"You answered: {v.given or '(nothing)'}")
        self.say(f"Correct answer: {v.expected}")
        if v.note:
            self.say(f"Judged: {v.note}")
        self.say(f"Why: {q.explanation}")
        for ev in q.evidence:
            article = self.study.bank.articles.get(ev.article)
            title = f" ({article.title})" if article else ""
            self.say(f"Evidence{title}: \u201c{' '.join(ev.quote.split())}\u201d")

    def report(self, summary: Summary) -> None:
        self.say()
        of = f" of the {summary.answered} answered" if summary.unreached and summary.answered else ""
        score = f"Score {summary.correct} of {summary.asked}, accuracy {summary.accuracy_text}{of}"
        if summary.earlier:  # a drill taken up again: the whole drill first, this run after
            right, total, accuracy = summary.overall
            score = (
                f"Score {right} of {total}, accuracy {accuracy}, with this run's {summary.correct} of {summary.asked}"
            )
        self.say(f"Done. {score}.")
        if summary.mode.value == "drill":
            self.say(f"Answering time: {summary.answer_ms / 1000:.1f} s.")
        for n, a in enumerate(summary.first_answers, 1):
            self.result(f"{n}.", a)
        for a in summary.again_answers:
            self.result("Again:", a)
        if summary.unreached:  # a count only: their answers were never earned
            self.say(f"{summary.unreached} not reached.")
        if summary.earlier:
            self.say(f"{summary.earlier} answered in an earlier run.")
        self.say("Every answer is saved.")

    def result(self, label: str, a: Answer) -> None:
        self.say(f"{label} {'right' if a.verdict.correct else 'wrong'}: {a.item.question.prompt}")
        if not a.verdict.correct:
            self.say(f"   You answered: {a.verdict.given or '(nothing)'}. Correct: {a.verdict.expected}.")


def ask_name(stdin: TextIO, stdout: TextIO) -> str | None:
    """A drill's first line: the student's name (asked again while blank); None at end of input."""
    while True:
        stdout.write("Your name, as your teacher should see it: ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return None
        if line.strip():
            return line.strip()
        stdout.write("Please type your name.\n")
