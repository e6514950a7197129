"""A continental setting ('the European Championship'): only its countries are options for a country asked in it."""

from __future__ import annotations

import re

_CONTINENTS = {
    "europe": frozenset({"western-europe", "eastern-europe"}),
    "africa": frozenset({"sub-saharan-africa", "north-africa"}),
    "asia": frozenset({"east-asia", "southeast-asia", "south-asia", "central-asia"}),
    "latin-america": frozenset({"latin-america", "caribbean"}),
}
_CUES = {
    "europe": r"European|Europe's|Euro \d{4}|UEFA|EU member",
    "africa": r"African|Africa's|Africa Cup",
    "asia": r"Asian|Asia's|AFC|ASEAN",
    "latin-america": r"Latin American|South American|Copa Am[eé]rica|CONMEBOL",
}
_CUE = {name: re.compile(rf"\b(?:{cue})\b") for name, cue in _CUES.items()}


def continent_of(region: str, context: str) -> frozenset[str]:
    """The regions of the answer's continent when `context` sets the question there, else none."""
    for name, regions in _CONTINENTS.items():
        if region in regions and _CUE[name].search(context):
            return regions
    return frozenset()
