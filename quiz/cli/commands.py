"""Every subcommand's arguments, kept apart from the code that runs them.

A handler is named "module:function" and imported only when its command runs, so that
`quiz` alone (the TUI) never loads the other commands and what they import.
"""

from __future__ import annotations

import argparse

from quiz.core.mode import Mode
from quiz.core.verdict import Form

KINDS = ["choice", "recall", "gap", "truefalse", "number"]
"""quiz.core.model.Kind's values, written out: the parser loads none of the bank's classes (a test keeps them equal)."""
DECK_FORMATS = ("gift", "aiken", "csv", "json", "apkg")
"""What a deck can be exported as (`quiz export DECK --format ...`)."""
IMPORT_FORMATS = ("gift", "aiken", "csv", "tsv", "json", "apkg")
"""quiz.formats.IMPORTS, written out: building the parser loads no format (a test keeps the two equal)."""
LOCAL = "127.0.0.1"
SERVED = "QUIZ_SERVED"
"""Set to "1" in the environment of every app process `quiz serve` starts: it talks to a browser."""
DRILL_USAGE = """quiz drill new --deck ID [--deck ID] -n N [--time-limit SECONDS]   make a code for the board
quiz drill CODE [--name NAME] [--plain]                            take the drill
quiz drill results CODE [FILE...] [--csv | --json]                 the class's results
quiz drill export CODE [--name NAME] [--out FILE]                  this machine's answers, to hand in"""

HOME = "quiz.cli.study_commands:home"
"""What `quiz` without a command runs."""
GROUPS = {
    "_bank": ("check",),
    "_store": ("stats", "optimize", "due", "profiles", "export", "doctor"),
    "_study": ("play",),
    "_formats": ("import",),
    "_derive": ("derive", "add", "drafts"),
    "_serve": ("serve",),
    "_drill": ("drill",),
}
"""The commands each function below adds (a test keeps this equal to what they add)."""
COMMANDS = frozenset(name for names in GROUPS.values() for name in names)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, only: str | None = None) -> None:
    """Add every subcommand, in the order `quiz --help` lists them; or, given its name, one command's group.

    Building all of them took 10-20 ms of every start, the TUI's included.
    """
    groups = (_bank, _store, _study, _formats, _derive, _serve, _drill)
    wanted = [group for group in groups if only in GROUPS[group.__name__]] if only is not None else groups
    for add in wanted:
        add(sub, common)


def _bank(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check", parents=[common], help="validate the bank and prove every question is grounded in its article"
    )
    p.add_argument("path", nargs="?", help="deck file or folder (default: the bank in use)")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--strict", action="store_true", help="fail on fairness warnings too")
    p.set_defaults(handler="quiz.cli.bank_commands:check")


def _store(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    handlers = "quiz.cli.store_commands"
    p = sub.add_parser("stats", parents=[common], help="your progress: accuracy, streak, weakest questions")
    p.add_argument("--json", action="store_true", help="machine-readable report, with the charts' series")
    p.add_argument("--deck", action="append", default=[], metavar="ID", help="charts of this deck only (repeatable)")
    p.set_defaults(handler=f"{handlers}:stats_command")

    p = sub.add_parser(
        "optimize", parents=[common], help="fit the review schedule to your own answers (FSRS parameters)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(handler="quiz.cli.optimize_commands:optimize_command")

    p = sub.add_parser("due", parents=[common], help="reviews due today and over the next 6 days, per deck")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(handler=f"{handlers}:due_command")

    p = sub.add_parser("profiles", parents=[common], help="list, add or remove learner profiles")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="every profile, with its number of answers")
    listing.add_argument("--json", action="store_true", help="machine-readable list")
    actions.add_parser("add", parents=[common], help="create a profile").add_argument("name")
    actions.add_parser("remove", parents=[common], help="delete a profile and all its scores").add_argument("name")
    p.set_defaults(handler=f"{handlers}:profiles_command", action="list", json=False)

    p = sub.add_parser(
        "export", parents=[common], help="write a profile's answers (attempts) or a deck (DECK) to a file"
    )
    p.add_argument("what", metavar="attempts|DECK", help="'attempts' for your answers, or a deck id")
    p.add_argument(
        "--format",
        choices=sorted({"csv", "json", *DECK_FORMATS}),
        help="attempts: csv (default) or json; a deck: gift, aiken, csv, json or apkg (an Anki package)",
    )
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(handler=f"{handlers}:export_command")

    p = sub.add_parser("doctor", parents=[common], help="check the score database and its backups; back it up")
    p.add_argument("--restore", action="store_true", help="put back the latest good backup of a damaged database")
    p.add_argument(
        "--backup",
        nargs="?",
        const="",
        metavar="FILE",
        help="copy the database, every answer included, to FILE (default: quiz-backup-DATE.db here)",
    )
    p.set_defaults(handler=f"{handlers}:doctor_command")


def _study(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("play", parents=[common], help="study a session now (in the TUI, or --plain for line mode)")
    p.add_argument("--plain", action="store_true", help="plain lines and typed answers: screen readers, pipes")
    p.add_argument("--mode", choices=[m.value for m in Mode], default="practice")
    p.add_argument("--deck", action="append", default=[], metavar="ID", help="deck id (repeatable; default all)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only questions with this tag")
    p.add_argument("--kind", action="append", default=[], choices=KINDS)
    p.add_argument("--difficulty", action="append", default=[], type=int, choices=(1, 2, 3))
    p.add_argument("-n", "--count", type=int, default=10, help="how many questions (default 10)")
    p.add_argument("--seed", type=int, help="fix the selection and order")
    p.add_argument("--form", choices=[f.value for f in Form if f is not Form.TRUEFALSE], help="fix the format")
    p.add_argument("--time-limit", type=int, metavar="SECONDS", help="exam: whole session; drill: per question")
    p.set_defaults(handler="quiz.cli.study_commands:play")


def _formats(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="make a deck from a GIFT, Aiken, CSV/TSV or JSON file, or an Anki package (.apkg)",
        description="Read questions from FILE and write them as a deck in your library (or to --out).",
    )
    p.add_argument("file", metavar="FILE", help="the file to import")
    p.add_argument("--format", choices=IMPORT_FORMATS, help="the file's format (default: from its extension)")
    p.add_argument("--deck", metavar="NAME", help="the deck's name; its id is made from it (default: the file name)")
    p.add_argument("--strict", action="store_true", help="write nothing if any entry is bad (default: skip it)")
    p.add_argument("--out", metavar="FILE", help="write the deck file here instead of into your library")
    p.add_argument("--replace", action="store_true", help="overwrite a deck file that already exists")
    p.set_defaults(handler="quiz.cli.format_commands:import_command")


def _derive(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    handlers = "quiz.cli.derive_commands"
    p = sub.add_parser(
        "derive",
        parents=[common],
        help="draft grounded questions from news articles (plain text or HTML)",
        description="Draft questions from articles (files, or folders of .txt, .md and .html files). "
        "Without --out the deck is printed as TOML.",
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="article text files, or folders of them")
    p.add_argument("--out", metavar="FILE", help="write the deck here, and the articles where `quiz check FILE` looks")
    p.add_argument("--json", action="store_true", help="print the drafts as JSON, each with its rank score and reason")
    p.add_argument("--jobs", type=_positive, metavar="N", help="worker processes (default: one per idle core)")
    p.add_argument("--replace", action="store_true", help="overwrite the --out file if it already exists")
    _derive_options(p)
    p.set_defaults(handler=f"{handlers}:derive_command")

    p = sub.add_parser(
        "add",
        parents=[common],
        help="add an article to your library and draft its questions there",
        description="Copy ARTICLE into your library (in the user data folder) and derive a draft deck for it.",
    )
    p.add_argument("article", metavar="ARTICLE", help="article text file")
    p.add_argument("--id", help="article and deck id (default: from the file name)")
    _derive_options(p)
    p.set_defaults(handler=f"{handlers}:add_command")

    p = sub.add_parser("drafts", parents=[common], help="review drafts in your library: list, accept, reject")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("list", parents=[common], help="show every draft: id, kind, prompt, answer")
    a.add_argument("--json", action="store_true", help="machine-readable list")
    a.set_defaults(handler=f"{handlers}:drafts_list")
    a = actions.add_parser("accept", parents=[common], help="accept drafts so they are studied")
    a.add_argument("ids", nargs="*", metavar="ID", help="question ids (see `quiz drafts list`)")
    a.add_argument("--all", metavar="DECK", help="accept every draft of this library deck")
    a.set_defaults(handler=f"{handlers}:drafts_accept")
    a = actions.add_parser("reject", parents=[common], help="remove drafts from your library")
    a.add_argument("ids", nargs="+", metavar="ID", help="question ids (see `quiz drafts list`)")
    a.set_defaults(handler=f"{handlers}:drafts_reject")
    p.set_defaults(handler=f"{handlers}:drafts_list", json=False)


def _derive_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--count", type=_positive, default=15, metavar="N", help="at most N drafts per article (default 15)")
    p.add_argument(
        "--kinds",
        type=_kinds,
        metavar="KIND[,KIND...]",
        help=f"only these kinds: {', '.join(KINDS)} (default: a mix of all)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed for distractors and true/false (default 0)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _kinds(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise argparse.ArgumentTypeError(f"unknown kind {', '.join(bad) or text!r}; choose from {', '.join(KINDS)}")
    return kinds


def _serve(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="run the app in a web browser (needs the 'serve' extra)")
    p.add_argument("--host", default=LOCAL, help=f"address to listen on (default {LOCAL}: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--join",
        action="store_true",
        help="require a join code even on this machine (always required past 127.0.0.1; e.g. a shared computer)",
    )
    p.add_argument(
        "--drill",
        metavar="CODE",
        help="run a class: every browser is a student who types a name and takes this drill; you watch live",
    )
    p.add_argument("--out", metavar="FILE", help="--drill: the class's results CSV (default: class-DATE-TIME.csv)")
    p.set_defaults(handler="quiz.cli.serve_commands:serve")


def _drill(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "drill",
        parents=[common],
        help="classroom drills: the same quiz for every student, and the class's results",
        usage=DRILL_USAGE,
    )
    p.add_argument("words", nargs="+", metavar="new|CODE|results CODE|export CODE")
    p.add_argument("--deck", action="append", default=[], metavar="ID")
    p.add_argument("-n", "--count", type=int, default=10)
    p.add_argument("--time-limit", type=int, metavar="SECONDS", help="per question, in steps of 5")
    p.add_argument("--seed", type=int, help="fix the drill's seed (default: random)")
    p.add_argument("--plain", action="store_true", help="take the drill in line mode")
    p.add_argument("--name", help="the student's name (asked before the drill otherwise); export: only theirs")
    p.add_argument("--csv", action="store_true", help="results as CSV")
    p.add_argument("--json", action="store_true", help="results as JSON")
    p.add_argument("--out", metavar="FILE", help="export: write here (default: hand-in-DRILL-PROFILE.json)")
    p.set_defaults(handler="quiz.cli.drill_commands:drill")
