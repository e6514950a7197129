"""The words around a name that say what it names: organisation keywords, place words, person and company cues."""

from __future__ import annotations

import re

from quiz.derive.sentences import word_set

ORG_KEYWORDS = {
    "Ministry": "government", "Department": "government", "Office": "government", "Agency": "government",
    "Commission": "government", "Committee": "government", "Council": "government", "Parliament": "government",
    "Assembly": "government", "Senate": "government", "Congress": "government", "Authority": "government",
    "Service": "government", "Police": "government", "Court": "government", "Army": "armed-group",
    "Forces": "armed-group", "Front": "armed-group", "Brigade": "armed-group", "Brigades": "armed-group",
    "Militia": "armed-group", "Movement": "group", "Party": "party", "Union": "group", "Alliance": "group",
    "Coalition": "group", "League": "group", "Association": "group", "Federation": "group",
    "Organization": "group", "Organisation": "group", "Foundation": "group", "Institute": "group",
    "University": "university", "College": "university", "Observatory": "group", "Network": "group",
    "Bank": "company", "Fund": "group", "Group": "company", "Corporation": "company", "Corp": "company",
    "Inc": "company", "Ltd": "company", "Company": "company", "Airlines": "company", "Airways": "company",
    "Motors": "company", "Hospital": "group", "Club": "group", "FC": "group", "Times": "newspaper",
    "Post": "newspaper", "Journal": "newspaper", "Herald": "newspaper", "Telegraph": "newspaper",
    "Guardian": "newspaper", "Gazette": "newspaper", "Tribune": "newspaper", "Bill": "law", "Act": "law",
    "Partnership": "group", "Trust": "group", "Society": "group", "Capital": "company", "Holdings": "company",
    "Media": "company", "Partners": "company", "Plc": "company", "PLC": "company", "Stadium": "venue",
}  # fmt: skip
PLACE_AFTER = word_set("province region district governorate county state prefecture oblast valley")
PLACE_BEFORE = {
    "city of": "city", "town of": "city", "village of": "city", "capital,": "city", "port of": "city",
    "suburb of": "city", "based in": "city", "province of": "region", "region of": "region",
    "state of": "region", "island of": "region", "district of": "region",
}  # fmt: skip
PERSON_CUES = word_set(
    """counterpart colleague wife husband son daughter father mother brother sister friend striker defender
    midfielder goalkeeper forward winger player teammate singer actor actress author novelist writer artist
    producer musician photographer journalist reporter editor lawyer doctor nurse teacher student resident
    witness farmer owner entrepreneur investor banker trader pilot soldier activist campaigner protester
    volunteer survivor victim suspect candidate"""
)
COMPANY_CUES = word_set(
    """chipmaker carmaker automaker retailer airline carrier lender bank insurer firm company group giant
    startup start-up manufacturer maker rival supplier operator publisher brewer miner producer developer
    conglomerate chain supermarket grocer app platform brand regulator charity"""
)
CLUB_CUES = word_set("side club team outfit")
_COMPANY_APPOSITIVE = re.compile(r"^, (?:the|a|an) (?:[\w-]+ ){0,3}(?:" + "|".join(sorted(COMPANY_CUES)) + r")\b")


def undescribed(name: str) -> str:
    """'Environmentalist Mark Lynas' -> 'Mark Lynas': what a reader types is the name, not the descriptor."""
    first, _, rest = name.partition(" ")
    if len(rest.split()) >= 2 and (first.lower() in PERSON_CUES or first.endswith(("ist", "man", "woman"))):
        return rest
    return name
