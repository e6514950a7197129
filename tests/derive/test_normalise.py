"""Normalising an article: non-prose lines dropped, quotes straightened, datelines and wrapping handled."""

from __future__ import annotations

import pytest

from quiz.core.text import contains_quote
from quiz.derive.normalise import is_dropped, prose, strip_dateline
from tests.derive.conftest import ARTICLES


@pytest.mark.parametrize(
    "line",
    [
        "Read more:",
        "READ MORE: Five things to know about the vote",
        "FILE: Russian Su-34 bombers struck targets in Syria on 17 August 2016. Picture: Ministry of Defence.",
        "FILE PHOTO: The UN headquarters in New York",
        "Photo: Daniel Reyes/Coastal Times",
        "UN Security CouncilAFP photo",
        "(Photo by Jane Doe/Getty Images)",
        "With reporting by AP, AFP, Reuters, and Interfax",
        "Additional reporting by Tom Briggs in London",
        "Reporting by Elena Markovic; editing by Tom Briggs",
        "By Elena Markovic",
        "By Sara Lind and Tom Briggs, Reuters",
        "Published: 12 March 2024",
        "Updated 3 hours ago",
        "14:32 GMT",
        "https://example.com/news/123",
        "Follow us on Twitter",
        "Advertisement",
        "Copyright 2024 City News. All rights reserved.",
    ],
)
def test_page_furniture_is_dropped(line):
    assert is_dropped(line)


@pytest.mark.parametrize(
    "line",
    [
        "Russia has said it opposes a draft United Nations Security Council resolution.",
        "By Tuesday, the ministry had confirmed 20 deaths.",
        "Photographers gathered outside the court on Monday.",
        "Related talks in Geneva ended without agreement.",
        '"We see this as a political blackmail attempt," Ryabkov said.',
    ],
)
def test_prose_is_kept(line):
    assert not is_dropped(line)


def test_headline_is_taken_as_title_and_not_as_prose():
    p = prose("Russia under pressure to stop Aleppo bombardment\n\nRussia said on Friday the draft was unacceptable.\n")
    assert p.headline == "Russia under pressure to stop Aleppo bombardment"
    assert p.paragraphs == ("Russia said on Friday the draft was unacceptable.",)


def test_subheadings_and_short_labels_are_dropped():
    text = (
        "The vote was delayed.\n\u2018UNSC resolution to have negative impact\u2019\nRead more:\n"
        "Talks resume on Monday.\n"
    )
    assert prose(text).paragraphs == ("The vote was delayed.", "Talks resume on Monday.")


def test_curly_quotes_are_straightened_and_spaces_folded():
    p = prose("\u201cWe are united,\u201d   Keller   said.\n")
    assert p.paragraphs == ('"We are united," Keller said.',)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("MOSCOW/BEIRUT - Russia said on Friday ...", "Russia said on Friday ..."),
        ("BRUSSELS (Reuters) - European Union leaders agreed ...", "European Union leaders agreed ..."),
        ("LONDON, March 3 (AP) \u2014 Prices rose ...", "Prices rose ..."),
        ("Russia - which denies it - said ...", "Russia - which denies it - said ..."),
    ],
)
def test_datelines_are_stripped(paragraph, expected):
    assert strip_dateline(paragraph) == expected


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Hundreds of residents were evacuated from the harbour town of Kestrelby on Sunday after\n"
        "the River Alde burst its banks following two days of torrential rain, local officials said.\n"
        "\n"
        "The county's emergency coordinator said about 1,200 homes had been left without power and\n"
        "340 people had spent the night in a temporary shelter at the school.\n"
        "\n"
        "Police closed the coastal road between Kestrelby and Marlow after a section of the sea wall\n"
        "collapsed early on Sunday morning.\n"
    )
    paragraphs = prose(text).paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Hundreds of residents") and paragraphs[0].endswith("officials said.")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_paragraph_is_verbatim_in_the_article(path):
    """Evidence comes from these paragraphs, so they must match the article as `quiz check` reads it."""
    text = path.read_text(encoding="utf-8")
    for paragraph in prose(text).paragraphs:
        assert contains_quote(text, paragraph)


@pytest.mark.parametrize(
    "furniture",
    ["Media caption, The minister was asked about the vote", "Video caption, Rescue crews at work",
     "This video can not be played", "To play this content, please enable JavaScript"],
)  # fmt: skip
def test_media_captions_and_players_are_not_prose(furniture):
    assert is_dropped(furniture)


def test_the_story_ends_at_readers_comments_and_related_links():
    text = (
        "Council closes library\n\nThe council voted on Wednesday to close the library.\n\n"
        "The building needs repairs costing £1.2m, the council said.\n\nHave your say\n\n"
        "Reader1: This is a disgrace and the council should be ashamed.\n\n"
        "Related topics\n\nLibraries\n"
    )
    p = prose(text)
    assert p.paragraphs == (
        "The council voted on Wednesday to close the library.",
        "The building needs repairs costing £1.2m, the council said.",
    )
    assert any("disgrace" in d for d in p.dropped)
