"""Against Anki itself (the `anki` package): it opens what quiz writes, and quiz reads what it writes."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from anki.collection import Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.decks import DeckId

from quiz.core.bank import load_bank
from quiz.data import locations
from quiz.data.anki_package import read_package, write_package
from quiz.formats import apkg
from tests.formats.anki_sample import ANKI_WRITES, EXPECTED, anki_packages
from tests.formats.strategies import kept
from tests.formats.test_apkg_read import seen

BANK = load_bank(locations.bank_path())
NOW = 1_800_000_000.0


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[Collection]:
    """An empty Anki collection of its own."""
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close(downgrade=False)


def into_anki(col: Collection, package: Path, progress: bool = False):
    """Import as Anki's dialog does; `progress` ticks "Import any learning progress" (suspended cards stay so)."""
    options = ImportAnkiPackageOptions(with_scheduling=progress)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options)).log


def test_anki_opens_our_export_and_sees_every_note(anki, tmp_path):
    deck = BANK.deck("showdown")
    deck = replace(deck, questions=(replace(deck.questions[0], status="draft"), *deck.questions[1:]))
    out = tmp_path / "showdown.apkg"
    write_package(deck, BANK.articles, out, NOW)
    log = into_anki(anki, out, progress=True)
    assert (len(log.new), len(log.updated)) == (len(deck.questions), 0)
    assert anki.decks.by_name(deck.title) is not None
    q = deck.questions[0]
    (nid,) = anki.find_notes(f'"Id:{q.id}"')
    note = anki.get_note(nid)
    assert note.note_type()["name"] == apkg.MODEL_NAME
    assert note.tags == sorted(q.tags)
    card = note.cards()[0]
    assert q.prompt in card.question()
    assert q.answer_text in card.answer() and q.evidence[0].quote in card.answer()
    assert len(anki.find_cards("is:suspended")) == 1 and anki.find_cards("is:suspended") == [card.id]


def test_a_second_export_updates_the_same_notes_in_anki(anki, tmp_path):
    deck = BANK.deck("barrel-bombs")
    write_package(deck, BANK.articles, tmp_path / "1.apkg", NOW)
    into_anki(anki, tmp_path / "1.apkg")
    studied = anki.get_card(anki.find_cards("")[0])
    studied.reps, studied.ivl = 3, 9  # as if reviewed in Anki
    anki.update_card(studied)
    reworded = replace(deck, questions=tuple(replace(q, prompt=f"{q.prompt} <now>") for q in deck.questions))
    write_package(reworded, BANK.articles, tmp_path / "2.apkg", NOW + 60)
    log = into_anki(anki, tmp_path / "2.apkg")
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, len(deck.questions), 0)
    assert anki.note_count() == len(deck.questions)
    (nid,) = anki.find_notes(f'"Id:{deck.questions[0].id}"')
    assert anki.get_note(nid)["Prompt"].endswith(" &lt;now&gt;")  # and Anki shows it as text
    assert "&lt;now&gt;" in anki.get_note(nid).cards()[0].question()
    kept_card = anki.get_card(studied.id)
    assert (kept_card.reps, kept_card.ivl) == (3, 9)  # the update keeps the learner's reviews


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "anki21"])
def test_a_deck_goes_to_anki_and_comes_back_the_same(anki, tmp_path, legacy):
    """quiz -> Anki -> quiz keeps every field but the evidence; Anki sorts a note's tags."""
    deck = BANK.deck("showdown")
    write_package(deck, BANK.articles, tmp_path / "out.apkg", NOW)
    into_anki(anki, tmp_path / "out.apkg")
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False, with_media=False, legacy=legacy)
    did = DeckId(anki.decks.id_for_name(deck.title))
    anki.export_anki_package(out_path=str(tmp_path / "back.apkg"), options=options, limit=did)
    back = read_package(tmp_path / "back.apkg")
    assert back.problems == []

    def view(q):
        return (*kept(q)[:8], tuple(sorted(q.tags)), *kept(q)[9:])

    assert [view(q) for q in back.questions] == [view(q) for q in deck.questions]


def test_packages_anki_writes_now_import_into_quiz(tmp_path):
    """The same sample as the committed fixtures, written by the Anki installed today."""
    for name, path in anki_packages(tmp_path).items():
        with zipfile.ZipFile(path) as package:
            assert ANKI_WRITES[name] in package.namelist()
        assert seen(read_package(path)) == EXPECTED, name


CLOZE_BLANK = re.compile(r'<span class="cloze" data-cloze="([^"]*)" data-ordinal="\d+">\[([^\]]*)\]</span>')


@pytest.mark.parametrize(
    "text",
    [
        "{{c1::Canberra}} is the capital of {{c2::Australia::country}}.",
        "{{c1::The {{c2::Andes}} range}} is long.",
        "<b>{{c1::Lima}}</b> &amp; <i>co</i>",
        "{{c3::x}} then {{c1::y::why}}",
    ],
)
def test_cloze_gaps_are_the_cards_anki_shows(anki, text):
    """Each gap question asks what Anki's card for that cloze number asks: same blank, same answer."""
    note = anki.new_note(anki.models.by_name("Cloze"))
    note["Text"] = text
    anki.add_note(note, DeckId(1))
    shown = []
    for card in sorted(note.cards(), key=lambda c: c.ord):
        html = card.question().split("</style>")[-1]
        (answer, hint), *_ = CLOZE_BLANK.findall(html)
        blank = CLOZE_BLANK.sub(lambda m: "___" if m.group(2) == "..." else f"___ ({m.group(2)})", html)
        shown.append((apkg.field_text(blank), apkg.field_text(unescape(answer))))
    cloze = apkg.NoteType(1, "Cloze", ("Text", "Back Extra"), True, 5)
    reading = apkg.read_notes([apkg.Note(1, cloze, (text, ""))], Path("x.apkg"))
    assert [(q.prompt, q.answer) for q in reading.questions] == shown
