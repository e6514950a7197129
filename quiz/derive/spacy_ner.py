"""Optional entity hints from an English spaCy pipeline (install the `nlp` extra and a model).

The rule-based extractor in `entities.py` does all the work without spaCy. When spaCy and an
English pipeline are installed, their PERSON / ORG / GPE labels type the capitalised names the
rules could not (a name with no title, no speech verb and no later surname). Nothing here is
imported unless spaCy itself can be; set QUIZ_NO_SPACY=1 to turn the hook off.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import Any

MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "nationality"}


@lru_cache(maxsize=1)
def pipeline() -> Any | None:
    """The first English pipeline that loads, or None (no spaCy, no model, or turned off)."""
    if os.environ.get("QUIZ_NO_SPACY") or importlib.util.find_spec("spacy") is None:
        return None
    import spacy  # noqa: PLC0415 - optional dependency

    for name in MODELS:
        try:
            return spacy.load(name, disable=["lemmatizer", "textcat"])
        except (OSError, ImportError, ValueError):
            continue
    return None


def hints(sentences: list[str]) -> dict[str, str]:
    """Surface text -> 'person' | 'org' | 'place' | 'nationality', for names spaCy recognises."""
    nlp = pipeline()
    if nlp is None:
        return {}
    out: dict[str, str] = {}
    for doc in nlp.pipe(sentences):
        for ent in doc.ents:
            kind = _LABELS.get(ent.label_)
            if kind:
                out.setdefault(ent.text, kind)
    return out
