"""Filter, score and pick a varied set of candidates: one per sentence, a mix of kinds and answers."""

from __future__ import annotations

import re
from collections import Counter

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidates import Candidate
from quiz.derive.mentions import STOPWORDS, content_words, fold
from quiz.derive.ranker import facts_of, model, vector

# Templates a set grows dull on: four 'What post does X hold?' read as a list, not a quiz.
_MOST = {"post": 2, "who-is": 2}
TARGET_SHARE = {Kind.CHOICE: 0.34, Kind.RECALL: 0.2, Kind.GAP: 0.2, Kind.NUMBER: 0.1, Kind.TRUEFALSE: 0.16}


# Templates blind readers rejected half the time or more, on old splits and new: an organisation or a place
# blanked (gap-org 12 of 18 rejected), a place asked as a sentence's subject. A false statement or a country
# stays (kept more than rejected on heldout2-4 once absurd swaps were dropped, see swaps.py).
NO_TOP_UP = frozenset({"gap-org", "gap-place", "subject-place"})


def problems(c: Candidate) -> list[str]:
    """Deterministic checks every draft must pass; an empty list means it may be kept."""
    out: list[str] = []
    ev = c.evidence[c.span[0]]
    if ev[c.span[1] : c.span[2]] != c.answer_text:
        out.append("answer not at its recorded place in the evidence")
    if c.kind is not Kind.TRUEFALSE:
        a = fold(str(c.answer) if not isinstance(c.answer, float) else c.answer_text)
        if c.kind is not Kind.NUMBER and len(a) > 3 and a in fold(c.prompt):
            out.append("prompt contains the answer")
        folded = [fold(d) for d in c.distractors]
        if len(set(folded)) != len(folded) or (c.kind is not Kind.NUMBER and a in folded):
            out.append("options not distinct")
        if any(o.type != c.atype for o in c.options):
            out.append("distractor of another type")
        if {fold(x) for x in c.alternatives} & set(folded):
            out.append("an alternative is also a distractor")
    if c.kind is Kind.CHOICE and len(c.options) < 3:
        out.append("fewer than three distractors")
    if c.kind is Kind.GAP and c.prompt.count(GAP_MARK) != 1:
        out.append("gap prompt without exactly one blank")
    if len(c.prompt) > 420:
        out.append("prompt too long")
    return out


def score(c: Candidate, sentence_count: int) -> None:
    """Set the candidate's fitted score and the reason for it (see ranker.py)."""
    m = model()
    x = vector(facts_of(c, sentence_count))
    c.score, c.reason = m.score(x), m.reason(x)


def floor_for(words: int) -> int:
    """Drafts emitted even below the threshold: 5 for a 500-word article, more for a longer one."""
    return max(3, round(words / 100))


def _repeats(c: Candidate, chosen: list[Candidate]) -> bool:
    """The same answer asked again about the same words ('moment of truth' twice for Ayrault)."""
    mine = _bigrams(c.prompt)
    # One figure or name asked twice from one sentence is one fact, whatever the two prompts' words; so is one
    # count of one thing told in two sentences ('carrying ___ passengers', 'All 108 passengers ... died').
    return any(
        (o.key == c.key and (set(o.sentences) & set(c.sentences) or mine & _bigrams(o.prompt))) or _same_count(c, o)
        for o in chosen
    )


def _same_count(c: Candidate, o: Candidate) -> bool:
    """Do two drafts ask one figure of one thing: the same value followed by the same word?"""
    if not c.atype[0] == o.atype[0] == "number" or c.key.removeprefix("number:") != o.key.removeprefix("number:"):
        return False  # a statement's key is the figure itself, a blank's is 'number:' and the figure
    return _word_after(c) == _word_after(o) != ""


def _word_after(c: Candidate) -> str:
    """The word after the answer in its evidence: what the figure counts."""
    m = re.match(r"\W*(\w+)", c.evidence[c.span[0]][c.span[2] :])
    return m.group(1).lower() if m else ""


def _most_answers(c: Candidate) -> int:
    """How often one answer may be asked: a person named by a typed answer once (readers: 'same answer as #3')."""
    return 1 if c.atype[0] == "person" and c.kind in (Kind.RECALL, Kind.GAP) else 2


def _names(c: Candidate, often: frozenset[str] = frozenset()) -> set[str]:
    """The answer of a question about a named thing or post, folded ('Reform UK' -> {'reform uk'})."""
    if c.kind is Kind.TRUEFALSE or c.atype[0] in ("date", "numword"):
        return set()
    a = fold(c.answer_text)
    if c.kind is Kind.NUMBER or c.atype[0] == "number":
        # '155 passengers' in one prompt and '___ passengers' in another; a year or a small count is too common
        return {a} if len(re.sub(r"\D", "", a)) >= 3 and not re.fullmatch(r"(?:19|20)\d\d", a) else set()
    if c.atype[0] == "person":
        if c.key in often or c.template == "said":
            # A person named all through the story is no clue in a prompt, nor is a speaker named beside another
            # of their words (readers kept 'Who said ...? Eastman' beside 'Professor Eastman says ...').
            return set()
        # 'after contact with Edwards' beside 'Who ...? Edwards': the surname alone gives a minor person away
        return {n for n in (a, a.split()[-1] if a.split() else "") if len(n) > 3}
    return {a} if len(a) > 3 else set()


def _gives_away(c: Candidate, chosen: list[Candidate], often: frozenset[str] = frozenset()) -> bool:
    """Would this draft's answer stand in a chosen draft's prompt, or a chosen answer in its prompt?"""
    mine = f" {fold(c.prompt)} "
    if any(f" {n} " in mine for o in chosen if o.key != c.key for n in _names(o, often)):
        return True
    names = _names(c, often)
    return any(f" {n} " in f" {fold(o.prompt)} " for o in chosen if o.key != c.key for n in names)


def _second_from_a_sentence(pool: list[Candidate], chosen: list[Candidate], floor: int, often: frozenset[str]) -> None:
    """A short article with few usable sentences: a second draft from one, on another answer, up to the floor."""
    asked = {c.key for c in chosen}
    per_sentence = Counter(c.sentences[-1] for c in chosen)
    for c in pool:  # best first
        if len(chosen) >= floor:
            return
        if c.key in asked or per_sentence[c.sentences[-1]] >= 2 or _gives_away(c, chosen, often) or _repeats(c, chosen):
            continue
        same = [o for o in chosen if o.sentences[-1] == c.sentences[-1]]
        if any(o.kind is c.kind or o.answer_text in c.prompt or c.answer_text in o.prompt for o in same):
            continue  # one sentence asked twice alike, or one draft showing the other's answer
        if any(_overlap(o.span, c.span) for o in same):
            continue  # '___ seconds after liftoff' and 'exploded 36 seconds after liftoff': one figure asked twice
        chosen.append(c)
        asked.add(c.key)
        per_sentence[c.sentences[-1]] += 1


def _named_often(candidates: list[Candidate]) -> frozenset[str]:
    """The people asked about whose surname stands in three sentences or more: named all through the story."""
    texts = {c.sentences[-1]: c.evidence[-1] for c in candidates}
    people = {c.key: c.answer_text.split()[-1] for c in candidates if c.atype[0] == "person" and c.answer_text.split()}
    return frozenset(k for k, n in people.items() if sum(n in t for t in texts.values()) >= 3)


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Do two answers stand at the same place of the same evidence quote?"""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _bigrams(text: str) -> set[tuple[str, ...]]:
    w = [x for x in re.findall(r"[\w']+", text.lower()) if x not in STOPWORDS and x != "who"]
    return {tuple(w[i : i + 2]) for i in range(len(w) - 1)}


def select(candidates: list[Candidate], count: int, *, sentence_count: int = 1, floor: int = 0) -> list[Candidate]:
    """Greedy choice of the best candidates, balancing kinds and never reusing a sentence.

    Of the `count` chosen, those the ranker scores below its threshold are left out, but never so
    many that fewer than `floor` remain.
    """
    pool = [c for c in candidates if not problems(c)]
    often = _named_often(candidates)
    for c in pool:
        score(c, sentence_count)
    threshold = model().threshold
    # Below the threshold, a template readers reject most never tops up: fewer drafts beat a bad one.
    pool = [c for c in pool if c.score >= threshold or c.template not in NO_TOP_UP]
    pool.sort(key=lambda c: (-c.score, c.sentence, c.template, c.kind.value))
    chosen: list[Candidate] = []
    used_sentences: set[int] = set()
    answers: Counter[str] = Counter()
    kinds: Counter[Kind] = Counter()
    templates: Counter[str] = Counter()
    words: list[set[str]] = []
    while len(chosen) < count:
        best, best_value = None, -1e9
        n = len(chosen)
        for c in pool:
            if (
                c.sentences[-1] in used_sentences
                or answers[c.key] >= _most_answers(c)
                or templates[c.template] >= _MOST.get(c.template, 99)
            ):
                continue
            value = c.score
            if c.score < threshold:
                value -= 0.1  # balancing kinds should not cost a draft that would be emitted
            value -= 0.15 * max(0.0, kinds[c.kind] - TARGET_SHARE[c.kind] * n)
            value -= 0.1 * answers[c.key]
            value -= 0.04 * max(0, templates[c.template] - 2)
            value -= 0.06 * sum(1 for o in chosen if o.key == c.key and o.template == c.template)
            if value > best_value:
                best, best_value = c, value
        if best is None:
            break
        cw = content_words(best.prompt)
        if (
            any(len(cw & w) / max(1, len(cw | w)) > 0.8 for w in words)
            or _repeats(best, chosen)
            or _gives_away(best, chosen, often)
        ):
            pool.remove(best)
            continue
        chosen.append(best)
        pool.remove(best)
        used_sentences.add(best.sentences[-1])
        answers[best.key] += 1
        kinds[best.kind] += 1
        templates[best.template] += 1
        words.append(cw)
    if len(chosen) < min(floor, count):
        _second_from_a_sentence(pool, chosen, min(floor, count), often)
    best = sorted(chosen, key=lambda c: -c.score)
    kept = [c for c in best if c.score >= threshold]
    # Topping up to the floor, and to three kinds, a kind not yet there comes first (a mixed set).
    while True:
        rest = [c for c in best if not any(c is k for k in kept)]
        new_kind = next((c for c in rest if all(k.kind is not c.kind for k in kept)), None)
        if len(kept) < min(floor, len(chosen)):
            kept.append(new_kind or rest[0])
        elif new_kind is not None and len({k.kind for k in kept}) < 3:
            kept.append(new_kind)
        else:
            break
    return _as_choice([c for c in chosen if any(c is k for k in kept)], pool)


def _as_choice(drafts: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
    """Some 'Who said ...?' drafts asked as multiple choice, the app's main mode, where the same question
    has three options fit to stand beside its key (option_set.settle let it through), up to the choice share."""
    twins = {(c.sentence, c.prompt): c for c in pool if c.kind is Kind.CHOICE}
    room = max(1, round(TARGET_SHARE[Kind.CHOICE] * len(drafts))) - sum(c.kind is Kind.CHOICE for c in drafts)
    threshold = model().threshold
    out = list(drafts)
    for i, c in sorted(enumerate(drafts), key=lambda x: -x[1].score):
        twin = twins.get((c.sentence, c.prompt)) if c.kind is Kind.RECALL else None
        # Never one below the threshold in place of one above it: only the floor lets those in.
        if room > 0 and twin is not None and (twin.score >= threshold or c.score < threshold):
            out[i] = twin
            room -= 1
    return out
