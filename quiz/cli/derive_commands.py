"""`quiz derive`, `quiz add` and `quiz drafts`: draft questions from articles and review them."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from quiz.core.inert import json_text
from quiz.core.model import Article, Deck, Question
from quiz.data import locations


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


def _read_inputs(paths: list[str]) -> list[_Input] | None:
    """Read every article, printing warnings; None after printing the first error."""
    from quiz.derive.publish import slug
    from quiz.derive.source import ArticleError, read_article

    out: list[_Input] = []
    ids: set[str] = set()
    for name in paths:
        path = Path(name)
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


def _derive(inputs: list[_Input], args: argparse.Namespace, ids: list[str]) -> list[Question] | None:
    """Drafts for every input (ids as given), or None after printing why an article gave none."""
    from quiz.derive.generate import derive_drafts
    from quiz.derive.source import ArticleError

    library = _library_texts(args) + [i.text for i in inputs]
    questions: list[Question] = []
    for item, art_id in zip(inputs, ids, strict=True):
        try:
            drafts = derive_drafts(
                item.text, art_id, count=args.count, kinds=args.kinds, seed=args.seed, library_texts=library
            )
        except ArticleError as exc:
            _error(f"{item.path}: {exc.message}")
            return None
        if not drafts:
            kinds = f" of kind {', '.join(args.kinds)}" if args.kinds else ""
            _error(f"{item.path}: no questions{kinds} could be drafted from this article; try other --kinds")
            return None
        questions += [d.question for d in drafts]
    return questions


def _catalogue_entry(item: _Input, art_id: str, path: Path) -> Article:
    from quiz.derive.generate import read, title_of

    article = read(item.text)
    first = article.sentences[0].text if article.sentences else item.path.name
    words = first.split()
    summary = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
    return Article(art_id, path, item.title or title_of(item.text), summary)


# --------------------------------------------------------------------------- derive


def derive_command(args: argparse.Namespace) -> int:
    inputs = _read_inputs(args.articles)
    if inputs is None:
        return 1
    if not args.out:
        questions = _derive(inputs, args, [i.id for i in inputs])
        if questions is None:
            return 1
        deck = _deck(inputs, [i.id for i in inputs], questions, inputs[0].id if len(inputs) == 1 else "derived")
        from quiz.core.writer import dump_deck

        sys.stdout.write(dump_deck(deck, 'Drafted by `quiz derive`; every question has status = "draft".'))
        return 0
    return _derive_to_file(inputs, args, Path(args.out))


def _deck(inputs: list[_Input], ids: list[str], questions: list[Question], deck_id: str) -> Deck:
    """One deck for all the articles; question ids follow the deck id, so two decks never share one."""
    from dataclasses import replace

    from quiz.derive.generate import title_of

    questions = [replace(q, id=f"{deck_id}-{n:03d}", deck=deck_id) for n, q in enumerate(questions, 1)]

    many = f"Drafts from {len(inputs)} articles"
    title = (inputs[0].title or title_of(inputs[0].text)) if len(inputs) == 1 else many
    return Deck(
        id=deck_id,
        title=title,
        questions=tuple(questions),
        description="Draft questions derived from the article(s); review and accept them before study.",
        articles=tuple(dict.fromkeys(ids)),
        origin="derived",
    )


def _seeds_for(out: Path, args: argparse.Namespace) -> Path:
    """The folder `quiz check FILE` reads articles from (what quiz.core.bank.default_seeds gives for a file)."""
    from quiz.core.bank import default_seeds

    chosen = locations.seeds_path(args.seeds)
    if chosen:
        return chosen
    return default_seeds(out) if out.is_file() else out.parent.parent / "seeds"


def _derive_to_file(inputs: list[_Input], args: argparse.Namespace, out: Path) -> int:
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
    questions = _derive(inputs, args, ids)
    if questions is None:
        return 1
    deck = _deck(inputs, ids, questions, slug(out.name))
    try:
        articles = [_catalogue_entry(i, p.id, p.path) for i, p in zip(inputs, placements, strict=True)]
        write_deck(deck, out)
        write(seeds, placements, [i.text for i in inputs], articles)
    except OSError as exc:
        return _error(f"{exc.filename or out}: cannot be written ({exc.strerror or exc})")
    print(f"✓ {len(questions)} drafts written to {display(out)}; articles in {display(seeds)}.")
    print(f"  Check them with `quiz check {display(out)}`.")
    return 0


# --------------------------------------------------------------------------- add


def add_command(args: argparse.Namespace) -> int:
    from quiz.cli.bank_commands import display
    from quiz.core.bank import read_bank
    from quiz.core.check import check_bank
    from quiz.data.library import library_questions, library_seeds
    from quiz.derive.drafts import write_deck
    from quiz.derive.publish import PublishError, plan, slug, write

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
    questions = _derive(inputs, args, [placement.id])
    if questions is None:
        return 1
    deck = _deck(inputs, [placement.id], questions, placement.id)
    if {q.id for q in builtin.questions} & {q.id for q in deck.questions}:
        return _error(f"{item.path}: its question ids clash with the bank in use; pass another --id")
    try:
        write(seeds, [placement], [item.text], [_catalogue_entry(item, placement.id, placement.path)])
        write_deck(deck, deck_path)
    except OSError as exc:
        return _error(f"{exc.filename or deck_path}: cannot be written ({exc.strerror or exc})")
    _, problems = check_bank(deck_path, seeds)
    for p in problems:
        print(f"quiz: warning: {p}", file=sys.stderr)
    print(f"✓ Added '{placement.id}' to your library: {len(questions)} drafts in {display(deck_path)}.")
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
        rows = [{"id": q.id, "deck": q.deck, "kind": q.kind.value, "prompt": q.prompt, "answer": q.answer_text}
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
