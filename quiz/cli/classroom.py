"""A live class: one drill, the teacher's database, and what the class screen and the CSV show."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.core.drill import Drill, DrillReport, Response, analyse, decode
from quiz.core.selection import History, select

if TYPE_CHECKING:
    from quiz.study import Study


@dataclass
class Classroom:
    """The drill a class is taking, read back from the store as answers arrive."""

    study: Study  # its store is where every student's answers go
    code: str
    drill: Drill = field(init=False)
    order: list[str] = field(init=False)  # the drill's question ids, in the order asked
    prompts: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        bank = self.study.bank
        self.drill = decode(self.code, bank)
        chosen = select(bank, self.drill.options(self.code), History(), self.study.now(), random.Random(0))
        self.order = [q.id for q in chosen]
        self.prompts = {q.id: q.prompt for q in chosen}

    def report(self) -> DrillReport:
        rows = self.study.store.drill_attempts(self.code)
        return analyse(
            (
                Response(str(r["student"]), r["question_id"], r["given"], bool(r["correct"]), r["elapsed_ms"])
                for r in rows
            ),
            self.order,
        )

    def write_csv(self, path: Path) -> int:
        """Write the class's results: one row a student, then one a question; returns the students written."""
        report = self.report()
        with path.open("w", newline="", encoding="utf-8") as out:
            rows = csv.writer(out)
            rows.writerow(["rank", "student", "answered", "of", "correct", "accuracy", "elapsed_ms"])
            for rank, s in enumerate(report.students, 1):
                rows.writerow(
                    [rank, s.student, s.answered, len(self.order), s.correct, f"{s.accuracy:.3f}", s.elapsed_ms]
                )
            rows.writerow([])
            rows.writerow(
                [
                    "question",
                    "prompt",
                    "answered",
                    "share_correct",
                    "top_wrong_answer",
                    "top_wrong_count",
                    "discrimination",
                ]
            )
            for item in report.items:
                wrong, times = item.top_wrong or ("", 0)
                disc = "" if item.discrimination is None else f"{item.discrimination:.3f}"
                prompt = self.prompts.get(item.question_id, "")
                rows.writerow([item.question_id, prompt, item.answered, f"{item.facility:.3f}", wrong, times, disc])
        return len(report.students)
