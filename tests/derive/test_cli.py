"""`quiz derive`, `quiz add` and `quiz drafts` from the command line (in-process, isolated data dir)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import tomli

from quiz.core.bank import default_seeds
from quiz.data import locations
from quiz.data.library import library_questions, library_seeds
from tests.conftest import ROOT
from tests.derive.conftest import ARTICLES, FIXTURES, SEEDS

SEED = SEEDS[0]


def no_traceback(result) -> None:
    assert "Traceback" not in result.out + result.err


# --------------------------------------------------------------------------- derive


def test_derive_prints_a_deck_of_drafts(quiz):
    result = quiz("derive", str(SEED))
    assert result.code == 0, result.err
    data = tomli.loads(result.out)
    assert data["deck"]["origin"] == "derived"
    assert data["deck"]["articles"] == ["000_bca7dcc935938ebd"]
    assert 5 <= len(data["questions"]) <= 15  # only the drafts above the ranker's threshold
    assert all(q["status"] == "draft" for q in data["questions"])
    assert len({q["id"] for q in data["questions"]}) == len(data["questions"])


def test_derive_out_writes_deck_articles_and_catalogue_so_check_passes(quiz, tmp_path):
    out = tmp_path / "bank" / "questions" / "mine.toml"
    out.parent.mkdir(parents=True)
    article = tmp_path / "flood.txt"
    shutil.copy(FIXTURES / "harbour_flood.txt", article)
    result = quiz("derive", str(SEED), str(article), "--out", str(out), "--count", "8")
    assert result.code == 0, result.err
    seeds = default_seeds(out)
    assert seeds == tmp_path / "bank" / "seeds"
    assert (seeds / SEED.name).read_bytes() == SEED.read_bytes()
    assert (seeds / "flood.txt").read_text(encoding="utf-8") == article.read_text(encoding="utf-8")
    catalogue = tomli.loads((seeds / "articles.toml").read_text(encoding="utf-8"))
    assert [a["id"] for a in catalogue["articles"]] == ["000_bca7dcc935938ebd", "flood"]
    deck = tomli.loads(out.read_text(encoding="utf-8"))
    assert len(deck["questions"]) <= 16 and deck["deck"]["articles"] == ["000_bca7dcc935938ebd", "flood"]
    check = quiz("check", str(out))
    assert check.code == 0, check.out
    assert "all grounded" in check.out


def test_derive_out_merges_with_a_catalogue_and_never_overwrites_a_different_file(quiz, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "articles.toml").write_text(
        '# my catalogue\n\n[[articles]]\nid = "chipmaker"\nfile = "chipmaker.txt"\ntitle = "Mine"\nsummary = "Mine."\n',
        encoding="utf-8",
    )
    (seeds / "chipmaker.txt").write_text("My own article about chips. It is different.\n", encoding="utf-8")
    out = tmp_path / "questions" / "deck.toml"
    out.parent.mkdir()
    result = quiz("derive", str(FIXTURES / "chipmaker.txt"), "--out", str(out))
    assert result.code == 0, result.err
    assert (seeds / "chipmaker.txt").read_text(encoding="utf-8").startswith("My own article")
    text = (seeds / "articles.toml").read_text(encoding="utf-8")
    assert text.startswith("# my catalogue")
    entries = tomli.loads(text)["articles"]
    assert [(a["id"], a["file"]) for a in entries] == [
        ("chipmaker", "chipmaker.txt"),
        ("chipmaker-2", "chipmaker-2.txt"),
    ]
    assert quiz("check", str(out)).code == 0
    # The same article again reuses its file and entry.
    again = tmp_path / "questions" / "again.toml"
    assert quiz("derive", str(FIXTURES / "chipmaker.txt"), "--out", str(again)).code == 0
    assert len(tomli.loads((seeds / "articles.toml").read_text(encoding="utf-8"))["articles"]) == 2
    assert quiz("check", str(out.parent)).code == 0  # ids never clash across the two decks


def test_derive_reads_html_and_windows_1252_with_a_warning(quiz, tmp_path):
    for name, words in (("tram.html", "is HTML"), ("cp1252_port.txt", "Windows-1252")):
        out = tmp_path / "q" / f"{Path(name).stem}.toml"
        out.parent.mkdir(exist_ok=True)
        result = quiz("derive", str(FIXTURES / name), "--out", str(out))
        assert result.code == 0, result.err
        assert words in result.err
        assert quiz("check", str(out)).code == 0
    stored = (tmp_path / "seeds" / "cp1252_port.txt").read_text(encoding="utf-8")
    assert "Ren\u00e9 Dubois" in stored


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", "is empty"),
        ("blank.txt", "is empty"),
        ("binary.dat", "is a binary file, not text"),
        ("document.pdf", "is a PDF file"),
        ("no_sentences.txt", "has no sentences of prose"),
        ("nowhere.txt", "no such file"),
    ],
)
def test_derive_bad_input_names_the_file_and_exits_1(quiz, name, words):
    result = quiz("derive", str(FIXTURES / name))
    assert result.code == 1
    no_traceback(result)
    assert name in result.err and words in result.err
    assert result.out == ""


def test_derive_options_are_checked(quiz):
    assert quiz("derive", str(SEED), "--count", "0").code == 2
    bad = quiz("derive", str(SEED), "--kinds", "choice,essay")
    assert bad.code == 2 and "unknown kind 'essay'" in bad.err


def test_derive_kinds_count_and_seed(quiz):
    result = quiz("derive", str(SEED), "--kinds", "gap,number", "--count", "3", "--seed", "5")
    assert result.code == 0, result.err
    questions = tomli.loads(result.out)["questions"]
    assert 1 <= len(questions) <= 3
    assert {q["kind"] for q in questions} <= {"gap", "number"}
    assert quiz("derive", str(SEED), "--seed", "5").out == quiz("derive", str(SEED), "--seed", "5").out


def test_derive_out_into_a_folder_is_refused(quiz, tmp_path):
    result = quiz("derive", str(SEED), "--out", str(tmp_path))
    assert result.code == 1 and "is a folder" in result.err
    no_traceback(result)


def _one_at_a_time(paths: list[Path], ids: list[str], deck_id: str, library: list[str], **kw) -> list[dict]:
    """The questions of the deck the CLI writes, made the simple way: each article alone, against every text."""
    from dataclasses import replace

    from quiz.core.model import Deck
    from quiz.core.writer import dump_deck
    from quiz.derive.generate import derive_drafts

    drafts = [
        d.question
        for path, art_id in zip(paths, ids, strict=True)
        for d in derive_drafts(path.read_text(encoding="utf-8"), art_id, library_texts=library, **kw)
    ]
    questions = [replace(q, id=f"{deck_id}-{n:03d}", deck=deck_id) for n, q in enumerate(drafts, 1)]
    deck = Deck(deck_id, "t", tuple(questions), articles=tuple(dict.fromkeys(ids)), origin="derived")
    return tomli.loads(dump_deck(deck, ""))["questions"]


def test_a_folder_gives_the_drafts_each_article_gives_alone_on_two_processes(quiz, tmp_path):
    """16 articles (enough for the pool) against a library of the seeds and each other: the same drafts."""
    folder = tmp_path / "news"
    folder.mkdir()
    articles = ARTICLES[:16]
    for n, path in enumerate(articles):
        shutil.copy(path, folder / f"{n:02d}-{path.name}")
    (folder / "articles.toml").write_text("[[articles]]\n", encoding="utf-8")  # not an article: left out
    (folder / ".draft.txt").write_text("A hidden file.\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "older").mkdir()
    result = quiz("derive", str(folder), "--count", "6", "--seed", "4", "--jobs", "2")
    assert result.code == 0, result.err
    data = tomli.loads(result.out)
    inputs = sorted(folder.glob("[0-9]*"))
    ids = [p.stem for p in inputs]
    assert data["deck"]["articles"] == ids
    library = [p.read_text(encoding="utf-8") for p in SEEDS] + [p.read_text(encoding="utf-8") for p in inputs]
    assert data["questions"] == _one_at_a_time(inputs, ids, "derived", library, count=6, seed=4)
    # Files and folders mixed, in one process: the same deck.
    again = quiz("derive", str(inputs[0]), str(inputs[1]), str(folder), "--count", "6", "--seed", "4", "--jobs", "1")
    assert again.code == 0, again.err
    assert tomli.loads(again.out)["deck"]["articles"] == ids[:2] + [f"{i}-2" for i in ids[:2]] + ids[2:]


def test_a_folder_without_articles_is_refused_by_name(quiz, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = quiz("derive", str(tmp_path))
    assert result.code == 1 and result.out == ""
    assert str(tmp_path) in result.err and "has no article files" in result.err
    no_traceback(result)


def test_a_bad_article_in_a_folder_is_named_and_nothing_is_written(quiz, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(FIXTURES / "no_sentences.txt", folder / "b.txt")
    out = tmp_path / "questions" / "deck.toml"
    result = quiz("derive", str(folder), "--out", str(out))
    assert result.code == 1
    assert str(folder / "b.txt") in result.err and "no sentences of prose" in result.err
    assert not out.exists() and not (tmp_path / "seeds").exists()
    no_traceback(result)


def test_no_progress_bar_into_a_pipe(quiz):
    result = quiz("derive", str(SEEDS[0]), str(SEEDS[1]))
    assert result.code == 0
    assert result.err == ""


def test_a_progress_bar_on_a_terminal_and_cleared_after(tmp_path):
    """A real pseudo-terminal as standard error: the bar is drawn there, then wiped; the deck is untouched."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZ_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "derive", *map(str, SEEDS), "--count", "3"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed and drained
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert proc.returncode == 0
    text = shown.decode("utf-8")
    assert "Deriving" in text and "of 5" in text
    assert text.endswith("\r\x1b[K")  # the last thing written clears the line
    assert b"Deriving" not in proc.stdout and tomli.loads(proc.stdout.decode("utf-8"))["questions"]


# --------------------------------------------------------------------------- add and drafts


def test_add_copies_into_the_user_library_and_derives_there(quiz, tmp_path):
    result = quiz("add", str(FIXTURES / "cup_final.txt"))
    assert result.code == 0, result.err
    data = locations.data_dir(None)
    assert Path(os.environ["QUIZ_DATA_DIR"]) == data
    deck = library_questions(data) / "cup_final.toml"
    assert deck.is_file()
    assert (library_seeds(data) / "cup_final.txt").read_bytes() == (FIXTURES / "cup_final.txt").read_bytes()
    assert not (ROOT / "seeds" / "cup_final.txt").exists()  # never into the package
    assert quiz("check", str(deck)).code == 0
    again = quiz("add", str(FIXTURES / "cup_final.txt"))
    assert again.code == 0 and "already in your library" in again.out


def test_add_reads_only_the_new_article_and_drafts_what_the_whole_library_gives(quiz, monkeypatch):
    """The library's entities are kept between adds: the second add analyses its own article and nothing else."""
    from quiz.derive import batch
    from quiz.derive.shared_library import library_entities

    analysed: list[str] = []

    def counted(text: str):
        analysed.append(text)
        return library_entities(text)

    monkeypatch.setattr(batch, "library_entities", counted)
    first, second = FIXTURES / "cup_final.txt", FIXTURES / "harbour_flood.txt"
    assert quiz("add", str(first)).code == 0
    assert len(analysed) == len(SEEDS) + 1  # the built-in seeds and the article, each once
    analysed.clear()
    assert quiz("add", str(second)).code == 0
    assert analysed == [second.read_text(encoding="utf-8")]
    deck = tomli.loads((library_questions(locations.data_dir(None)) / "harbour_flood.toml").read_text("utf-8"))
    library = [p.read_text(encoding="utf-8") for p in SEEDS + [first, second]]
    assert deck["questions"] == _one_at_a_time([second], ["harbour_flood"], "harbour_flood", library)


def test_add_avoids_ids_used_by_the_bank(quiz, tmp_path):
    clash = tmp_path / "barrel-bombs.txt"
    shutil.copy(FIXTURES / "summit_wire.txt", clash)
    assert quiz("add", str(clash)).code == 0
    assert (library_questions(locations.data_dir(None)) / "barrel-bombs-2.toml").is_file()


def test_library_decks_are_read_beside_the_bank(quiz):
    from quiz.data.library import read_full_bank

    quiz("add", str(FIXTURES / "harbour_flood.txt"))
    bank, problems = read_full_bank(locations.bank_path(None), None, locations.data_dir(None))
    assert problems == []
    deck = bank.deck("harbour_flood")
    assert deck.questions and deck.active == ()  # drafts stay out of study until accepted


def test_drafts_list_accept_and_reject(quiz):
    quiz("add", str(FIXTURES / "cup_final.txt"))
    listed = quiz("drafts", "list", "--json")
    assert listed.code == 0
    import json

    rows = json.loads(listed.out)
    assert rows and {"id", "kind", "prompt", "answer", "deck"} <= set(rows[0])
    first, second, third = (r["id"] for r in rows[:3])
    plain = quiz("drafts", "list")
    assert first in plain.out and rows[0]["answer"] in plain.out

    assert quiz("drafts", "accept", first).code == 0
    assert quiz("drafts", "reject", second).code == 0
    remaining = {r["id"] for r in json.loads(quiz("drafts", "list", "--json").out)}
    assert first not in remaining and second not in remaining and third in remaining
    deck = tomli.loads((library_questions(locations.data_dir(None)) / "cup_final.toml").read_text(encoding="utf-8"))
    statuses = {q["id"]: q.get("status", "active") for q in deck["questions"]}
    assert statuses[first] == "active" and second not in statuses

    result = quiz("drafts", "accept", "--all", "cup_final")
    assert result.code == 0
    assert json.loads(quiz("drafts", "list", "--json").out) == []
    assert quiz("check", str(library_questions(locations.data_dir(None)))).code == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("drafts", "accept", "nope-001"), "no question with id nope-001"),
        (("drafts", "reject", "nope-001"), "no question with id nope-001"),
        (("drafts", "accept", "--all", "nope"), "no deck 'nope' in your library"),
        (("drafts", "accept"), "give question ids or --all DECK"),
    ],
)
def test_drafts_mistakes_are_explained(quiz, args, words):
    quiz("add", str(FIXTURES / "cup_final.txt"))
    result = quiz(*args)
    assert result.code == 1
    assert words in result.err
    no_traceback(result)


def test_drafts_list_on_an_empty_library(quiz):
    result = quiz("drafts", "list")
    assert result.code == 0 and "No drafts" in result.out


def test_derive_out_never_overwrites_an_existing_deck_unless_replace(quiz, tmp_path):
    """A reviewed deck (accepted drafts, the teacher's comments) is refused in one line, left byte for byte."""
    out = tmp_path / "bank" / "questions" / "mine.toml"
    assert quiz("derive", str(SEED), "--out", str(out), "--count", "3").code == 0
    reviewed = out.read_text(encoding="utf-8").replace('status = "draft"', 'status = "active"') + "# checked by Ana\n"
    out.write_text(reviewed, encoding="utf-8")
    refused = quiz("derive", str(SEED), "--out", str(out), "--count", "5")
    assert refused.code == 1 and refused.out == ""
    assert refused.err.startswith("quiz: ") and "already exists" in refused.err and "--replace" in refused.err
    assert refused.err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == reviewed
    replaced = quiz("derive", str(SEED), "--out", str(out), "--count", "5", "--replace")
    assert replaced.code == 0, replaced.err
    assert "# checked by Ana" not in out.read_text(encoding="utf-8")
