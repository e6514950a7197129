"""Texts cut to a width stay tellable apart: a shared opening gives way to what differs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.core.elide import common, distinct, word_start
from quiz.core.text import shorten

DECK = [
    "In the report on Putin's rejection of new Syria sanctions, who called the draft unacceptable?",
    "In the report on Putin's rejection of new Syria sanctions, which country drafted the text?",
    "In the report on Putin's rejection of new Syria sanctions, how many members of the council voted for it?",
]


def test_rows_of_one_deck_show_what_differs():
    rows = distinct(DECK, 40)
    assert rows == [
        "…who called the draft unacceptable?",
        "…which country drafted the text?",
        "…how many members of the council voted…",
    ]
    assert len(set(rows)) == 3 and all(len(r) <= 40 for r in rows)


def test_long_answers_that_differ_at_the_end_show_the_difference():
    given, right = distinct(
        ["the sanctions against senior Syrian officials", "the sanctions against senior Syrian officers"], 16
    )
    assert (given, right) == ("…officials", "…officers")


@pytest.mark.parametrize(
    ("texts", "width", "expected"),
    [
        (["Who said it?", "Who wrote it?"], 40, ["Who said it?", "Who wrote it?"]),  # everything fits
        (
            ["Who said the long thing here?", "Who wrote the long thing?"],
            12,
            ["Who said th…", "Who wrote t…"],
        ),  # short opening kept
        (["Same prompt twice, long enough", "Same prompt twice, long enough"], 12, ["Same prompt…", "Same prompt…"]),
        (["Paris"], 3, ["Pa…"]),
        ([], 10, []),
    ],
)
def test_when_nothing_is_left_out(texts, width, expected):
    assert distinct(texts, width) == expected


def test_the_cut_keeps_the_first_differing_word_whole():
    assert word_start("the cat sat", common("the cat sat", "the cap")) == len("the ")
    assert word_start("the cat sat", common("the cat sat", "the cat")) == len("the ")
    assert word_start("the cat", common("the cat", "the cat sat")) == len("the cat")  # nothing left to show
    code, other = "ABCDEFGHIJKLMNOPQRSTUV1", "ABCDEFGHIJKLMNOPQRSTUV2"
    assert word_start(code, common(code, other)) == 22  # no space to cut at
    assert word_start("ABCDEFG1", common("ABCDEFG1", "ABCDEFG2")) == 0  # too short to leave out


def test_a_shared_part_after_a_short_lead_in_is_left_out_too():
    rows = distinct([*DECK, "True or false: " + DECK[0]], 40)
    assert rows[-1] == "True or false: …who called the draft un…"


def test_texts_that_differ_only_before_a_shared_ending_are_not_cut_to_the_same_row():
    texts = [
        "In the report on the barrel-bomb draft, who said the vote was near?",
        "In the report on the barrel-bomb draft, who said the text was weak?",
        "In the report on the Aleppo bombardment, who said the vote was near?",
        "In the report on the Aleppo bombardment, who said the text was weak?",
    ]
    rows = distinct(texts, 45)
    assert rows == [
        "…barrel-bomb draft, who said the vote was ne…",
        "…barrel-bomb draft, who said the text was we…",
        "…Aleppo bombardment, who said the vote was n…",
        "…Aleppo bombardment, who said the text was w…",
    ]


WORDS = ["In", "the", "report", "on", "Syria", "Aleppo", "who", "said", "x", "y"]


@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join), min_size=1, max_size=6),
    st.integers(min_value=8, max_value=60),
)
def test_rows_fit_and_are_never_harder_to_tell_apart_than_cutting_the_end(texts, width):
    rows = distinct(texts, width)
    assert all(len(r) <= width for r in rows)
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            if shorten(a, width) != shorten(b, width):
                assert rows[i] != rows[j], (a, b)


def test_a_shared_opening_clause_goes_whole_and_the_question_word_stays():
    texts = [
        "According to the report on the Aleppo bombardment, which issue did Gatilov call a priority?",
        "According to the report on the Aleppo bombardment, which country's government sent jets?",
    ]
    assert distinct(texts, 30) == ["…which issue did Gatilov call…", "…which country's government s…"]
