"""The home screen's choices for the next session, kept apart from the dialog that edits them (start-up speed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from quiz.core.mode import Mode
from quiz.core.verdict import Form

LEVELS = {1: "1 · fact", 2: "2 · context", 3: "3 · reasoning"}
FORMS = {Form.CHOICE: "multiple choice", Form.TYPED: "typed", Form.FLASHCARD: "flashcards"}
ANY_FORM = "recognise, then recall"
MAX_COUNT = 500
MAX_MINUTES = 600


@dataclass(frozen=True)
class SessionChoice:
    """The home screen's choices; None means any."""

    mode: Mode = Mode.PRACTICE
    count: int = 10
    tag: str | None = None
    level: int | None = None
    form: Form | None = None
    minutes: int | None = None  # an exam's time limit for the whole session

    def next_mode(self) -> SessionChoice:
        modes = list(Mode)
        return replace(self, mode=modes[(modes.index(self.mode) + 1) % len(modes)])

    @property
    def time_limit(self) -> int | None:
        """Seconds for the whole session: only an exam is timed from here (a drill's code carries its own)."""
        return self.minutes * 60 if self.minutes and self.mode is Mode.EXAM else None

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) for showing the choices."""
        rows = [
            ("Mode", self.mode.value),
            ("Questions", str(self.count)),
            ("Tag", self.tag or "any"),
            ("Difficulty", LEVELS[self.level] if self.level else "any"),
            ("Format", FORMS[self.form] if self.form else ANY_FORM),
        ]
        if self.mode is Mode.EXAM:
            rows.append(("Time limit", f"{self.minutes} min" if self.minutes else "none"))
        return rows

    def saved(self) -> dict[str, object]:
        """The choices as plain values, to remember them for the profile."""
        return {
            "mode": self.mode.value,
            "count": self.count,
            "tag": self.tag,
            "level": self.level,
            "form": self.form.value if self.form else None,
            "time_limit": self.minutes,
        }

    @classmethod
    def restored(cls, saved: dict[str, object], default: SessionChoice) -> SessionChoice:
        """The remembered choices; one missing or no longer valid is `default`'s."""
        mode, count, tag, level, form, minutes = (
            saved.get(k) for k in ("mode", "count", "tag", "level", "form", "time_limit")
        )
        return cls(
            mode=Mode(mode) if mode in Mode._value2member_map_ else default.mode,
            count=count if isinstance(count, int) and 1 <= count <= MAX_COUNT else default.count,
            tag=tag if isinstance(tag, str) else default.tag,
            level=level if level in LEVELS else default.level,  # type: ignore[arg-type]
            form=Form(form) if form in Form._value2member_map_ else default.form,
            minutes=minutes if isinstance(minutes, int) and 1 <= minutes <= MAX_MINUTES else default.minutes,
        )
