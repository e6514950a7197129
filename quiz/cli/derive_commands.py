"""`quiz derive`, `quiz add` and `quiz drafts`: draft questions from articles and review them."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.cli.progress_bar import ProgressBar
from quiz.core.inert import json_text
from quiz.core.model import Article, Deck
from quiz.data import locations

if TYPE_CHECKING:
    from quiz.derive.batch import Progress
    from quiz.derive.cpu_load import CpuLoad
    from quiz.derive.generate import Draft
    from quiz.derive.mentions import Entity
    from quiz.derive.shared_library import SharedLibrary


def _error(message: str) -> int:
    print(f"quiz: {message}", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- shared


@dataclass
class _Input:
    path: Path
    text: str
    title: str
    id: str


ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
"""The files of a folder given to `quiz derive` that are read as articles."""


def _article_paths(names: list[str]) -> list[Path] | None:
    """The files named, with each folder replaced by its article files in name order; None after an error."""
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.iterdir() if _is_article_file(p))
        if not found:
            _error(f"{path}: has no article files ({', '.join(ARTICLE_SUFFIXES)}); pass a folder of articles or files")
            return None
        out += found
    return out


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.is_file()


def _read_inputs(names: list[str], folders: bool = False) -> list[_Input] | None:
    """Read every article (each folder's articles too, if `folders`), printing warnings; None after an error."""
    from quiz.derive.publish import slug
    from quiz.derive.source import ArticleError, read_article

    paths = _article_paths(names) if folders else [Path(n) for n in names]
    if paths is None:
        return None
    out: list[_Input] = []
    ids: set[str] = set()
    for path in paths:
        try:
            source = read_article(path)
        except ArticleError as exc:
            _error(str(exc))
            return None
        for warning in source.warnings:
            print(f"quiz: warning: {path}: {warning}", file=sys.stderr)
        art_id, n = slug(path.name), 1
        while art_id in ids:
            n += 1
            art_id = f"{slug(path.name)}-{n}"
        ids.add(art_id)
        out.append(_Input(path, source.text, source.title, art_id))
    return out


def _library_texts(args: argparse.Namespace) -> list[str]:
    """Texts of the built-in (or chosen) seeds and of the learner's library, for distractors."""
    from quiz.core.bank import default_seeds
    from quiz.data.library import library_seeds

    folders = [locations.seeds_path(args.seeds) or default_seeds(locations.bank_path(args.bank))]
    folders.append(library_seeds(locations.data_dir(args.data_dir)))
    texts: list[str] = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                try:
                    texts.append(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
    return texts


def _shared_library(
    args: argparse.Namespace, inputs: list[_Input], into_library: bool, workers: int, progress: Progress
) -> SharedLibrary:
    """The library every input is derived against: the seeds, the learner's library and the inputs.

    The entities of the seeds' and the library's articles are kept on disk between commands; the
    inputs' are computed (once) for this command. An input that `quiz add` puts into the library is
    kept too, so the next add finds it ready.
    """
    from quiz.data.bank_cache import cache_dir
    from quiz.derive.batch import analyser
    from quiz.derive.entity_cache import EntityCache
    from quiz.derive.shared_library import SharedLibrary

    folders = _library_texts(args)
    kept = set(folders) | ({i.text for i in inputs} if into_library else set())
    cache = EntityCache(cache_dir() / "derive")
    analyse = analyser(workers, progress)

    def entities(texts: list[str]) -> list[list[Entity]]:
        stored = [t for t in texts if t in kept]
        found = dict(zip(stored, cache.entities(stored, analyse), strict=True))
        fresh = [t for t in texts if t not in kept]
        found |= dict(zip(fresh, analyse(fresh), strict=True))
        return [found[t] for t in texts]

    return SharedLibrary(folders + [i.text for i in inputs], entities)


def _progress(bar: ProgressBar) -> Progress:
    """A bar that takes the name of each step of the work (the bar draws only on a terminal)."""

    def show(label: str, done: int, total: int) -> None:
        if label != bar.label:
            bar.relabel(label)
        bar(done, total)

    return show


def _derive(
    inputs: list[_Input],
    args: argparse.Namespace,
    ids: list[str],
    load: CpuLoad,
    into_library: bool = False,
    catalogue: bool = False,
) -> tuple[list[Draft], list[tuple[str, str]]] | None:
    """Drafts for every input (ids as given), and with `catalogue` each input's (title, summary).

    None after printing why an article gave no drafts.
    """
    from quiz.derive.batch import cores, derive_batch
    from quiz.derive.source import ArticleError

    workers = getattr(args, "jobs", None) or (lambda: cores(load))  # measured only if there is enough to share
    titles = {i.text: i.title for i in inputs}
    bar = ProgressBar("Deriving")
    try:
        library = _shared_library(args, inputs, into_library, workers, _progress(bar))
        results = derive_batch(
            [(i.text, art_id) for i, art_id in zip(inputs, ids, strict=True)],
            library,
            count=args.count,
            kinds=args.kinds,
            seed=args.seed,
            workers=workers,
            progress=_progress(bar),
            describe=(lambda text: _about(text, titles[text])) if catalogue else lambda _text: ("", ""),
        )
    finally:
        bar.done()
    out: list[Draft] = []
    for item, (drafts, _) in zip(inputs, results, strict=True):
        if isinstance(drafts, ArticleError):
            _error(f"{item.path}: {drafts.message}")
            return None
        if not drafts:
            kinds = f" of kind {', '.join(args.kinds)}" if args.kinds else ""
            _error(f"{item.path}: no questions{kinds} could be drafted from this article; try other --kinds")
            return None
        out += drafts
    return out, [about for _, about in results]


def _about(text: str, title: str) -> tuple[str, str]:
    """An article's title (`title`, else its headline or first sentence) and a summary for the catalogue."""
    from quiz.derive.generate import title_of
    from quiz.derive.normalise import prose
    from quiz.derive.sentences import split

    paragraphs = prose(text).paragraphs  # what derive read, without analysing it again
    sentences = split(paragraphs[:1]) or split(paragraphs)
    return title or title_of(text), _summary(sentences[0].text) if sentences else ""


def _summary(first: str) -> str:
    words = first.split()
    return " ".join(words[:30]) + ("…" if len(words) > 30 else "")


def _catalogue_entry(item: _Input, art_id: str, path: Path, about: tuple[str, str]) -> Article:
    title, summary = about
    return Article(art_id, path, title, summary or _summary(item.path.name))


# --------------------------------------------------------------------------- derive


def derive_command(args: argparse.Namespace) -> int:
    from quiz.derive.cpu_load import CpuLoad

    load = CpuLoad()  # from now until the workers start: how busy other programs keep the cores
    inputs = _read_inputs(args.articles, folders=True)
    if inputs is None:
        return 1
    if args.json and args.out:
        return _error("--json prints the drafts; it cannot be combined with --out")
    if not args.out:
        derived = _derive(inputs, args, [i.id for i in inputs], load)
        if derived is None:
            return 1
        drafts = derived[0]
        deck = _deck(inputs, [i.id for i in inputs], drafts, inputs[0].id if len(inputs) == 1 else "derived")
        if args.json:
            print(json_text(json.dumps(_json_rows(deck, drafts), indent=2, ensure_ascii=False)))
            return 0
        from quiz.core.writer import dump_deck

        sys.stdout.write(dump_deck(deck, 'Drafted by `quiz derive`; every question has status = "draft".'))
        return 0
    return _derive_to_file(inputs, args, Path(args.out), load)


def _deck(inputs: list[_Input], ids: list[str], drafts: list[Draft], deck_id: str) -> Deck:
    """One deck for all the articles; question ids follow the deck id, so two decks never share one."""
    from dataclasses import replace

    from quiz.derive.drafts import few_drafts_note
    from quiz.derive.generate import title_of

    questions = [replace(d.question, id=f"{deck_id}-{n:03d}", deck=deck_id) for n, d in enumerate(drafts, 1)]

    many = f"Drafts from {len(inputs)} articles"
    title = (inputs[0].title or title_of(inputs[0].text)) if len(inputs) == 1 else many
    few = few_drafts_note(inputs[0].text, len(drafts)) if len(inputs) == 1 else ""
    return Deck(
        id=deck_id,
        title=title,
        questions=tuple(questions),
        description=few or "Draft questions derived from the article(s); review and accept them before study.",
        articles=tuple(dict.fromkeys(ids)),
        origin="derived",
    )


def _json_rows(deck: Deck, drafts: list[Draft]) -> list[dict[str, object]]:
    """`quiz derive --json`: each draft with the ranker's score and the reason for it."""
    return [
        {
            "id": q.id,
            "article": q.articles[0] if q.articles else "",
            "kind": q.kind.value,
            "template": d.template,
            "prompt": q.prompt,
            "answer": q.answer_text,
            "options": list(q.distractors),
            "evidence": [e.quote for e in q.evidence],
            "score": round(d.score, 3),
            "reason": d.reason,
        }
        for q, d in zip(deck.questions, drafts, strict=True)
    ]


def _seeds_for(out: Path, args: argparse.Namespace) -> Path:
    """The folder `quiz check FILE` reads articles from (what quiz.core.bank.default_seeds gives for a file)."""
    from quiz.core.bank import default_seeds

    chosen = locations.seeds_path(args.seeds)
    if chosen:
        return chosen
    return default_seeds(out) if out.is_file() else out.parent.parent / "seeds"


def _derive_to_file(inputs: list[_Input], args: argparse.Namespace, out: Path, load: CpuLoad) -> int:
    from quiz.cli.bank_commands import display
    from quiz.derive.drafts import write_deck
    from quiz.derive.publish import PublishError, plan, slug, write

    if out.is_dir():
        return _error(f"{out}: is a folder; --out takes a deck file name such as {out / 'deck.toml'}")
    if out.exists() and not args.replace:  # a reviewed deck (accepted drafts, comments) is never lost silently
        return _error(f"{display(out)} already exists; pass --replace to overwrite it, or choose another --out FILE")
    seeds = _seeds_for(out, args)
    try:
        placements = plan(seeds, [(i.id, i.path.name, i.text) for i in inputs])
    except PublishError as exc:
        return _error(str(exc))
    ids = [p.id for p in placements]
    derived = _derive(inputs, args, ids, load, catalogue=True)
    if derived is None:
        return 1
    drafts, abouts = derived
    deck = _deck(inputs, ids, drafts, slug(out.name))
    paths = [p.path for p in placements]
    articles = [_catalogue_entry(*entry) for entry in zip(inputs, ids, paths, abouts, strict=True)]
    try:
        write_deck(deck, out)
        write(seeds, placements, [i.text for i in inputs], articles)
    except OSError as exc:
        return _error(f"{exc.filename or out}: cannot be written ({exc.strerror or exc})")
    print(f"✓ {len(drafts)} drafts written to {display(out)}; articles in {display(seeds)}.")
    print(f"  Check them with `quiz check {display(out)}`.")
    return 0


# --------------------------------------------------------------------------- add


def add_command(args: argparse.Namespace) -> int:
    from quiz.cli.bank_commands import display
    from quiz.core.bank import read_bank
    from quiz.core.check import check_bank
    from quiz.data.library import library_questions, library_seeds
    from quiz.derive import ranks
    from quiz.derive.cpu_load import CpuLoad
    from quiz.derive.drafts import deck_note, write_deck
    from quiz.derive.publish import PublishError, plan, slug, write

    load = CpuLoad()
    inputs = _read_inputs([args.article])
    if inputs is None:
        return 1
    item = inputs[0]
    if args.id:
        item.id = slug(args.id)
    data_dir = locations.data_dir(args.data_dir)
    seeds, questions_dir = library_seeds(data_dir), library_questions(data_dir)
    # Ids already used by the bank in use: an added deck must not clash with them.
    builtin, _ = read_bank(locations.bank_path(args.bank), locations.seeds_path(args.seeds))
    reserved = set(builtin.articles) | {d.id for d in builtin.decks}
    reserved |= {p.stem for p in questions_dir.glob("*.toml")} if questions_dir.is_dir() else set()
    try:
        (placement,) = plan(seeds, [(item.id, item.path.name, item.text)], reserved)
    except PublishError as exc:
        return _error(str(exc))
    deck_path = questions_dir / f"{placement.id}.toml"
    if not placement.new_entry and deck_path.is_file():
        print(f"{item.path} is already in your library as '{placement.id}' ({display(deck_path)}).")
        return 0
    derived = _derive(inputs, args, [placement.id], load, into_library=True, catalogue=True)
    if derived is None:
        return 1
    drafts, (about,) = derived
    deck = _deck(inputs, [placement.id], drafts, placement.id)
    if {q.id for q in builtin.questions} & {q.id for q in deck.questions}:
        return _error(f"{item.path}: its question ids clash with the bank in use; pass another --id")
    try:
        write(seeds, [placement], [item.text], [_catalogue_entry(item, placement.id, placement.path, about)])
        write_deck(deck, deck_path)
        ranked = zip(deck.questions, drafts, strict=True)
        ranks.save(data_dir, deck.id, {q.id: ranks.Rank(d.score, d.reason) for q, d in ranked})
    except OSError as exc:
        return _error(f"{exc.filename or deck_path}: cannot be written ({exc.strerror or exc})")
    _, problems = check_bank(deck_path, seeds)
    for p in problems:
        print(f"quiz: warning: {p}", file=sys.stderr)
    print(f"✓ Added '{placement.id}' to your library: {len(drafts)} drafts in {display(deck_path)}.")
    if deck_note(deck):
        print(f"  {deck_note(deck)}")
    print(f"  Review them with `quiz drafts list`; accept all with `quiz drafts accept --all {placement.id}`.")
    return 0


# --------------------------------------------------------------------------- drafts


def _data_dir(args: argparse.Namespace) -> Path:
    return locations.data_dir(args.data_dir)


def drafts_list(args: argparse.Namespace) -> int:
    from quiz.derive.drafts import library_bank

    bank, problems = library_bank(_data_dir(args))
    for p in problems:
        print(f"quiz: warning: {p}", file=sys.stderr)
    drafts = [q for deck in bank.decks for q in deck.questions if q.is_draft]
    if getattr(args, "json", False):
        from quiz.derive import ranks

        ranked = ranks.load(_data_dir(args))
        rows = [{"id": q.id, "deck": q.deck, "kind": q.kind.value, "prompt": q.prompt, "answer": q.answer_text,
                 "score": ranked[q.id].score if q.id in ranked else None,
                 "reason": ranked[q.id].reason if q.id in ranked else ""}
                for q in drafts]  # fmt: skip
        print(json_text(json.dumps(rows, indent=2, ensure_ascii=False)))
        return 0
    if not drafts:
        print("No drafts in your library. Add an article with `quiz add ARTICLE`.")
        return 0
    deck_id = None
    for q in drafts:
        if q.deck != deck_id:
            deck_id = q.deck
            count = sum(1 for d in drafts if d.deck == deck_id)
            print(f"{deck_id} ({count} draft{'s' if count != 1 else ''})")
        print(f"  {q.id}  [{q.kind.value}]  {_one_line(q.prompt)}")
        print(f"      answer: {_one_line(q.answer_text)}")
    print("Accept with `quiz drafts accept ID...` (or `--all DECK`); remove with `quiz drafts reject ID...`.")
    return 0


def _one_line(text: str) -> str:
    from quiz.core.text import visible

    return visible(" ".join(text.split()))


def drafts_accept(args: argparse.Namespace) -> int:
    from quiz.derive.drafts import DraftError, accept, accept_deck

    if bool(args.ids) == bool(args.all):
        return _error("give question ids or --all DECK (not both); see `quiz drafts list`")
    try:
        done = accept_deck(_data_dir(args), args.all) if args.all else accept(_data_dir(args), args.ids)
    except DraftError as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"{exc.filename}: cannot be written ({exc.strerror or exc})")
    print(f"✓ Accepted {len(done)} draft{'s' if len(done) != 1 else ''}; they are studied from now on.")
    return 0


def drafts_reject(args: argparse.Namespace) -> int:
    from quiz.derive.drafts import DraftError, reject

    try:
        done = reject(_data_dir(args), args.ids)
    except DraftError as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"{exc.filename}: cannot be written ({exc.strerror or exc})")
    print(f"✓ Removed {len(done)} question{'s' if len(done) != 1 else ''} from your library.")
    return 0
