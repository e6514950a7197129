"""The draft review API the TUI builds on: list, accept, reject and update, with no UI in it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.data import locations
from quiz.data.library import library_questions
from quiz.derive.drafts import DraftError, accept, accept_deck, list_drafts, reject, update
from tests.derive.conftest import FIXTURES


@pytest.fixture
def data_dir(quiz):
    assert quiz("add", str(FIXTURES / "summit_wire.txt")).code == 0
    return locations.data_dir(None)


def test_list_drafts_gives_questions_with_their_deck(data_dir):
    drafts = list_drafts(data_dir)
    assert drafts and all(q.is_draft and q.deck == "summit_wire" for q in drafts)


def test_accept_and_reject_rewrite_the_deck(data_dir):
    a, b, *rest = list_drafts(data_dir)
    assert accept(data_dir, [a.id]) == [a.id]
    assert reject(data_dir, [b.id]) == [b.id]
    assert [q.id for q in list_drafts(data_dir)] == [q.id for q in rest]
    assert accept_deck(data_dir, "summit_wire") == [q.id for q in rest]
    assert list_drafts(data_dir) == []


def test_rejecting_every_question_removes_the_deck(data_dir):
    reject(data_dir, [q.id for q in list_drafts(data_dir)])
    assert not (library_questions(data_dir) / "summit_wire.toml").exists()
    assert list_drafts(data_dir) == []


def test_unknown_ids_change_nothing(data_dir):
    before = list_drafts(data_dir)
    with pytest.raises(DraftError, match="no question with id zzz"):
        accept(data_dir, [before[0].id, "zzz"])
    assert list_drafts(data_dir) == before


def test_update_keeps_a_grounded_edit(data_dir):
    q = next(q for q in list_drafts(data_dir) if q.kind.value in ("choice", "recall"))
    edited = replace(q, prompt=q.prompt.replace("?", ", according to the report?", 1), explanation="Edited.")
    update(data_dir, edited)
    again = next(x for x in list_drafts(data_dir) if x.id == q.id)
    assert again.prompt == edited.prompt and again.explanation == "Edited."


@pytest.mark.parametrize(
    "change",
    [
        {"evidence": ()},
        {"tags": ("Not A Tag",)},
    ],
    ids=["no-evidence", "bad-tag"],
)
def test_update_refuses_an_invalid_edit(data_dir, change):
    q = list_drafts(data_dir)[0]
    with pytest.raises(DraftError):
        update(data_dir, replace(q, **change))
    assert list_drafts(data_dir)[0] == q


def test_update_refuses_an_ungrounded_quote(data_dir):
    from quiz.core.model import Evidence

    q = list_drafts(data_dir)[0]
    with pytest.raises(DraftError, match="evidence quote not found"):
        update(data_dir, replace(q, evidence=(Evidence(q.evidence[0].article, "Words the article never says."),)))


def test_spacy_hook_is_optional():
    from quiz.derive import spacy_ner

    try:
        import spacy  # noqa: F401
    except ImportError:
        assert spacy_ner.pipeline() is None
        assert spacy_ner.hints(["Angela Merkel spoke."]) == {}
