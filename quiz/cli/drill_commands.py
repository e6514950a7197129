"""`quiz drill`: make a drill code, take the drill, gather and analyse the class's results."""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

from quiz.cli.commands import DRILL_USAGE
from quiz.core.drill import Drill, DrillCodeError, DrillReport, Response, analyse, decode, encode
from quiz.core.inert import csv_cell, inert, json_text
from quiz.core.text import clock


def drill(args: argparse.Namespace) -> int:
    from quiz.cli.study_commands import open_or_report

    verb, rest = args.words[0].lower(), args.words[1:]
    study = open_or_report(args)
    if study is None:
        return 1
    try:
        if verb == "new":
            return new(args, study)
        if verb in ("results", "export"):
            if not rest:
                print(f"quiz: `quiz drill {verb}` needs the drill code", file=sys.stderr)
                return 2
            code = canonical(rest[0], study.bank)
            return results(args, study, code, rest[1:]) if verb == "results" else export(args, study, code)
        if rest:
            print(f"quiz: unexpected {' '.join(rest)}\nusage:\n{DRILL_USAGE}", file=sys.stderr)
            return 2
        return take(args, study, canonical(args.words[0], study.bank))
    except DrillCodeError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return 1


def canonical(code: str, bank) -> str:
    """The code as printed by `drill new`, whatever case or dashes the student typed."""
    return encode(decode(code, bank), bank)


def new(args: argparse.Namespace, study) -> int:
    decks = tuple(args.deck) or tuple(d.id for d in study.bank.decks if not any(q.is_draft for q in d.questions))
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 16)
    code = encode(Drill(decks, args.count, seed, args.time_limit), study.bank)
    limit = f", {args.time_limit} s a question" if args.time_limit else ""
    print(code)
    print(f"{args.count} questions from {', '.join(decks)}{limit}.", file=sys.stderr)
    print(f"Students run: quiz drill {code}", file=sys.stderr)
    return 0


def take(args: argparse.Namespace, study, code: str) -> int:
    options = decode(code, study.bank).options(code)
    if args.plain:
        from quiz.plain.line_mode import LineMode

        LineMode(study, study.start(options), sys.stdin, sys.stdout).run()
        return 0
    from quiz.cli.study_commands import run_tui

    return run_tui(args, study, options)


def responses(study, code: str, files: list[str]) -> list[Response]:
    """This machine's answers to the drill, plus those handed in as export files.

    A student name that comes from two places (two machines' "default") is told apart by file.
    """
    sources = [("this machine", study.store.drill_attempts(code))]
    sources += [(Path(name).name, _read_export(Path(name), code)) for name in files]
    seen: dict[str, set[str]] = {}
    for source, rows in sources:
        for row in rows:
            seen.setdefault(str(row["student"]), set()).add(source)
    out = []
    for source, rows in sources:
        for row in rows:
            name = str(row["student"])
            student = f"{name} ({source})" if len(seen[name]) > 1 else name
            given, correct, ms = str(row["given"]), bool(row["correct"]), int(row["elapsed_ms"])
            out.append(Response(student, str(row["question_id"]), given, correct, ms))
    return out


_FIELDS = {"student", "question_id", "given", "correct", "elapsed_ms"}


def _read_export(path: Path, code: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if data.get("quiz_drill") != code:
            raise DrillCodeError(f"{path}: holds answers to drill {data.get('quiz_drill')!r}, not {code}")
        rows = list(data["responses"])
        if not all(isinstance(row, dict) and row.keys() >= _FIELDS for row in rows):
            raise ValueError("a response lacks a field")
        return rows
    except DrillCodeError:
        raise
    except OSError as exc:
        raise DrillCodeError(f"{path}: cannot be read ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DrillCodeError(f"{path}: is not a file written by `quiz drill export`") from None


def results(args: argparse.Namespace, study, code: str, files: list[str]) -> int:
    drill = decode(code, study.bank)
    from quiz.core.selection import History, select

    order = [q.id for q in select(study.bank, drill.options(code), History(), study.now(), random.Random(0))]
    report = analyse(responses(study, code, files), order)
    if args.json:
        print(json_text(json.dumps(report_dict(code, report), indent=2, ensure_ascii=False)))
    elif args.csv:
        write_csv(report, sys.stdout)
    else:
        print(report_text(code, drill, report))
    return 0


def export(args: argparse.Namespace, study, code: str) -> int:
    rows = study.store.drill_attempts(code)
    if args.profile:  # one student's answers; by default every profile on this machine
        rows = [r for r in rows if r["student"] == args.profile]
    out = Path(args.out or f"drill-{code}.json")
    data = {"quiz_drill": code, "responses": rows}
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    students = sorted({r["student"] for r in rows})
    print(inert(f"✓ {len(rows)} answers of {', '.join(students) or 'nobody yet'} written to {out}; hand it in."))
    return 0


def report_text(code: str, drill: Drill, report: DrillReport) -> str:
    lines = [f"Drill {code}: {drill.count} questions from {', '.join(drill.decks)}", ""]
    if not report.students:
        return "\n".join([*lines, "No answers yet."])
    lines.append(f"{'Rank':<5} {'Student':<24} {'Score':>7} {'Accuracy':>9} {'Time':>7}")
    for rank, s in enumerate(report.students, 1):
        score = f"{s.correct}/{s.answered}"
        lines.append(f"{rank:<5} {inert(s.student)[:24]:<24} {score:>7} {s.accuracy:>9.0%} {clock(s.elapsed_ms):>7}")
    lines += ["", f"{'Question':<12} {'Facility':>8} {'Discr.':>7}  Answers picked"]
    for item in report.items:
        disc = "–" if item.discrimination is None else f"{item.discrimination:+.2f}"
        picks = " · ".join(f"{inert(given) or '(skipped)'} ×{n}" for given, n in item.picks.items())
        lines.append(f"{inert(item.question_id):<12} {item.facility:>8.0%} {disc:>7}  {picks}")
    lines += ["", "Facility: share of students right. Discr.: upper 27% minus lower 27% (needs 4+ students)."]
    return "\n".join(lines)


def report_dict(code: str, report: DrillReport) -> dict[str, Any]:
    return {
        "drill": code,
        "students": [
            {
                "rank": n,
                "student": s.student,
                "answered": s.answered,
                "correct": s.correct,
                "accuracy": s.accuracy,
                "elapsed_ms": s.elapsed_ms,
            }
            for n, s in enumerate(report.students, 1)
        ],
        "questions": [
            {
                "question_id": i.question_id,
                "answered": i.answered,
                "facility": i.facility,
                "discrimination": i.discrimination,
                "picks": i.picks,
            }
            for i in report.items
        ],
    }


def write_csv(report: DrillReport, stream) -> None:
    writer = csv.writer(stream)
    writer.writerow(
        [
            "section",
            "rank_or_question",
            "student_or_picks",
            "answered",
            "correct_or_facility",
            "accuracy_or_discrimination",
            "elapsed_ms",
        ]
    )
    for n, s in enumerate(report.students, 1):
        writer.writerow(["student", n, csv_cell(s.student), s.answered, s.correct, f"{s.accuracy:.3f}", s.elapsed_ms])
    for i in report.items:
        picks = "; ".join(f"{g} x{n}" for g, n in i.picks.items())
        disc = "" if i.discrimination is None else f"{i.discrimination:.3f}"
        writer.writerow(
            ["question", csv_cell(i.question_id), csv_cell(picks), i.answered, f"{i.facility:.3f}", disc, ""]
        )
