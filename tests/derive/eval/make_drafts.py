"""Write drafts/<slug>.json: what `quiz derive` drafts from each evaluation article, for blind labelling.

Run from the repository root: `python tests/derive/eval/make_drafts.py [--count N] [--seed S] [--split NAME]`.
Each article is derived on its own, with the built-in seeds as the distractor library, as
`quiz derive ARTICLE` does for a teacher with an empty library. What is written is what derive emits:
the drafts the fitted ranker scores above its threshold (never fewer than the floor), each with its
score and the reason for it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import tomli

from quiz.core.bank import default_seeds
from quiz.core.model import Kind
from quiz.data.locations import bank_path
from quiz.derive.generate import DEFAULT_COUNT, Draft, derive_drafts

HERE = Path(__file__).resolve().parent


def builtin_texts() -> list[str]:
    """The built-in seed articles, which `quiz derive` reads for distractors."""
    return [p.read_text(encoding="utf-8") for p in sorted(default_seeds(bank_path(None)).glob("*.txt"))]


def draft_record(slug: str, n: int, d: Draft) -> dict:
    """One draft as a reader labels it: what is asked, what counts as right, what else is offered."""
    q = d.question
    options = sorted([q.answer_text, *q.distractors], key=str.lower) if q.kind is Kind.CHOICE else []
    return {
        "id": f"{slug}#{n}",
        "kind": q.kind.value,
        "prompt": q.prompt,
        "answer": q.answer_text,
        "options": options,
        "alternatives": list(q.alternatives),
        "unit": q.unit,
        "evidence": [e.quote for e in q.evidence],
        "explanation": q.explanation,
        "template": d.template,
        "answer_type": list(d.answer_type),
        "score": round(d.score, 4),
        "reason": d.reason,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="drafts per article (as quiz derive)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--split", help="only the articles of this split (labels of the others name their drafts' ids)")
    args = parser.parse_args(argv)
    sources = tomli.loads((HERE / "sources.toml").read_text(encoding="utf-8"))["article"]
    sources = [a for a in sources if args.split in (None, a["split"])]
    library = builtin_texts()
    out = HERE / "drafts"
    out.mkdir(exist_ok=True)
    total = 0
    for art in sources:
        slug = art["slug"]
        text = (HERE / "articles" / f"{slug}.txt").read_text(encoding="utf-8")
        drafts = derive_drafts(text, slug, count=args.count, seed=args.seed, library_texts=[*library, text])
        record = {
            "article": slug,
            "title": art["title"],
            "subject": art["subject"],
            "split": art["split"],
            "derived_with": {"count": args.count, "seed": args.seed},
            "drafts": [draft_record(slug, n, d) for n, d in enumerate(drafts, 1)],
        }
        (out / f"{slug}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        total += len(drafts)
        print(f"{slug}: {len(drafts)} drafts")
    print(f"{total} drafts from {len(sources)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
