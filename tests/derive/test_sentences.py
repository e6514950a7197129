"""Sentence splitting: the fast path agrees with pysbd, and pysbd is only loaded for hard cases."""

from __future__ import annotations

import subprocess
import sys

import pytest

from quiz.derive.normalise import prose
from quiz.derive.sentences import _pysbd_split, split, split_paragraph
from tests.derive.conftest import ARTICLES


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Russia said so. The talks failed.", ["Russia said so.", "The talks failed."]),
        (
            "The U.S. Secretary of State met Lavrov. They talked.",
            ["The U.S. Secretary of State met Lavrov.", "They talked."],
        ),
        ("He lives in the U.S. The talks failed.", ["He lives in the U.S.", "The talks failed."]),
        ("Gen. Smith said No. 1 is the goal. Then he left.", ["Gen. Smith said No. 1 is the goal.", "Then he left."]),
        ("John F. Kennedy was president. He died in 1963.", ["John F. Kennedy was president.", "He died in 1963."]),
        ("It was 5 p.m. on Friday. Police arrived.", ["It was 5 p.m. on Friday.", "Police arrived."]),
        (
            "Shares in Apple Inc. rose 3 percent. Analysts were surprised.",
            ["Shares in Apple Inc. rose 3 percent.", "Analysts were surprised."],
        ),
        (
            '"Terrorism is a priority. It must be fought," he said. Others agreed.',
            ['"Terrorism is a priority. It must be fought," he said.', "Others agreed."],
        ),
        (
            'The vote was held on October 7. "Do you want a ceasefire?" he asked.',
            ["The vote was held on October 7.", '"Do you want a ceasefire?" he asked.'],
        ),
        ("He waited... Then he left.", ["He waited...", "Then he left."]),
        (
            "The meeting ended at 10 a.m. Officials said nothing.",
            ["The meeting ended at 10 a.m.", "Officials said nothing."],
        ),
        ("A single sentence without a full stop", ["A single sentence without a full stop"]),
    ],
)
def test_split_paragraph(paragraph, expected):
    assert split_paragraph(paragraph) == expected


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_fast_path_agrees_with_pysbd_on_the_articles(path):
    for paragraph in prose(path.read_text(encoding="utf-8")).paragraphs:
        assert split_paragraph(paragraph) == _pysbd_split(paragraph)


def test_sentences_are_numbered_in_order_and_mark_paragraph_starts():
    sentences = split(["One sentence here. Two sentences here.", "Three sentences here."])
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert [s.first for s in sentences] == [True, False, True]


def test_pysbd_is_not_loaded_for_clear_text():
    probe = (
        "import sys\nfrom quiz.derive.sentences import split_paragraph\n"
        "split_paragraph('Russia said so. The U.S. envoy agreed. Gen. Smith left on October 7. He was tired.')\n"
        "print('pysbd' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
