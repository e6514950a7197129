"""The fitted draft ranker: reproducible fitting, a threshold with a floor, scores that separate, reasons in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.derive import fit_ranker
from quiz.derive.fit_ranker import LabelError, fit, labelled, read_labels
from quiz.derive.generate import derive_drafts, read
from quiz.derive.rank import floor_for
from quiz.derive.ranker import WEIGHTS_FILE, Facts, Model, model, vector
from tests.derive.conftest import FIXTURES, SEEDS, UNSEEN, library_texts

LABELS = FIXTURES / "unseen_labels.tsv"
EVAL = Path(__file__).resolve().parent / "eval"
# As the shipped ranker.toml says it was fitted: every blind label of the evaluation set (fit part, held-out
# part, its second round, the second and third held-out sets, all development data now), and our own older
# labels of the unseen_* fixtures (holdout_* left out for the test below).
FIT_COMMAND = [
    str(EVAL / "labels" / "fit.tsv"),
    str(EVAL / "labels" / "heldout.tsv"),
    str(EVAL / "labels" / "heldout-round2.tsv"),
    str(EVAL / "labels" / "heldout2.tsv"),
    str(EVAL / "labels" / "heldout3.tsv"),
    str(EVAL / "labels" / "heldout4.tsv"),
    str(EVAL / "labels" / "heldout5.tsv"),
    str(LABELS),
    "--articles",
    str(EVAL / "articles"),
    "--exclude",
    "holdout_*",
]


def facts(**kw) -> Facts:
    base = dict(kind="gap", template="gap-person", prompt="Fill in: ___ said.", answer="Osei",
                options=("A", "B", "C"), option_sources=("article",) * 3, answer_type="person", unit="",
                evidence="Osei said.", position=0.5)  # fmt: skip
    return Facts(**{**base, **kw})


def test_the_shipped_weights_are_what_the_documented_command_fits(tmp_path):
    out = tmp_path / "ranker.toml"
    assert fit_ranker.main([*FIT_COMMAND, "--out", str(out)]) == 0
    refit = f"python -m quiz.derive.fit_ranker {' '.join(FIT_COMMAND)}"
    assert out.read_text(encoding="utf-8") == WEIGHTS_FILE.read_text(encoding="utf-8"), f"derive changed: {refit}"


def test_fitting_learns_what_readers_keep():
    kept = [(vector(facts(kind="number", template="number", answer_type="money", unit="pounds")), 1.0)] * 20
    rejected = [(vector(facts(answer_type="place", template="gap-place")), 0.0)] * 20
    m = fit(kept + rejected)
    assert m.weights["type:money"] > 0 > m.weights["type:place"]
    assert m.score(kept[0][0]) > 0.8 > 0.2 > m.score(rejected[0][0])
    assert fit(kept + rejected) == m  # the same labels always give the same weights


def test_held_back_articles_kept_drafts_score_above_rejected_ones():
    """The shipped model never saw the holdout_* labels; there, kept drafts must outscore rejected ones."""
    held = [r for r in read_labels(LABELS) if r["article"].startswith("holdout_")]
    items = labelled(held, [FIXTURES])
    m = model()
    kept = [m.score(vector(i.facts)) for i in items if i.label == "keep"]
    rejected = [m.score(vector(i.facts)) for i in items if i.label == "reject"]
    assert kept and rejected
    assert sum(kept) / len(kept) - sum(rejected) / len(rejected) > 0.1


def test_reason_names_the_features_that_moved_the_score():
    m = Model({"unit": 1.2, "type:money": 0.6, "prompt:long": -0.9, "early": 0.01}, 0.0, 0.5)
    x = vector(facts(kind="number", template="number", answer_type="money", unit="pounds", prompt="word " * 50))
    assert m.reason(x) == "for: number with unit, a sum of money; against: long prompt"


@pytest.mark.parametrize("path", SEEDS[:2] + UNSEEN[:3], ids=lambda p: p.stem)
def test_drafts_below_the_threshold_only_fill_up_to_the_floor(path):
    text = path.read_text(encoding="utf-8")
    drafts = derive_drafts(text, "t", library_texts=library_texts())
    floor = floor_for(sum(len(s.text.split()) for s in read(text).sentences))
    above = [d for d in drafts if d.score >= model().threshold]
    assert len(drafts) == max(len(above), min(floor, len(drafts)))
    assert all(d.reason for d in drafts)
    assert len(derive_drafts(text, "t", count=3, library_texts=library_texts())) == 3


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("article\tprompt\tlabel\nunseen_cup_tie\tWho?\tmaybe\n", ":2: label 'maybe' is not keep, edit or reject"),
        ("article\tlabel\nunseen_cup_tie\tkeep\n", ":2: give the draft's id or its prompt"),
        ("prompt\tlabel\nWho?\tkeep\n", ":2: no article"),
    ],
)
def test_a_bad_labels_file_is_refused_with_its_line(tmp_path, row, words):
    path = tmp_path / "labels.tsv"
    path.write_text(row, encoding="utf-8")
    with pytest.raises(LabelError, match=words):
        read_labels(path)


def test_fit_command_says_what_is_wrong_in_one_line(tmp_path, capsys):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps([{"article": "nowhere", "prompt": "Who?", "label": "keep"}]), encoding="utf-8")
    assert fit_ranker.main([str(path), "--out", str(tmp_path / "w.toml")]) == 1
    err = capsys.readouterr().err
    assert "article 'nowhere' not found" in err and "Traceback" not in err
    assert not (tmp_path / "w.toml").exists()


def test_json_labels_of_derive_json_output_fit(tmp_path, quiz):
    """`quiz derive --json` rows, labelled, are a labels file the fit reads by id."""
    article = tmp_path / "cup.txt"
    article.write_text((FIXTURES / "unseen_cup_tie.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = quiz("derive", str(article), "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows and all(0 < r["score"] < 1 and r["reason"] and r["id"].startswith("cup-") for r in rows)
    for i, r in enumerate(rows):
        r["label"] = "keep" if i % 3 else "reject"
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps(rows), encoding="utf-8")
    items = labelled(read_labels(labels), [tmp_path])
    assert len(items) == len(rows) and all(i.matched for i in items)
    assert fit_ranker.main([str(labels), "--out", str(tmp_path / "w.toml")]) == 0
    assert Path(tmp_path / "w.toml").read_text(encoding="utf-8").count("\n") > 20


def test_drafts_list_json_gives_each_drafts_score_and_reason(tmp_path, quiz):
    data = tmp_path / "data"
    assert quiz("add", str(FIXTURES / "unseen_bank_rate.txt"), "--data-dir", str(data)).code == 0
    derived = {r["prompt"]: r for r in json.loads(quiz("derive", str(FIXTURES / "unseen_bank_rate.txt"), "--json").out)}
    listed = json.loads(quiz("drafts", "list", "--json", "--data-dir", str(data)).out)
    assert listed and all(0 < r["score"] < 1 and r["reason"] for r in listed)
    for r in listed:
        assert (r["score"], r["reason"]) == (derived[r["prompt"]]["score"], derived[r["prompt"]]["reason"])


def test_a_label_is_read_with_its_kind_when_a_choice_and_a_typed_question_share_a_prompt(tmp_path):
    """Readers judge the typed question and the choice apart: each label goes to its own kind's facts."""
    from tests.derive.test_standalone import FERRY

    (tmp_path / "party.txt").write_text(FERRY, encoding="utf-8")
    prompt = "Who had steered the vessel for 22 years and 140 days before the crossing?"
    rows = [
        {"article": "party", "kind": "recall", "prompt": prompt, "label": "keep"},
        {"article": "party", "kind": "choice", "prompt": prompt, "label": "reject"},
    ]
    items = labelled(rows, [tmp_path])
    assert [(i.kind, i.label, i.matched) for i in items] == [("recall", "keep", True), ("choice", "reject", True)]
