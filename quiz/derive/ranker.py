"""The fitted ranker: what is known about a draft (Facts), its feature vector, and a logistic score with reasons.

The weights and the emit threshold live in `ranker.toml` beside this module; `python -m
quiz.derive.fit_ranker` fits them on labelled drafts (keep / edit / reject) and rewrites that file.
A draft's score is the model's estimate that a careful reader keeps it unchanged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tomli

from quiz.derive.candidate import Candidate

WEIGHTS_FILE = Path(__file__).with_name("ranker.toml")


@dataclass(frozen=True)
class Facts:
    """What the ranker reads about a draft; made from a live candidate or from a labelled row and its article."""

    kind: str
    template: str
    prompt: str
    answer: str
    options: tuple[str, ...]
    option_sources: tuple[str, ...]
    """Where each option came from: article, library, gazetteer or generated ('' when unknown)."""
    answer_type: str
    unit: str
    evidence: str
    position: float
    """The evidence sentence's place in the article: 0 at the start, 1 at the end."""


def facts_of(c: Candidate, sentence_count: int) -> Facts:
    """The facts of a live candidate."""
    return Facts(
        kind=c.kind.value,
        template=c.template,
        prompt=c.prompt,
        answer=c.answer_text,
        options=c.distractors,
        option_sources=tuple(o.source for o in c.options),
        answer_type=_type_word(c.atype[0], c.atype[1]),
        unit=c.unit,
        evidence=" ".join(c.evidence),
        position=c.sentence / max(1, sentence_count - 1),
    )


def _type_word(type_: str, subtype: str) -> str:
    if type_ == "number":
        return "money" if subtype.startswith("money") else "percent" if subtype == "percent" else "number"
    if type_.endswith("-list"):
        return "list"
    return {"country": "place", "numword": "number"}.get(type_, type_)


# Each feature, with the words the reason uses when it counts for or against a draft.
FEATURES: dict[str, str] = {
    "kind:choice": "multiple choice",
    "kind:recall": "typed answer",
    "kind:gap": "fill the gap",
    "kind:number": "number question",
    "kind:truefalse": "true/false",
    "asks:quote": "quote with its speaker named",
    "asks:subject": "asks the sentence's subject",
    "asks:post": "asks a person's post",
    "asks:agent": "asks who did it, from the passive",
    "asks:venue": "asks where an event is held",
    "asks:describe": "asks what a named thing is",
    "asks:gap": "blank in a sentence",
    "asks:false": "false statement by one swap",
    "asks:true": "statement as written",
    "type:person": "a person",
    "type:org": "an organisation",
    "type:place": "a place",
    "type:date": "a date",
    "type:number": "a count",
    "type:money": "a sum of money",
    "type:percent": "a percentage",
    "type:list": "a list of names",
    "unit": "number with unit",
    "options:article": "options from the article",
    "options:alike": "options alike in form",
    "options:few": "fewer than three options",
    "early": "from the article's opening",
    "prompt:long": "long prompt",
    "prompt:cut": "prompt cut short",
    "prompt:bracket": "a name put in brackets",
    "evidence:long": "long evidence sentence",
    "answer:long": "answer of several words",
    "number:exact": "an exact count of many figures",
    "statement:late": "a statement copied from late in the article",
    "prompt:names": "a prompt dense with names",
    "prompt:aside": "an aside in brackets",
    "prompt:short": "short prompt",
}
_ASKS = {
    "said": "quote", "subject": "subject", "post": "post", "who": "post",
    "agent": "agent", "venue": "venue", "describe": "describe",
}  # fmt: skip


def vector(f: Facts) -> dict[str, float]:
    """The feature values of a draft (absent features are 0)."""
    x: dict[str, float] = {f"kind:{f.kind}": 1.0, f"type:{f.answer_type}": 1.0}
    head = f.template.split("-")[0]
    asks = _ASKS.get(head, "gap")  # 'gap-person', 'number': a blank in a sentence
    if head == "tf":
        asks = "false" if f.template == "tf-false" else "true"
    x[f"asks:{asks}"] = 1.0
    if f.unit or (f.answer_type in ("money", "percent")):
        x["unit"] = 1.0
    if f.options and f.kind != "truefalse":
        x["options:article"] = sum(s == "article" for s in f.option_sources) / len(f.options)
        x["options:alike"] = float(all(shape(o) == shape(f.answer) for o in f.options))
        x["options:few"] = float(len(f.options) < 3)
    elif f.kind in ("choice", "gap"):
        x["options:few"] = 1.0
    x["early"] = 1.0 - min(1.0, max(0.0, f.position))
    x["prompt:long"] = max(0.0, len(f.prompt.split()) - 25) / 25
    x["prompt:cut"] = float("…" in f.prompt)
    x["prompt:bracket"] = float("[" in f.prompt)
    x["evidence:long"] = max(0.0, len(f.evidence.split()) - 25) / 25
    x["answer:long"] = float(len(f.answer.split()) > 3)
    x["number:exact"] = float(f.answer_type == "number" and bool(_EXACT.fullmatch(f.answer)))
    x["statement:late"] = float(f.template == "tf-true" and f.position > 0.5)
    body = _LEAD.sub("", f.prompt).strip('"')
    # Readers reject results tables and lists of names, and find short prompts thin (cross-checked on held-out labels).
    x["prompt:names"] = float(len(_NAME.findall(body[1:])) / max(1, len(body.split())) > 0.3)
    x["prompt:aside"] = float("(" in body)
    x["prompt:short"] = float(len(body.split()) < 15)
    return {k: v for k, v in x.items() if k in FEATURES and v}


def shape(text: str) -> tuple[int, bool, bool]:
    """Word count, starts with a capital, has a digit: options that differ here make the key stand out."""
    t = text.strip()
    return (min(3, len(t.split())), t[:1].isupper(), bool(_DIGIT.search(t)))


_EXACT = re.compile(r"\d{1,3}(?:,\d{3})+|\d{5,}")
_LEAD = re.compile(r"^(?:True or false, according to the article: |Fill in the number: )")
_NAME = re.compile(r"\b[A-Z][\w-]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Model:
    """Logistic weights per feature, the bias, and the score below which drafts are not emitted."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, x: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reason(self, x: dict[str, float], top: int = 3) -> str:
        """The features that moved the score most, in words: 'for: ...; against: ...'."""
        parts = sorted(((self.weights.get(k, 0.0) * v, k) for k, v in x.items()), reverse=True)
        pro = [FEATURES[k] for c, k in parts if c > 0.05][:top]
        con = [FEATURES[k] for c, k in reversed(parts) if c < -0.05][:2]
        said = []
        if pro:
            said.append("for: " + ", ".join(pro))
        if con:
            said.append("against: " + ", ".join(con))
        return "; ".join(said) or "no feature stands out"


@cache
def model() -> Model:
    """The fitted model shipped with the package."""
    data = tomli.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    weights = {k: float(v) for k, v in data.get("weights", {}).items() if k in FEATURES}
    return Model(weights, float(data.get("bias", 0.0)), float(data.get("threshold", 0.5)))


def dump(m: Model, note: str) -> str:
    """The TOML text of a fitted model, with a comment saying how it was fitted."""
    lines = [f"# {line}" for line in note.splitlines()]
    lines += [f"bias = {m.bias:.4f}", f"threshold = {m.threshold:.4f}", "", "[weights]"]
    lines += [f'"{k}" = {m.weights.get(k, 0.0):.4f}' for k in FEATURES]
    return "\n".join(lines) + "\n"
