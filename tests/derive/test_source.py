"""Reading article files: encodings, HTML, and clear errors for files that are not articles."""

from __future__ import annotations

import pytest

from quiz.derive.generate import read
from quiz.derive.source import ArticleError, decode, html_to_text, read_article
from tests.derive.conftest import FIXTURES

ARTICLE = "Heavy snow closed 120 schools in Ardena on Friday, the ministry said.\n"


@pytest.mark.parametrize(
    ("raw", "warned"),
    [
        (ARTICLE.encode("utf-8"), False),
        ("\ufeff".encode() + ARTICLE.encode("utf-8"), False),
        (ARTICLE.encode("utf-16"), False),
        (ARTICLE.replace("snow", "snow \u2013 \u201cthe worst\u201d \u2013").encode("cp1252"), True),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "windows-1252"],
)
def test_encodings_are_read(raw, warned):
    source = decode(raw)
    assert source.text.startswith("Heavy snow")
    assert "\ufeff" not in source.text
    assert any("Windows-1252" in w for w in source.warnings) is warned


def test_windows_1252_fixture_keeps_its_accents_and_quotes():
    source = read_article(FIXTURES / "cp1252_port.txt")
    assert "Ren\u00e9 Dubois" in source.text and "\u201cWe expect" in source.text
    assert "\r" not in source.text


def test_html_is_stripped_to_its_paragraphs():
    source = read_article(FIXTURES / "tram.html")
    assert source.title == "Council approves new tram line"
    assert "The city council of Norhaven voted on Monday" in source.text
    assert "\u201cThis is the biggest investment" in source.text  # entities decoded
    for junk in ("tracking", "color: red", "Home", "Photo: City Archive", "All rights reserved"):
        assert junk not in source.text
    assert any("HTML" in w for w in source.warnings)


def test_html_without_a_story_is_refused_with_a_hint():
    with pytest.raises(ArticleError, match="HTML without readable paragraphs; save the article's text"):
        decode(b"<html><head><script>var a = 1;</script></head><body></body></html>")
    nav_only = decode(b"<html><body><nav><a href='/'>Home</a></nav></body></html>").text
    with pytest.raises(ArticleError, match="no sentences of prose"):
        read(nav_only)


def test_html_paragraphs_stay_whole_with_their_links_and_bold_words():
    source = read_article(FIXTURES / "harbour_page.html")
    paragraphs = source.text.split("\n\n")
    assert paragraphs[0] == "Harbour wall to be rebuilt after storm" == source.title
    assert "The harbour wall at Kelmouth will be rebuilt at a cost of £4.2m after a storm" in paragraphs[1]
    assert paragraphs[2].startswith("Council leader Miriam Osei said the work would begin in March")
    assert len(paragraphs) == 6


def test_html_navigation_bylines_captions_related_links_and_footers_are_not_the_story():
    source = read_article(FIXTURES / "harbour_page.html")
    for furniture in ("News", "Sport", "Tomas Ekdahl", "low tide", "Related", "2,000 homes", "Fishing fleet",
                      "morning briefing", "All rights reserved", "Privacy", "dataLayer", "color"):  # fmt: skip
        assert furniture not in source.text, furniture
    assert "harbour master, Daniel Frost" in source.text


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", "is empty; pass a file with the article's text"),
        ("blank.txt", "is empty"),
        ("binary.dat", "binary file, not text; save the article's text as a plain .txt file"),
        ("document.pdf", "is a PDF file, not text"),
        ("missing.txt", "no such file; check the path"),
    ],
)
def test_bad_files_name_the_file_and_what_to_do(name, words):
    with pytest.raises(ArticleError) as info:
        read_article(FIXTURES / name)
    assert words in str(info.value)
    assert str(info.value).startswith(str(FIXTURES / name))


def test_a_folder_is_not_an_article():
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(FIXTURES)


@pytest.mark.parametrize(
    "text",
    [
        "Markets\nWeather\nSport\nTV listings\n",
        "Read more:\nFILE: a photo caption only.\n",
        "Der Bundestag hat am Freitag ein neues Gesetz beschlossen, das die Steuern senkt und die Renten erhoht. "
        "Die Regierung sprach von einem wichtigen Schritt fur die Wirtschaft des Landes und fur alle Familien. "
        "Die Opposition kritisierte das Vorhaben scharf und kundigte Widerstand im Bundesrat an, wie es hiess.",
    ],
    ids=["labels", "furniture", "not-english"],
)
def test_text_without_english_sentences_is_refused(text):
    with pytest.raises(ArticleError, match="quiz derive"):
        read(text)


def test_html_page_furniture_named_by_class_or_id_is_left_out():
    """Readers' comments (nested ones too), related links, sharing tools and bylines are not the story."""
    source = read_article(FIXTURES / "comments_page.html")
    for furniture in ("TechDad77", "A reply", "Margaret", "Related", "banned in three", "Share on", "Benning", "Home"):
        assert furniture not in source.text, furniture
    for story in ("fined the video app Flicker", "disappointed by the decision", "Melanie Harlow", "three other"):
        assert story in source.text, story


@pytest.mark.parametrize("css", ["header-image", "loaded", "shadow", "lead-story"])
def test_a_class_that_only_contains_a_furniture_word_keeps_its_text(css):
    text, _ = html_to_text(
        f'<html><body><article><div class="{css}"><p>Heavy snow closed 120 schools in Ardena on Friday, the '
        "ministry said, and the roads to the north were shut.</p><p>The ministry said the schools would open "
        "again on Monday if the weather allowed it.</p></div></article></body></html>"
    )
    assert "Heavy snow closed" in text and "open again on Monday" in text
