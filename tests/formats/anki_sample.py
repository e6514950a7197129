"""A small Anki collection made with Anki's own library, and the packages it writes.

The committed fixtures `fixtures/anki-*.apkg` and `fixtures/anki-collection.colpkg` were made by
running this file once (`python -m tests.formats.anki_sample` from the project root, anki 26.9.3);
the interop tests make the same packages again with the installed Anki and expect the same questions.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import genanki
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.decks import DeckId

from quiz.core.model import Kind

DECK = "Capitals and more"
VOCABULARY = ("Word", "Meaning", "Reading")

# (note type, fields, tags, suspended)
NOTES: list[tuple[str, tuple[str, ...], list[str], bool]] = [
    ("Basic", ("What is the capital of <b>France</b>?", "Paris"), ["geo::europe", "capitals"], False),
    ("Basic", ("Tom &amp; Jerry:&nbsp;who is the <i>cat</i>?", "<div>Tom</div>"), [], False),
    ("Basic (and reversed card)", ("H<sub>2</sub>O is called", "water"), ["chemistry"], False),
    ("Basic (type in the answer)", ("Largest planet?", "Jupiter"), [], False),
    ("Cloze", ("{{c1::Canberra}} is the capital of {{c2::Australia::country}}.", "Not Sydney."), ["geo"], False),
    ("Cloze", ("{{c1::Ottawa}} and {{c1::Quebec}} are in Canada; {{c2::Toronto}} is bigger.", ""), [], False),
    ("Basic", ('Which flag is this? <img src="flag.png">', "Japan"), [], False),
    ("Vocabulary", ("chat", "cat", "ʃa"), [], False),
    ("Vocabulary", ("chien", "dog", "ʃjɛ̃"), [], False),
    ("Basic", ("A suspended card?", "yes"), [], True),
    ("Basic", ("[bold]not markup[/bold] &lt;b&gt;", "literal [red]text[/red]"), [], False),
]

# What quiz makes of each note of NOTES: (kind, prompt, answer, explanation or None for the default, status)
MADE: list[list[tuple[Kind, str, str, str | None, str]]] = [
    [(Kind.RECALL, "What is the capital of France?", "Paris", None, "active")],
    [(Kind.RECALL, "Tom & Jerry: who is the cat?", "Tom", None, "active")],
    [(Kind.RECALL, "H2O is called", "water", None, "active")],
    [(Kind.RECALL, "Largest planet?", "Jupiter", None, "active")],
    [
        (Kind.GAP, "___ is the capital of Australia.", "Canberra", "Not Sydney.", "active"),
        (Kind.GAP, "Canberra is the capital of ___ (country).", "Australia", "Not Sydney.", "active"),
    ],
    [(Kind.GAP, "Ottawa and Quebec are in Canada; ___ is bigger.", "Toronto", None, "active")],  # c1: two blanks
    [(Kind.RECALL, "Which flag is this?", "Japan", None, "active")],
    [],  # Vocabulary: not a Basic or Cloze note type
    [],
    [(Kind.RECALL, "A suspended card?", "yes", None, "draft")],
    [(Kind.RECALL, "[bold]not markup[/bold] <b>", "literal [red]text[/red]", None, "active")],
]
EXPECTED = [q for made in MADE for q in made]
GENANKI_EXPECTED = [
    q
    for (kind, *_, suspended), made in zip(NOTES, MADE, strict=True)
    if kind in ("Basic", "Cloze") and not suspended
    for q in made
]
"""What the genanki package gives: only its Basic and Cloze notes, none suspended."""
EXPECTED_TAGS = [("capitals", "geo-europe"), ("imported",), ("chemistry",)]
"""The tags of the first three questions: Anki sorts them, and its `geo::europe` becomes `geo-europe`."""

ANKI_WRITES = {
    "anki-21b.apkg": "collection.anki21b",
    "anki-21.apkg": "collection.anki21",
    "anki-collection.colpkg": "collection.anki21b",
}
"""The packages Anki writes, and the collection in each that holds the notes."""
GENANKI = "anki-2-genanki.apkg"
"""The oldest format, a plain collection.anki2 alone, as genanki writes it (Basic and Cloze notes only)."""


def sample_collection(folder: Path) -> tuple[Collection, DeckId]:
    """A new collection with NOTES in the deck DECK."""
    col = Collection(str(folder / "collection.anki2"))
    vocabulary = col.models.new("Vocabulary")
    for name in VOCABULARY:
        col.models.add_field(vocabulary, col.models.new_field(name))
    template = col.models.new_template("Card 1")
    template["qfmt"], template["afmt"] = "{{Word}}", "{{FrontSide}}<hr id=answer>{{Meaning}}"
    col.models.add_template(vocabulary, template)
    col.models.add(vocabulary)
    deck = DeckId(col.decks.id(DECK))
    for kind, fields, tags, suspended in NOTES:
        note = col.new_note(col.models.by_name(kind))
        for i, value in enumerate(fields):
            note.fields[i] = value
        note.tags = tags
        col.add_note(note, deck)
        if suspended:
            col.sched.suspend_cards(note.card_ids())
    return col, deck


def anki_packages(folder: Path) -> dict[str, Path]:
    """The sample written by Anki into `folder` as a current and a legacy .apkg, and as a .colpkg."""
    out = {name: folder / name for name in ANKI_WRITES}
    with tempfile.TemporaryDirectory() as temp:
        col, deck = sample_collection(Path(temp))
        try:
            for name, legacy in (("anki-21b.apkg", False), ("anki-21.apkg", True)):
                options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=False)
                options.legacy = legacy
                col.export_anki_package(out_path=str(out[name]), options=options, limit=deck)
            col.export_collection_package(str(out["anki-collection.colpkg"]), include_media=False, legacy=False)
        finally:
            col.close(downgrade=False)
    return out


def genanki_package(path: Path) -> None:
    """GENANKI: the notes of NOTES that genanki's own Basic and Cloze note types can hold."""
    deck = genanki.Deck(2_059_400_110, DECK)
    for kind, fields, tags, suspended in NOTES:
        model = {"Basic": genanki.BASIC_MODEL, "Cloze": genanki.CLOZE_MODEL}.get(kind)
        if model is None or suspended:
            continue
        note = genanki.Note(model, list(fields[:2]), tags=tags, guid=genanki.guid_for(fields[0]))
        deck.add_note(note)
    genanki.Package(deck).write_to_file(str(path), timestamp=1_700_000_000)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "fixtures"
    made = anki_packages(target)
    genanki_package(target / GENANKI)
    for path in [*made.values(), target / GENANKI]:
        print(f"{path.name}: {path.stat().st_size} bytes")
