"""Fit the draft ranker on labelled drafts and write its weights: `python -m quiz.derive.fit_ranker LABELS...`.

A labels file is TSV (with a header row) or JSON (a list of objects). Each row needs `article` (the
article's file name without `.txt`, found beside the labels file or in an `--articles` folder),
`label` (keep, edit or reject) and either `id` (a draft id as `quiz derive --json` gives it) or
`prompt`; `reason` is read by people only. A row whose draft the current derive no longer makes is
still used when it has `kind`, `template`, `answer` and `options` (options separated by " | ").

The model is a logistic regression of "kept unchanged" (keep 1, edit 0.5, reject 0) on the features
of ranker.py, fitted by Newton's method with a small L2 penalty, so the same labels always give the
same weights. The threshold is the lowest score at which the labelled drafts scored at least that
are kept at the rate TARGET or better, with at most MAX_REJECTED of them rejected. `--out` names the
weights file (default: the one the package ships).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from quiz.derive.candidate import Candidate
from quiz.derive.mentions import content_words, fold
from quiz.derive.ranker import FEATURES, WEIGHTS_FILE, Facts, Model, dump, facts_of, vector

LABEL_VALUE = {"keep": 1.0, "edit": 0.5, "reject": 0.0}
TARGET = 0.8
MAX_REJECTED = 0.08
PENALTY = 1.0


class LabelError(Exception):
    """A labels file that cannot be used, with the file, line and what to do."""


@dataclass(frozen=True)
class Labelled:
    """One labelled draft: its article, label, reason and the facts the ranker reads."""

    article: str
    label: str
    reason: str
    kind: str
    facts: Facts
    matched: bool
    """Made by the current derive (facts from the live draft), not rebuilt from the row."""


def read_labels(path: Path) -> list[dict[str, str]]:
    """The rows of one TSV or JSON labels file; LabelError naming the file and line when one is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot be read ({exc})") from None
    if path.suffix == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LabelError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise LabelError(f"{path}: expected a JSON list of objects, one per labelled draft")
        numbered = [(i + 1, {k: str(v) if not isinstance(v, list) else " | ".join(map(str, v)) for k, v in r.items()})
                    for i, r in enumerate(rows)]  # fmt: skip
    else:
        reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        numbered = [(i + 2, {k: v or "" for k, v in r.items() if k}) for i, r in enumerate(reader)]
    out = []
    for line, row in numbered:
        where = f"{path}:{line}"
        if not row.get("article"):
            raise LabelError(f"{where}: no article; give the article's file name without .txt")
        if row.get("label", "").strip() not in LABEL_VALUE:
            raise LabelError(f"{where}: label '{row.get('label', '')}' is not keep, edit or reject")
        if not (row.get("id") or row.get("prompt")):
            raise LabelError(f"{where}: give the draft's id or its prompt")
        out.append({**row, "label": row["label"].strip(), "where": where})
    return out


def find_article(name: str, folders: Iterable[Path]) -> Path:
    for folder in folders:
        path = folder / f"{name}.txt"
        if path.is_file():
            return path
    raise LabelError(f"article '{name}' not found as {name}.txt in {', '.join(map(str, folders))}; pass --articles DIR")


def live_candidates(text: str, article_id: str, library_texts: tuple[str, ...] = ()) -> tuple[list[Candidate], int]:
    """Every candidate derive considers for the article (checked, unranked), and its sentence count."""
    from quiz.derive.candidates import Builder
    from quiz.derive.distractors import Pools
    from quiz.derive.generate import library, read
    from quiz.derive.rank import problems

    article = read(text)
    pools = Pools(article.analysis, library(library_texts))
    rng = random.Random(f"0:{article_id}")  # as derive_drafts makes them with the default seed
    found = [c for c in Builder(article.analysis, pools, rng).all() if not problems(c)]
    return found, len(article.sentences)


def row_facts(row: dict[str, str], text: str) -> Facts:
    """The facts of a labelled draft the current derive does not make, rebuilt from the row and its article."""
    from quiz.derive.generate import read

    sentences = read(text).sentences
    prompt, answer = row.get("prompt", ""), row.get("answer", "")
    asked = content_words(prompt)
    holds = [s for s in sentences if not answer or row.get("kind") == "truefalse" or answer in s.text]
    best = max(holds or sentences, key=lambda s: len(asked & content_words(s.text)))
    options = tuple(o.strip() for o in row.get("options", "").split("|") if o.strip())
    whole = fold(text)
    number = row.get("kind") == "number"
    sources = tuple("generated" if number else "article" if fold(o) in whole else "" for o in options)
    template = row.get("template", "")
    type_ = _type_of_template(template, answer)
    return Facts(
        kind=row.get("kind", ""),
        template=template,
        prompt=prompt,
        answer=answer,
        options=options,
        option_sources=sources,
        answer_type=type_,
        unit=_unit_of(best.text, answer) if type_ == "number" else "",
        evidence=best.text,
        position=best.index / max(1, len(sentences) - 1),
    )


def _type_of_template(template: str, answer: str) -> str:
    if template in ("said", "who-is"):
        return "person"
    if template == "number":
        return "money" if any(c in answer for c in "£$€") else "percent" if "%" in answer else "number"
    if template.endswith("-list"):
        return "list"
    tail = template.split("-", 1)[1] if "-" in template else ""
    return {"country": "place", "numword": "number"}.get(tail, tail)


def _unit_of(sentence: str, answer: str) -> str:
    from quiz.derive.figures import unit_after

    at = sentence.find(answer)
    return unit_after(sentence, at + len(answer)) if answer and at >= 0 else ""


def labelled(rows: list[dict[str, str]], folders: list[Path], library_texts: tuple[str, ...] = ()) -> list[Labelled]:
    """Each usable labelled row with its facts; rows neither matched nor rebuildable are left out."""
    from quiz.derive.generate import derive_drafts

    out: list[Labelled] = []
    cache: dict[str, tuple[str, dict[str, Candidate], dict[str, str], int]] = {}
    for row in rows:
        name = row["article"]
        if name not in cache:
            text = find_article(name, folders).read_text(encoding="utf-8")
            found, n = live_candidates(text, name, library_texts)
            # By kind and prompt: a choice and a typed question share a prompt, and readers judge them apart.
            by_prompt = {k: c for c in reversed(found) for k in (fold(c.prompt), f"{c.kind.value}:{fold(c.prompt)}")}
            ids = {}
            if any(r.get("id") and r["article"] == name for r in rows):
                made = derive_drafts(text, name, library_texts=library_texts)
                ids = {d.question.id: f"{d.question.kind.value}:{fold(d.question.prompt)}" for d in made}
            cache[name] = (text, by_prompt, ids, n)
        text, by_prompt, ids, n = cache[name]
        prompt = fold(row.get("prompt", ""))
        key = ids.get(row.get("id", ""), f"{row['kind']}:{prompt}" if row.get("kind") else prompt)
        c = by_prompt.get(key)
        if c is not None:
            facts, matched = facts_of(c, n), True
        elif row.get("kind") and row.get("template"):
            facts, matched = row_facts(row, text), False
        else:
            continue
        out.append(Labelled(name, row["label"], row.get("reason", ""), facts.kind, facts, matched))
    return out


def fit(data: list[tuple[dict[str, float], float]], penalty: float = PENALTY, rounds: int = 50) -> Model:
    """Logistic regression by Newton's method (L2 on the weights, not the bias); deterministic."""
    names = ["bias", *FEATURES]
    rows = [([1.0] + [x.get(k, 0.0) for k in FEATURES], y) for x, y in data]
    w = [0.0] * len(names)
    for _ in range(rounds):
        grad = [penalty * wi if i else 0.0 for i, wi in enumerate(w)]
        hess = [[(penalty if i == j and i else 0.0) for j in range(len(w))] for i in range(len(w))]
        for x, y in rows:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))))
            r = p * (1 - p)
            for i, xi in enumerate(x):
                if xi:
                    grad[i] += (p - y) * xi
                    for j, xj in enumerate(x):
                        if xj:
                            hess[i][j] += r * xi * xj
        for i in range(len(w)):
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    model = Model(dict(zip(FEATURES, w[1:], strict=True)), w[0], 0.5)
    return Model(model.weights, model.bias, choose_threshold(model, data))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for k in range(col, n + 1):
                    m[r][k] -= f * m[col][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def choose_threshold(model: Model, data: list[tuple[dict[str, float], float]], target: float = TARGET) -> float:
    """The lowest score at which the labelled drafts scored at least that are kept at the `target` rate or better."""
    scored = sorted(((model.score(x), y) for x, y in data), reverse=True)
    best, kept, rejected = 1.0, 0, 0
    for n, (s, y) in enumerate(scored, 1):
        kept += y == 1.0
        rejected += y == 0.0
        if kept / n >= target and rejected / n <= MAX_REJECTED:
            best = s
    return round(best - 1e-4, 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz.derive.fit_ranker", description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="+", type=Path, help="labelled drafts, .tsv or .json")
    parser.add_argument("--articles", action="append", type=Path, default=[], help="folder of the articles")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out articles whose name matches (the held-back part), e.g. 'holdout_*'",
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="weights file to write")
    args = parser.parse_args(argv)
    try:
        items: list[Labelled] = []
        for path in args.labels:
            rows = [r for r in read_labels(path) if not any(fnmatch(r["article"], g) for g in args.exclude)]
            items += labelled(rows, [*args.articles, path.parent])
    except LabelError as exc:
        print(f"fit_ranker: {exc}", file=sys.stderr)
        return 1
    if len({i.label for i in items}) < 2:
        print("fit_ranker: the labels need at least two different labels to fit on", file=sys.stderr)
        return 1
    model = fit([(vector(i.facts), LABEL_VALUE[i.label]) for i in items])
    counts = {k: sum(1 for i in items if i.label == k) for k in LABEL_VALUE}
    names = " ".join(p.name for p in args.labels) + "".join(f" except {g}" for g in args.exclude)
    note = (
        "The draft ranker's weights (see ranker.py); written by `python -m quiz.derive.fit_ranker`, do not edit.\n"
        f"Fitted on {len(items)} labelled drafts of {names}: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + f" ({sum(i.matched for i in items)} made by the current derive)."
    )
    args.out.write_text(dump(model, note), encoding="utf-8")
    print(f"wrote {args.out}: {len(items)} drafts, threshold {model.threshold:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
