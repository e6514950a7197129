"""`quiz drill`: make a drill code, take the drill, gather and analyse the class's results."""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quiz.cli.commands import DRILL_USAGE
from quiz.core.drill import (
    NONCE_BITS,
    Drill,
    DrillCodeError,
    DrillReport,
    HandInError,
    Response,
    analyse,
    decode,
    drill_id,
    encode,
    sign_hand_in,
    verify_hand_in,
)
from quiz.core.drill_entry import DrillEntryError, admit, drill_size, same_student, student_name
from quiz.core.inert import csv_cell, inert, json_text
from quiz.core.selection import Options
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
    chance = random.SystemRandom()
    seed = args.seed if args.seed is not None else chance.randrange(1 << 16)
    # The nonce makes this drill's code, and so the key its hand-ins are signed with, its own.
    code = encode(Drill(decks, args.count, seed, args.time_limit, chance.randrange(1 << NONCE_BITS)), study.bank)
    limit = f", {args.time_limit} s a question" if args.time_limit else ""
    print(code)
    print(f"{args.count} questions from {', '.join(decks)}{limit}.", file=sys.stderr)
    print(f"Students run: quiz drill {code}", file=sys.stderr)
    return 0


def take(args: argparse.Namespace, study, code: str) -> int:
    options = decode(code, study.bank).options(code)
    if args.name is not None or args.plain:  # the TUI asks in a dialog otherwise
        options = named(args, study, options)
        if options is None:
            return 1
    if args.plain:
        from quiz.plain.line_mode import LineMode

        LineMode(study, study.start(options), sys.stdin, sys.stdout).run()
        return 0
    from quiz.cli.study_commands import run_tui

    return run_tui(args, study, options)


def responses(study, code: str, files: list[str], time_limit: int | None = None) -> list[Response]:
    """This machine's answers to the drill, plus those handed in as export files.

    A student name that comes from two places (two machines' "default") is told apart by file.
    Nothing given by the time limit is TIMED_OUT, told apart from a skip.
    """
    here = study.store.drill_attempts(code)
    sources = [("this machine", here)]
    sources += [(name, _not_counted(name, rows, here)) for name, rows in _hand_ins([Path(n) for n in files], code)]
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
            if time_limit and not given and not correct and ms >= time_limit * 1000:
                given = TIMED_OUT
            out.append(Response(student, str(row["question_id"]), given, correct, ms))
    return out


_FIELDS = {"student", "question_id", "given", "correct", "elapsed_ms"}
TIMED_OUT = "(time ran out)"  # what the picks show for a timed question left unanswered


def _answer_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """One answer, wherever it is read from: the same student, question, answer and moment."""
    name = " ".join(str(row["student"]).split()).casefold()
    return (name, row["question_id"], row["given"], bool(row["correct"]), row["elapsed_ms"], row.get("answered_at"))


def _not_counted(source: str, rows: list[dict[str, Any]], here: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A hand-in's answers less those this machine already holds (a file exported here, then given back)."""
    counted = {_answer_key(row) for row in here}
    fresh = [row for row in rows if _answer_key(row) not in counted]
    if len(fresh) < len(rows):
        students = sorted({str(row["student"]) for row in rows if _answer_key(row) in counted}, key=str.casefold)
        print(
            inert(f"quiz: {source}: already counted: {', '.join(students)}'s answers are on this machine; left out"),
            file=sys.stderr,
        )
    return fresh


def _hand_ins(paths: list[Path], code: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each signed hand-in's answers; DrillCodeError, in one line, for a file that must not count."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    by_id: dict[str, Path] = {}
    by_student: dict[str, Path] = {}
    for path in paths:
        hand_in, rows = _read_hand_in(path, code)
        if hand_in in by_id:
            raise DrillCodeError(f"{path}: not counted: it is the same hand-in as {by_id[hand_in]}")
        for student in sorted({str(row["student"]) for row in rows}):
            if student in by_student:
                raise DrillCodeError(f"{path}: not counted: it repeats {student}'s hand-in in {by_student[student]}")
            by_student[student] = path
        by_id[hand_in] = path
        out.append((path.name, rows))
    return out


def _read_hand_in(path: Path, code: str) -> tuple[str, list[dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        rows = verify_hand_in(code, data)
        if not all(isinstance(row, dict) and row.keys() >= _FIELDS for row in rows):
            raise ValueError("a response lacks a field")
        return str(data["hand_in"]), rows
    except HandInError as exc:
        raise DrillCodeError(f"{path}: not counted: {exc}") from None
    except OSError as exc:
        raise DrillCodeError(f"{path}: cannot be read ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DrillCodeError(f"{path}: is not a file written by `quiz drill export`") from None


def results(args: argparse.Namespace, study, code: str, files: list[str]) -> int:
    drill = decode(code, study.bank)
    from quiz.core.selection import History, select

    order = [q.id for q in select(study.bank, drill.options(code), History(), study.now(), random.Random(0))]
    report = analyse(responses(study, code, files, drill.time_limit), order)
    if args.json:
        print(json_text(json.dumps(report_dict(code, report), indent=2, ensure_ascii=False)))
    elif args.csv:
        write_csv(report, sys.stdout)
    else:
        print(report_text(code, drill, report))
    return 0


def export(args: argparse.Namespace, study, code: str) -> int:
    rows = study.store.drill_attempts(code)
    who = args.name or args.profile  # one student's answers; by default everyone's on this machine
    names = sorted({str(r["student"]) for r in rows}, key=str.casefold)
    if who:
        rows = [r for r in rows if same_student(r["student"], who)]
    if not rows:  # an empty hand-in would reach the teacher as "no answers" from a student who did answer
        here = f"students on this machine: {', '.join(names)}" if names else "nobody has answered it here yet"
        asked = f"by {who!r} " if who else ""
        print(inert(f"quiz: no answers to drill {code} {asked}here ({here}); nothing written"), file=sys.stderr)
        return 1
    # Not named after the code: the code is the key to the signature, and the file travels.
    out = Path(args.out or f"hand-in-{drill_id(code)[:8]}-{_file_word(who or 'all')}.json")
    data = sign_hand_in(code, uuid.uuid4().hex, rows)
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    students = sorted({r["student"] for r in rows})
    print(inert(f"✓ {len(rows)} answers of {', '.join(students) or 'nobody yet'} written to {out}; hand it in."))
    return 0


def report_text(code: str, drill: Drill, report: DrillReport) -> str:
    lines = [f"Drill {code}: {drill.count} questions from {', '.join(drill.decks)}", ""]
    if not report.students:
        return "\n".join([*lines, "No answers yet."])
    # Columns as wide as their widest entry: a long name or id is never cut, and the headers stay
    # over their figures. "Answered" shows who left early: their accuracy is over fewer questions.
    names = [inert(s.student) for s in report.students]
    width = max(len("Student"), *map(len, names))
    answered = [f"{s.answered} of {drill.count}" for s in report.students]
    aw = max(len("Answered"), *map(len, answered))
    lines.append(f"{'Rank':<5} {'Student':<{width}} {'Score':>7} {'Answered':>{aw}} {'Accuracy':>9} {'Time':>7}")
    for rank, (s, name, of) in enumerate(zip(report.students, names, answered, strict=True), 1):
        score = f"{s.correct}/{s.answered}"
        lines.append(f"{rank:<5} {name:<{width}} {score:>7} {of:>{aw}} {s.accuracy:>9.0%} {clock(s.elapsed_ms):>7}")
    ids = [inert(item.question_id) for item in report.items]
    iw = max(len("Question"), *map(len, ids)) if ids else len("Question")
    lines += ["", f"{'Question':<{iw}} {'Facility':>8} {'Discr.':>7}  Answers picked"]
    for item, qid in zip(report.items, ids, strict=True):
        disc = "–" if item.discrimination is None else f"{item.discrimination:+.2f}"
        picks = " · ".join(f"{inert(given) or '(skipped)'} ×{n}" for given, n in item.picks.items())
        lines.append(f"{qid:<{iw}} {item.facility:>8.0%} {disc:>7}  {picks}")
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


def named(args: argparse.Namespace, study, options: Options) -> Options | None:
    """The drill's options with the student's name (`--name`, or asked in line mode); None when refused.

    A name that answered this whole drill here is refused: a drill is taken once (one left early goes on).
    """
    from dataclasses import replace

    from quiz.plain.line_mode import ask_name

    name = args.name if args.name is not None else ask_name(sys.stdin, sys.stdout)
    if name is None:
        print("quiz: a drill starts with your name; type it, or give it with --name", file=sys.stderr)
        return None
    try:
        size = drill_size(study.bank, options)
        name = admit(study.store.drill_attempts(options.drill), student_name(name), options.drill, size)
    except DrillEntryError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return None
    return replace(options, student=name)


def _file_word(name: str) -> str:
    """A student's name as part of a file name: 'Ana Silva' -> 'ana-silva'."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()) or "student"
