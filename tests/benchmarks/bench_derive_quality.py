"""Derive quality on held-back labelled articles: keep and reject rates of what is emitted, the ranker's separation.

Not collected by the default run. Run it with:

    .venv/bin/python -m pytest -o addopts="" tests/benchmarks/bench_derive_quality.py -s

or on other labels (the format `python -m quiz.derive.fit_ranker` reads: article, id or prompt,
label, reason; TSV or JSON) with only the held-back articles named by a glob:

    .venv/bin/python tests/benchmarks/bench_derive_quality.py LABELS --held 'GLOB' [--articles DIR]

The ranker must have been fitted without the held-back articles (`fit_ranker --exclude GLOB`).
Each held-back article is derived as `quiz derive` would; an emitted draft counts when its id or
prompt is labelled (the others are reported as not judged). The separation is the mean score of the
kept labelled drafts minus that of the rejected ones, over every labelled draft of the held-back part.
Speed: derive per 3 KB article, against plain pysbd sentence splitting of the same text in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# Default: the blind labels of what derive emits on the newest held-out Wikinews set (tests/derive/eval),
# the one no change to derive was made with in view.
EVAL = ROOT / "tests/derive/eval"
LABELS = Path(os.environ.get("QUIZ_BENCH_LABELS", EVAL / "labels/heldout6.tsv"))
HELD = os.environ.get("QUIZ_BENCH_HELD", "*")
GOAL_KEEP, GOAL_REJECT, GOAL_KIND = 0.75, 0.10, 0.60


def _library() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def quality(labels: Path, held: str, folders: list[Path]) -> list[str]:
    """The report lines for the held-back part of one labels file."""
    from quiz.derive.fit_ranker import find_article, labelled, read_labels
    from quiz.derive.generate import derive_drafts
    from quiz.derive.mentions import fold
    from quiz.derive.ranker import model, vector

    rows = [r for r in read_labels(labels) if fnmatch(r["article"], held)]
    if not rows:
        return [f"no labelled drafts of articles matching {held!r} in {labels}"]
    by_article: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:  # later rows win: a draft labelled again is judged by its last label
        # By prompt as well as id: the bench names drafts its own way, so ids from elsewhere never match.
        if r.get("id"):
            by_article[r["article"]][r["id"]] = r["label"]
        if r.get("prompt"):
            # With its kind: a choice and a typed question may share a prompt, and readers judge them apart.
            by_article[r["article"]][r.get("kind", "") + ":" + fold(r["prompt"])] = r["label"]
    emitted: list[tuple[str, str]] = []  # (kind, label) of each emitted draft that is labelled
    unjudged = total = 0
    for name in sorted(by_article):
        text = find_article(name, folders).read_text(encoding="utf-8")
        for d in derive_drafts(text, name, library_texts=_library()):
            total += 1
            q = d.question
            label = by_article[name].get(q.id) or by_article[name].get(f"{q.kind.value}:{fold(q.prompt)}")
            if label is None:
                unjudged += 1
            else:
                emitted.append((q.kind.value, label))
    lines = [f"held-back part: {len(by_article)} articles matching {held!r}, {len(rows)} labelled drafts"]
    n = len(emitted)
    if n:
        keep = sum(label == "keep" for _, label in emitted) / n
        reject = sum(label == "reject" for _, label in emitted) / n
        lines.append(
            f"emitted {total} drafts, {n} labelled ({unjudged} not judged): kept unchanged {keep:.0%} "
            f"(goal >= {GOAL_KEEP:.0%}), rejected {reject:.0%} (goal <= {GOAL_REJECT:.0%})"
        )
        kinds = Counter(k for k, _ in emitted)
        kept = Counter(k for k, label in emitted if label == "keep")
        lines.append(
            "kept by kind: "
            + ", ".join(f"{k} {kept[k] / c:.0%} of {c}" for k, c in sorted(kinds.items()))
            + f" (goal >= {GOAL_KIND:.0%} each)"
        )
    else:
        lines.append(f"emitted {total} drafts, none of them labelled: label these drafts to measure")
    items = labelled(rows, folders)  # as fit_ranker reads them
    m = model()
    scores: dict[str, list[float]] = defaultdict(list)
    for i in items:
        scores[i.label].append(m.score(vector(i.facts)))
    if scores["keep"] and scores["reject"]:
        k, r = statistics.mean(scores["keep"]), statistics.mean(scores["reject"])
        lines.append(
            f"ranker separation over {len(items)} labelled drafts: {k - r:+.3f} "
            f"(kept {k:.3f}, rejected {r:.3f}, edited {statistics.mean(scores['edit'] or [0]):.3f}; "
            f"threshold {m.threshold:.3f})"
        )
    return lines


def _derivable(text: str, library: tuple[str, ...]) -> bool:
    """Whether derive takes this cut of two articles (a cut can leave only a list or a table)."""
    from quiz.derive.generate import derive_drafts
    from quiz.derive.source import ArticleError

    try:
        derive_drafts(text, "probe", library_texts=library)
    except ArticleError:
        return False
    return True


def speed(articles: list[Path], rounds: int = 3) -> str:
    """Derive time per 3 KB article against pysbd splitting of the same texts, measured in this run."""
    import pysbd

    from quiz.derive.generate import derive_drafts

    texts, pieces = [], [p.read_text(encoding="utf-8") for p in articles]
    for i, piece in enumerate(pieces):  # two articles joined and cut at a paragraph: about 3 KB of news
        joined = (piece + "\n\n" + pieces[(i + 1) % len(pieces)]).encode("utf-8")[:3400].decode("utf-8", "ignore")
        texts.append(joined.rsplit("\n\n", 1)[0] + "\n")
    library = _library()
    texts = [t for t in texts if _derivable(t, library)]
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def timed(work) -> float:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            for n, t in enumerate(texts):
                work(t, n)
            best = min(best, time.perf_counter() - start)
        return best / len(texts)

    derive_drafts(texts[0], "warm", library_texts=library)
    ours = timed(lambda t, n: derive_drafts(t, f"a{n}", library_texts=library))
    base = timed(lambda t, n: [seg.segment(line) for line in t.split("\n") if line])
    size = statistics.mean(len(t.encode("utf-8")) for t in texts)
    return (
        f"speed: derive {ours * 1000:.0f} ms per {size / 1024:.1f} KB article (goal <= 250 ms); "
        f"baseline pysbd splitting {base * 1000:.0f} ms; ratio {ours / base:.1f}x"
    )


def test_derive_quality_on_the_held_back_articles():
    folders = [EVAL / "articles", LABELS.parent]
    lines = quality(LABELS, HELD, folders)
    articles = sorted(p for f in folders for p in f.glob("*.txt") if p.stat().st_size > 1000)[:12]
    lines.append(speed(articles))
    print("\n" + "\n".join(lines))
    assert any(line.startswith("ranker separation") for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, nargs="?", default=LABELS)
    parser.add_argument("--held", default=HELD, help="glob of the held-back articles' names (default %(default)s)")
    parser.add_argument("--articles", action="append", type=Path, default=[], help="folder of the articles")
    args = parser.parse_args(argv)
    folders = [*args.articles, EVAL / "articles", args.labels.parent]
    print("\n".join(quality(args.labels, args.held, folders)))
    articles = sorted(p for f in folders for p in f.glob("*.txt") if p.stat().st_size > 1000)[:12]
    if articles:
        print(speed(articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
