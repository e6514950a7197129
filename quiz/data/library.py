"""The learner's own library: added articles and their decks, beside the built-in bank.

Layout (inside the user data folder, never inside the installed package):

    library/questions/*.toml   derived and imported decks
    library/seeds/articles.toml + the added article files
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.core.seeds import default_seeds

if TYPE_CHECKING:  # the bank's parser and classes: a cached bank draws home without them
    from quiz.core.model import Bank
    from quiz.core.outline import PendingBank
    from quiz.core.problems import Problem


def library_root(data_dir: Path) -> Path:
    return data_dir / "library"


def library_questions(data_dir: Path) -> Path:
    return library_root(data_dir) / "questions"


def library_seeds(data_dir: Path) -> Path:
    return library_root(data_dir) / "seeds"


def library_stamp(data_dir: Path) -> frozenset[tuple[str, int, int]]:
    """Each library file's (path, size, modification time): when it changes, the library changed.

    Cheap enough to take every few seconds (one directory listing per folder, no file is read),
    so a running app notices what `quiz import`, `quiz add` or `quiz derive` wrote.
    """
    stamp: set[tuple[str, int, int]] = set()
    for folder in (library_questions(data_dir), library_seeds(data_dir)):
        try:
            entries = list(os.scandir(folder))
        except OSError:  # not made yet
            continue
        for entry in entries:
            if entry.name.startswith("."):  # an atomic writer's temporary file, not yet in place
                continue
            try:
                st = entry.stat()
            except OSError:  # removed while we looked
                continue
            stamp.add((entry.path, st.st_size, st.st_mtime_ns))
    return frozenset(stamp)


def read_question_rows(
    bank: Path, seeds: Path | None, data_dir: Path | None
) -> tuple[Bank | tuple[tuple[object, ...], ...], list[Problem]]:
    """What the figures need of each question (quiz.data.stats.QuestionRow), from the cached index
    when the files are unchanged; else the whole bank, read through the cache."""
    from quiz.data.bank_cache import cached_index

    rows = cached_index(_cache_folders(bank, seeds, data_dir))
    return (rows, []) if rows is not None else read_full_bank(bank, seeds, data_dir, cache=True)


def read_full_bank(
    bank: Path, seeds: Path | None, data_dir: Path | None, *, cache: bool = False
) -> tuple[Bank, list[Problem]]:
    """The bank in use plus the learner's library decks (when there are any).

    `cache`: reuse the parsed bank while its files are unchanged (what the app does at start-up).
    """
    if cache:
        from quiz.data.bank_cache import cached

        return cached(_cache_folders(bank, seeds, data_dir), lambda: read_full_bank(bank, seeds, data_dir))
    main, problems = checked_bank(bank, seeds)
    if data_dir is None:
        return main, problems
    questions = library_questions(data_dir)
    if not questions.is_dir() or not any(questions.glob("*.toml")):
        return main, problems
    from quiz.core.bank import across_decks
    from quiz.core.model import Bank

    extra, extra_problems = checked_bank(questions)  # articles: library/seeds beside it
    merged = Bank(main.decks + extra.decks, {**main.articles, **extra.articles})
    # dict.fromkeys: a clash inside the main bank is already in `problems`; say it once.
    return merged, list(dict.fromkeys(problems + extra_problems + across_decks(merged.decks)))


def open_full_bank(bank: Path, seeds: Path | None, data_dir: Path | None) -> tuple[Bank | PendingBank, list[Problem]]:
    """As read_full_bank through the cache, but a cached bank comes as its outline: the app builds
    its questions after the first frame, when they are first needed."""
    from quiz.data.bank_cache import cached_pending

    return cached_pending(_cache_folders(bank, seeds, data_dir), lambda: read_full_bank(bank, seeds, data_dir))


def hold_full_bank(bank: Path, seeds: Path | None, data_dir: Path | None) -> None:
    """Read the full bank now and keep it in memory while its files are unchanged (see bank_cache.hold)."""
    from quiz.data.bank_cache import hold

    full, problems = read_full_bank(bank, seeds, data_dir, cache=True)
    if not problems:  # a bank with problems is read afresh, so that each opening reports them
        hold(_cache_folders(bank, seeds, data_dir), full)


def checked_bank(path: Path, seeds: Path | None = None) -> tuple[Bank, list[Problem]]:
    """The bank by `quiz check`'s rules, for every command: a deck with an error is left out and reported.

    Warnings (what `quiz check --strict` fails on) never keep a deck out.
    """
    from quiz.core.check import check_bank  # imported here: a bank read from the cache never needs it

    bank, problems = check_bank(path, seeds)
    errors = [p for p in problems if p.severity == "error"]
    failed = {p.file for p in errors}
    if not failed & {d.source for d in bank.decks}:
        return bank, errors
    from quiz.core.model import Bank

    return Bank(tuple(d for d in bank.decks if d.source not in failed), bank.articles), errors


def _cache_folders(bank: Path, seeds: Path | None, data_dir: Path | None) -> list[Path]:
    """Every folder whose files make up the full bank: what the parsed-bank cache is keyed on."""
    folders = [bank, seeds or default_seeds(bank)]
    if data_dir is not None:
        folders.append(library_root(data_dir))
    return folders
