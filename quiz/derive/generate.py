"""The derive pipeline end to end: text -> prose -> sentences -> entities -> candidates -> ranked drafts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from quiz.core.model import Deck, Evidence, Kind, Question
from quiz.derive import spacy_ner
from quiz.derive.candidates import Builder, Candidate
from quiz.derive.distractors import Library, Pools
from quiz.derive.entities import analyse
from quiz.derive.giveaways import restates_headline
from quiz.derive.mentions import Analysis
from quiz.derive.normalise import Prose, prose
from quiz.derive.quick_random import QuickRandom
from quiz.derive.rank import floor_for, select
from quiz.derive.sentences import Sentence, split, word_set
from quiz.derive.shared_library import library_analysis
from quiz.derive.source import ArticleError
from quiz.derive.wording import clip

DEFAULT_COUNT = 15


@dataclass(frozen=True)
class Draft:
    """A drafted question and how it was made: the template, the answer's place and type, the score."""

    question: Question
    template: str
    span: tuple[int, int, int]
    """(evidence index, start, end) of the answer as written in the evidence quote."""
    answer_text: str
    answer_type: tuple[str, str]
    distractor_types: tuple[tuple[str, str], ...]
    substitute: str
    score: float
    reason: str = ""
    """The features that moved the score most, in words."""


@dataclass(frozen=True)
class Parsed:
    """An article read for deriving: its prose, sentences and entities."""

    prose: Prose
    sentences: list[Sentence]
    analysis: Analysis


def read(text: str) -> Parsed:
    """Normalise, split and analyse one article's text."""
    p = prose(text)
    sentences = split(p.paragraphs)
    if not any(re.search(r"[.!?]", s.text) and len(s.text.split()) >= 4 for s in sentences):
        raise ArticleError(
            "has no sentences of prose to ask about; quiz derive needs a news article in English sentences"
        )
    if _mostly_not_english(sentences):
        raise ArticleError("does not look like English prose; quiz derive reads English news articles")
    return Parsed(p, sentences, analyse(sentences, hints=spacy_ner.hints([s.text for s in sentences])))


_COMMON = word_set("the of and to in a is that for on was with said by as at from has have be are it")


def _mostly_not_english(sentences: list[Sentence]) -> bool:
    words = [w.lower() for s in sentences for w in s.text.split()]
    if len(words) < 30:
        return False
    return sum(1 for w in words if w in _COMMON) / len(words) < 0.06


@lru_cache(maxsize=8)
def library(texts: tuple[str, ...]) -> Library:
    """The library's articles, analysed when first needed and then kept (one library serves many articles)."""

    return Library(lambda: [library_analysis(t) for t in texts])


def derive_drafts(
    text: str,
    article_id: str,
    *,
    count: int = DEFAULT_COUNT,
    kinds: Iterable[Kind | str] | None = None,
    seed: int = 0,
    library_texts: Sequence[str] = (),
) -> list[Draft]:
    """The best `count` drafts for one article, best first; deterministic for a given seed."""
    others = tuple(t for t in library_texts if t != text)
    return drafts_with(text, article_id, library(others) if others else Library(), count=count, kinds=kinds, seed=seed)


def drafts_with(
    text: str,
    article_id: str,
    lib: Library,
    *,
    count: int = DEFAULT_COUNT,
    kinds: Iterable[Kind | str] | None = None,
    seed: int = 0,
) -> list[Draft]:
    """derive_drafts with the library already made (see quiz.derive.shared_library for many articles)."""
    article = read(text)
    pools = Pools(article.analysis, lib)
    rng = QuickRandom(f"{seed}:{article_id}")
    candidates = Builder(article.analysis, pools, rng).all()
    head = article.prose.headline
    # The headline copied out as a true statement: readers answer it from the title alone.
    candidates = [
        c for c in candidates if c.template != "tf-true" or not restates_headline(c.prompt.split(": ", 1)[-1], head)
    ]
    if kinds:
        wanted = {Kind(k) for k in kinds}
        candidates = [c for c in candidates if c.kind in wanted]
    words = sum(len(s.text.split()) for s in article.sentences)
    chosen = select(candidates, count, sentence_count=len(article.sentences), floor=floor_for(words))
    return [_draft(c, article_id, i + 1) for i, c in enumerate(chosen)]


def _draft(c: Candidate, article_id: str, n: int) -> Draft:
    distractors: tuple[str, ...] = () if c.kind is Kind.TRUEFALSE else c.distractors
    q = Question(
        id=f"{article_id}-{n:03d}",
        kind=c.kind,
        prompt=c.prompt,
        answer=c.answer,
        evidence=tuple(Evidence(article_id, e) for e in c.evidence),
        explanation=c.explanation,
        tags=c.tags,
        difficulty=c.difficulty,
        alternatives=c.alternatives if c.kind in (Kind.RECALL, Kind.GAP) else (),
        distractors=distractors,
        unit=c.unit,
        status="draft",
        deck=article_id,
    )
    return Draft(
        q, c.template, c.span, c.answer_text, c.atype, tuple(o.type for o in c.options), c.substitute, c.score, c.reason
    )


def title_of(text: str) -> str:
    """The article's headline, or its first sentence cut short."""
    p = prose(text)
    if p.headline and len(p.headline.split()) >= 4:
        return p.headline
    first = split(p.paragraphs[:1])
    return clip(first[0].text.rstrip("."), 12) if first else "Untitled article"


def derive_deck(
    text: str,
    article_id: str,
    *,
    count: int = DEFAULT_COUNT,
    kinds: Iterable[Kind | str] | None = None,
    seed: int = 0,
    library_texts: Sequence[str] = (),
    title: str = "",
) -> Deck:
    """A deck of draft questions (status 'draft', origin 'derived') for one article."""
    drafts = derive_drafts(text, article_id, count=count, kinds=kinds, seed=seed, library_texts=library_texts)
    return Deck(
        id=article_id,
        title=title or title_of(text),
        questions=tuple(d.question for d in drafts),
        description="Draft questions derived from the article; review them with `quiz drafts`.",
        articles=(article_id,),
        origin="derived",
    )
