"""`quiz check` on broken banks: one line per problem with file:line, exit 1, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DATA

BAD = DATA / "bad"
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?:\[(?P<qid>[^\]]+)\] )?(?P<msg>.+)$", re.M)


def problems(output: str) -> list[re.Match[str]]:
    return list(LINE.finditer(output))


@pytest.mark.parametrize(
    ("fixture", "line", "qid", "words"),
    [
        ("syntax_error.toml", 9, None, "TOML syntax error"),
        ("missing_field.toml", 6, "b-001", "missing 'answer'"),
        ("wrong_type.toml", 15, "b-001", "'difficulty' must be 1, 2 or 3"),
        ("unknown_key.toml", 11, "b-001", "unknown key 'distracters'"),
        ("duplicate_id.toml", 16, "b-001", "duplicate id 'b-001' (first at line 6)"),
        ("quote_not_in_article.toml", 11, "b-001", "evidence quote not found in article 'harbour'"),
        ("not_utf8.toml", 9, None, "is not UTF-8"),
        ("empty.toml", 1, None, "is empty"),
    ],
)
def test_bad_deck_is_reported_with_file_and_line(quiz, fixture, line, qid, words):
    """Each broken fixture exits 1 and names the file, the line, the question and the fault."""
    result = quiz("check", str(BAD / fixture))
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    found = [m for m in problems(result.out) if words in m["msg"]]
    assert found, result.out
    assert Path(found[0]["file"]).name == fixture
    assert int(found[0]["line"]) == line
    assert found[0]["qid"] == qid


def test_every_problem_of_a_file_is_reported_together(quiz):
    result = quiz("check", str(BAD / "many_problems.toml"))
    assert result.code == 1
    messages = [m["msg"] for m in problems(result.out)]
    assert len(messages) == 5
    assert any("unknown kind 'choise'" in m and "did you mean 'choice'" in m for m in messages)
    assert any("'difficulty' must be 1, 2 or 3, not 5" in m for m in messages)
    assert any("missing 'id'" in m for m in messages)
    assert any("blank '___'" in m for m in messages)
    assert any("tag 'People'" in m for m in messages)
    lines = [int(m["line"]) for m in problems(result.out)]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("seeds", "words"),
    [
        ("missing", "article file 'no-such-article.txt' does not exist"),
        ("escape", "article file '../../outside.txt' is outside the seeds folder"),
    ],
)
def test_bad_article_catalogue_is_reported_once(quiz, seeds, words):
    result = quiz("check", str(DATA / "good" / "harbour.toml"), "--seeds", str(DATA / "bad-seeds" / seeds))
    assert result.code == 1
    found = problems(result.out)
    assert len(found) == 1, result.out
    assert found[0]["file"].endswith("articles.toml")
    assert int(found[0]["line"]) == 3
    assert words in found[0]["msg"]


def test_ten_megabyte_file_is_refused_without_parsing(quiz, tmp_path):
    big = tmp_path / "questions" / "huge.toml"
    big.parent.mkdir()
    filler = "# " + "x" * 98 + "\n"
    big.write_text('[deck]\nid = "huge"\ntitle = "Huge"\n' + filler * 105_000, encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    result = quiz("check", str(big))
    assert result.code == 1
    (found,) = problems(result.out)
    assert "over the 8 MB limit" in found["msg"] and "split it" in found["msg"]


def test_good_fixture_deck_passes(quiz):
    result = quiz("check", str(DATA / "good" / "harbour.toml"))
    assert result.code == 0, result.out
    assert "5 questions" in result.out


def test_missing_path_is_a_clear_error(quiz, tmp_path):
    result = quiz("check", str(tmp_path / "nope"))
    assert result.code == 1
    assert "no such file or folder" in result.out


def test_usage_error_exits_2(quiz):
    assert quiz("check", "--no-such-flag").code == 2


def test_json_report_lists_problems(quiz):
    import json

    result = quiz("check", str(BAD / "duplicate_id.toml"), "--json")
    report = json.loads(result.out)
    assert result.code == 1
    assert report["ok"] is False
    assert report["problems"][0]["line"] == 16
    assert report["problems"][0]["question"] == "b-001"


PLANTED = DATA / "unfair" / "planted.toml"


@pytest.mark.parametrize(
    ("line", "qid", "words"),
    [
        (20, "p-002", "the prompt shows 'Quist', the answer to p-001; reword"),
        (33, "p-003", "the key is the option whose parts recur most among the options"),
        (44, "p-004", "the key has 17 words, every distractor 5 or fewer"),
        (55, "p-005", "every distractor starts with the same word and the key does not"),
        (64, "p-006", "the prompt says 'this week'"),
    ],
)
def test_each_planted_unfairness_is_one_warning_line(quiz, line, qid, words):
    """Warnings by default (exit 0), errors with --strict (exit 1): the same lines, file:line: [id] what; what to do."""
    lenient, strict = quiz("check", str(PLANTED)), quiz("check", "--strict", str(PLANTED))
    assert (lenient.code, strict.code) == (0, 1)
    for result, prefix in ((lenient, "warning: "), (strict, "")):
        found = [m for m in problems(result.out) if words in m["msg"]]
        assert len(found) == 1, result.out
        assert (int(found[0]["line"]), found[0]["qid"]) == (line, qid)
        assert found[0]["msg"].startswith(prefix + words.split(";")[0][:20])
        assert Path(found[0]["file"]).name == "planted.toml"
    assert "5 fairness warnings" in lenient.out
    assert "5 warnings" in strict.out and "--strict" in strict.out


def test_near_misses_pass_strict(quiz):
    result = quiz("check", "--strict", str(DATA / "fair" / "near_misses.toml"))
    assert result.code == 0, result.out
    assert "all grounded, and fair" in result.out


def test_json_report_lists_warnings_apart_and_strict_fails_it(quiz):
    import json

    lenient = json.loads(quiz("check", "--json", str(PLANTED)).out)
    assert lenient["ok"] is True and lenient["problems"] == []
    assert {w["question"] for w in lenient["warnings"]} == {f"p-00{n}" for n in range(2, 7)}
    assert all(w["severity"] == "warning" for w in lenient["warnings"])
    strict = quiz("check", "--json", "--strict", str(PLANTED))
    assert strict.code == 1 and json.loads(strict.out)["ok"] is False
