"""The library analysed once answers every article exactly as a Library of the other texts would.

Also: the pool that spreads articles over the cores returns what one process returns, and the
entities kept on disk are used only for the same text read by the same code.
"""

from __future__ import annotations

import os
import shutil
import sys

from hypothesis import given
from hypothesis import strategies as st

from quiz.derive import batch, entity_cache
from quiz.derive.distractors import Library
from quiz.derive.entity_cache import EntityCache, reader_digest
from quiz.derive.generate import derive_drafts
from quiz.derive.shared_library import FirstSeen, SharedLibrary, library_analysis, library_entities
from tests.derive.conftest import ARTICLES

TEXTS = [p.read_text(encoding="utf-8") for p in ARTICLES]


def _plain(texts: list[str]) -> Library:
    """The Library a single `derive_drafts` call makes: every text analysed, scanned on each question."""
    return Library(lambda: [library_analysis(t) for t in texts])


def test_each_article_sees_the_library_without_its_own_text_and_nothing_else():
    texts = TEXTS + TEXTS[:3]  # the first three twice: an article is left out of its library every time
    shared = SharedLibrary(texts)
    for text in (TEXTS[0], TEXTS[7], "an article that is not in the library"):
        view, plain = shared.for_article(text), _plain([t for t in texts if t != text])
        assert view.articles == plain.articles
        for ents in plain.articles:
            keys = {e.key for e in ents}
            for minimum in (1, 2, 3):
                assert view.related(keys, minimum) == plain.related(keys, minimum)
            assert view.titles(keys) == plain.titles(keys)
            for type_ in {(e.type, e.subtype) for a in plain.articles for e in a}:
                assert view.of_type(type_, keys) == plain.of_type(type_, keys)
            for e in ents:
                assert view.person(e.key) == plain.person(e.key)


def test_a_library_of_many_articles_on_the_same_people_answers_the_same():
    """More articles than names: the index goes name by name, and must still keep the articles' order."""
    texts = [TEXTS[i % 5] + f"\nReport {i} ends here.\n" for i in range(40)]
    shared, plain = SharedLibrary(texts), _plain(texts[1:])
    view = shared.for_article(texts[0])
    for ents in plain.articles[:5]:
        keys = {e.key for e in ents}
        assert view.titles(keys) == plain.titles(keys)
        for type_ in {(e.type, e.subtype) for e in ents}:
            assert view.of_type(type_, keys) == plain.of_type(type_, keys)


@given(
    st.lists(st.lists(st.tuples(st.sampled_from("abcdefg"), st.integers(0, 9)), max_size=6), max_size=12),
    st.sets(st.integers(0, 11)),
)
def test_first_seen_union_is_the_walk_through_the_articles(articles, chosen):
    """Whichever way it goes, the union equals going article by article and keeping each key's first value."""
    index: FirstSeen[tuple[str, int]] = FirstSeen()
    for i, items in enumerate(articles):
        index.add(i, [(k, (k, v)) for k, v in items])
    picked = sorted(i for i in chosen if i < len(articles))
    expected, seen = [], set()
    for i in picked:
        for k, v in articles[i]:
            if k not in seen:
                seen.add(k)
                expected.append((k, v))
    assert index.union(picked, set(picked)) == expected


def test_the_library_is_analysed_once_however_many_articles_use_it():
    calls: list[int] = []

    def entities(texts: list[str]) -> list:
        calls.append(len(texts))
        return [library_entities(t) for t in texts]

    shared = SharedLibrary(TEXTS + TEXTS[:2], entities)
    for text in TEXTS:
        shared.for_article(text).of_type(("person", "person"), {"Bashar al-Assad", "Vladimir Putin"})
    assert calls == [len(TEXTS)]  # distinct texts, once


def test_batch_drafts_equal_one_article_at_a_time_on_one_or_two_processes():
    items = [(p.read_text(encoding="utf-8"), f"a{i}") for i, p in enumerate(ARTICLES[:6])]
    library = [t for t, _ in items] + TEXTS[6:9]
    expected = [derive_drafts(t, i, count=6, seed=3, library_texts=library) for t, i in items]
    for workers in (1, 2):
        got = batch.derive_batch(items, SharedLibrary(library), count=6, seed=3, workers=workers, describe=len)
        assert [drafts for drafts, _ in got] == expected
        assert [size for _, size in got] == [len(t) for t, _ in items]  # what else each article needs, in its place


def test_the_pool_runs_every_item_in_other_processes_in_order_and_reports_progress(monkeypatch):
    monkeypatch.setattr(batch, "MIN_PER_WORKER", 2)
    seen: list[tuple[str, int, int]] = []
    got = batch.run(lambda i: (i * i, os.getpid()), 23, 2, "Squaring", lambda *a: seen.append(a))
    assert [r for r, _ in got] == [i * i for i in range(23)]
    assert os.getpid() not in {pid for _, pid in got}  # which worker takes which chunk is up to the pool
    assert seen[-1] == ("Squaring", 23, 23) and [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)


def test_workers_end_on_sigterm_and_leave_ctrl_c_to_the_command(monkeypatch):
    """The command turns SIGTERM into SystemExit; its forked workers must not, or a pool that stops them waits."""
    import signal

    from quiz.cli import _end_politely_on

    monkeypatch.setattr(batch, "MIN_PER_WORKER", 2)
    previous = _end_politely_on(("SIGTERM", "SIGHUP"))
    try:
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # the command's own handler
        seen = batch.run(
            lambda i: (
                os.getpid(),
                signal.getsignal(signal.SIGTERM),
                signal.getsignal(signal.SIGINT),
                signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, []),
            ),
            8,
            2,
            "x",
            None,
        )
        assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # blocked only while forking
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    assert os.getpid() not in {pid for pid, *_ in seen}
    assert {tuple(rest) for _, *rest in seen} == {(signal.SIG_DFL, signal.SIG_IGN, False)}


class _Busy:
    def __init__(self, others: float | None) -> None:
        self.value = others

    def others(self) -> float | None:
        return self.value


def test_workers_default_to_the_cores_other_programs_leave_idle(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    assert batch.cores(_Busy(0.7)) == 4
    assert batch.cores(_Busy(2.6)) == 2
    assert batch.cores(_Busy(9.0)) == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 0.0, 0.0), raising=False)
    assert batch.cores(_Busy(None)) == 3  # no /proc/stat: the load average, as `make -l` reads it


def test_the_number_of_workers_is_found_out_only_when_there_is_enough_to_share(monkeypatch):
    asked: list[int] = []

    def workers() -> int:
        asked.append(1)
        return 2

    few = 2 * batch.MIN_PER_WORKER - 1
    assert batch.run(lambda i: i, few, workers, "Few", None) == list(range(few))
    assert asked == []  # nothing measured for a job done at once in this process
    got = batch.run(lambda i: os.getpid(), 2 * batch.MIN_PER_WORKER, workers, "Enough", None)
    assert asked == [1] and os.getpid() not in got


def test_an_article_error_comes_back_in_its_place():
    items = [(TEXTS[0], "a"), ("Not an article at all", "b")]
    (first, _), (second, _) = batch.derive_batch(items, SharedLibrary([t for t, _ in items]))
    assert first and isinstance(second, batch.ArticleError)
    assert "no sentences of prose" in second.message


# --------------------------------------------------------------------------- the entities on disk


def test_entities_come_back_from_disk_equal_and_are_not_analysed_again(tmp_path):
    cache = EntityCache(tmp_path)
    analysed: list[str] = []

    def analyse(texts: list[str]) -> list:
        analysed.extend(texts)
        return [library_entities(t) for t in texts]

    first = cache.entities(TEXTS[:4], analyse)
    again = EntityCache(tmp_path).entities(TEXTS[:5], analyse)
    assert again[:4] == first and again[4] == library_entities(TEXTS[4])
    assert analysed == TEXTS[:4] + [TEXTS[4]]


def test_a_damaged_entry_is_analysed_again(tmp_path):
    cache = EntityCache(tmp_path)
    cache.entities(TEXTS[:1], lambda ts: [library_entities(t) for t in ts])
    (entry,) = cache.folder.iterdir()
    entry.write_bytes(b"\x00garbage")
    assert EntityCache(tmp_path).get(TEXTS[0]) is None
    assert EntityCache(tmp_path).entities(TEXTS[:1], lambda ts: [library_entities(t) for t in ts]) == [
        library_entities(TEXTS[0])
    ]


def test_entities_read_by_other_code_are_never_used_and_are_cleared(tmp_path, monkeypatch):
    EntityCache(tmp_path).put(TEXTS[0], library_entities(TEXTS[1]))  # what another version would have found
    monkeypatch.setattr(entity_cache, "reader_digest", lambda: "another-version")
    newer = EntityCache(tmp_path)
    assert newer.get(TEXTS[0]) is None
    newer.put(TEXTS[0], library_entities(TEXTS[0]))
    assert [p.name for p in tmp_path.iterdir()] == ["another-version"]


def test_the_reader_digest_changes_with_any_file_of_the_reader(tmp_path):
    def copy(name: str):
        package = tmp_path / name
        shutil.copytree(entity_cache.READER, package, ignore=shutil.ignore_patterns("__pycache__"))
        return package

    same, changed, data = copy("same"), copy("changed"), copy("data")
    (changed / "rank.py").write_text((changed / "rank.py").read_text(encoding="utf-8") + "\nX = 1\n", encoding="utf-8")
    gazetteer = data / "gazetteer.toml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert reader_digest(same) == reader_digest(entity_cache.READER)
    assert len({reader_digest(same), reader_digest(changed), reader_digest(data)}) == 3
