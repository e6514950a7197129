"""Drafts that stand on their own, each rule pinned with a small article: linking openers taken out,
sentences that need the one before left alone, typing slips mended in the prompt only, one pair of
quotes round a number prompt, trivia figures never blanked, no typed 'What post ...?', and a
descriptor never part of a person's answer.
"""

from __future__ import annotations

import re

from quiz.core.model import GAP_MARK, Kind
from quiz.derive.candidate import Candidate
from quiz.derive.generate import read
from quiz.derive.ranker import vector
from quiz.derive.standalone import NUMBER_LEAD, TF_LEAD, blank_cut_from_name, mend, one_slip
from tests.derive.test_ranker import facts
from tests.derive.test_vetting import MATCH, candidates

FERRY = """Ferry operator fined after Baltic crossing delays

A Baltic ferry operator, Nordwave Lines, was fined 4.2 million euros on Tuesday after a year of delays.

Chief executive Anna Keller said the company had paid for for new engines in 2022.

Afterwards, Keller told reporters that 180 crew members would be retrained.

One such delay left 640 passengers stranded at sea for nine hours.

The regulator said Nordwave had broken Sections 4 and 16 of the Maritime Act.

Captain Jonas Plesel said the ship's crew had "never seen such a storm" during the 2023 crossing.

Plesel had steered the vessel for 22 years and 140 days before the crossing.

Iriyanto and Plessel had trained the crew for 300 hours, and Plesel also said they had trained for 40 more.

The inquiry found 3 faults: worn seals, a faulty pump and a cracked hull.

Environmentalist Mark Lynas said the fine of 4.2 million euros would "change nothing".

On the next crossing, Keller ordered a full inspection of the ship.

Unfortunately for the crew, the owners cut 75 jobs in March.

Despite their protests, the crew sailed with 210 passengers.

Another engineer, Tomas Vik, said the pumps had failed twice in 2021.

Erik Dahl steered the ship into port and Keller thanked the crew.

The two ships were built in 1998 for the Estonian route.

The ship carried 12 lifeboats (about 40 feet each) on its upper deck.

After his resignation in June, the board named Elin Berg as the new chair of Nordwave Lines.
"""


def body(c: Candidate) -> str:
    return c.prompt.removeprefix(TF_LEAD).removeprefix(NUMBER_LEAD).strip('"')


def test_openers_that_link_to_the_sentence_before_are_taken_out():
    found = candidates(FERRY)
    assert not [c.prompt for c in found if re.match(r"(?:Afterwards|On the next)\b", body(c))]
    prompts = {c.prompt for c in found}
    assert 'Fill in the number: "Keller told reporters that ___ crew members would be retrained."' in prompts
    assert "Who ordered a full inspection of the ship?" in prompts
    assert 'Fill in the number: "The owners cut ___ jobs in March."' in prompts


def test_a_sentence_that_needs_the_one_before_gives_no_draft():
    """'One such delay', 'The two ships', 'his resignation' or 'their protests' with nobody named before it."""
    evidence = {e for c in candidates(FERRY) for e in c.evidence}
    for leaning in ("One such delay", "The two ships", "After his", "Despite their", "Another engineer"):
        assert not [e for e in evidence if leaning in e]


def test_a_doubled_word_is_mended_in_the_prompt_and_kept_in_the_evidence():
    found = [c for c in candidates(FERRY) if "for for" in c.evidence[0]]
    assert found
    for c in found:
        assert "for for" not in c.prompt and "paid for new engines" in c.prompt


def test_a_name_spelled_once_otherwise_takes_the_article_s_usual_spelling():
    found = [c for c in candidates(FERRY) if c.kind is Kind.NUMBER and "Iriyanto" in c.prompt]
    assert found
    for c in found:
        assert "Iriyanto and Plesel had trained" in c.prompt and "Plessel" in c.evidence[0]
    assert one_slip("Plessel", "Plesel") and one_slip("Malyasian", "Malaysian")
    assert not one_slip("Austria", "Australia") and not one_slip("Keller", "Heller")


def test_a_number_prompt_holds_one_pair_of_quotes():
    found = [c for c in candidates(FERRY) if c.kind is Kind.NUMBER and "Lynas" in c.prompt]
    assert found
    for c in found:
        assert c.prompt.count('"') == 2 and "'change nothing'" in c.prompt


def test_trivia_figures_are_never_blanked_nor_swapped():
    """A section number, a part of '22 years and 140 days', a figure in brackets, a packed statement."""
    found = candidates(FERRY)
    numbers = [body(c) for c in found if c.kind is Kind.NUMBER]
    assert numbers
    for p in numbers:
        assert "Sections 4 and ___" not in p and "years and ___ days" not in p and "___ years and" not in p
        assert "(about ___" not in p
    statements = [c for c in found if c.kind is Kind.TRUEFALSE]
    assert statements
    assert not [c.prompt for c in statements if "Sections 4" in c.prompt]
    assert not [c.prompt for c in found if "faults:" in c.prompt and c.kind is not Kind.RECALL]


def test_a_typed_post_question_is_never_made():
    found = candidates(MATCH)
    assert [c for c in found if c.template == "post"]  # still offered as a choice among the article's posts
    assert not [c.prompt for c in found if c.template == "post" and c.kind is Kind.RECALL]


def test_a_descriptor_is_not_part_of_a_person_s_answer():
    found = [c for c in candidates(FERRY) if "Lynas" in c.answer_text]
    assert found
    for c in found:
        assert c.answer_text == "Mark Lynas" and c.evidence[0][c.span[1] : c.span[2]] == "Mark Lynas"
        if c.kind is Kind.GAP:
            assert c.prompt.startswith(f"Environmentalist {GAP_MARK} said")


def test_a_question_on_a_subject_stops_where_a_new_subject_starts():
    asked = {c.prompt for c in candidates(FERRY) if c.template == "subject-person"}
    assert "Who steered the ship into port?" in asked
    assert not [p for p in asked if "thanked" in p]


def _candidate(prompt: str, evidence: str, answer: str, kind: Kind = Kind.RECALL, template: str = "said") -> Candidate:
    at = evidence.index(answer)
    return Candidate(template, kind, 0, prompt, answer, answer, (0, at, at + len(answer)), (evidence,),
                     ("person", "person"), answer, "", ())  # fmt: skip


def test_said_saying_reads_as_said():
    evidence = 'Michael Capellas is quoted as saying "he had a gun to his head".'
    c = _candidate('Who said saying "he had a gun to his head"?', evidence, "Michael Capellas")
    mended = mend(c, read(f"Title here\n\n{evidence}\n").analysis)
    assert mended is not None and mended.prompt == 'Who said "he had a gun to his head"?'


def test_a_blank_that_cuts_a_name_in_half_is_dropped():
    evidence = "The festival featured Lady Gaga performing the national anthem."
    half = _candidate(f"The festival featured Lady {GAP_MARK} performing the national anthem.", evidence, "Gaga",
                      Kind.GAP, "gap-person")  # fmt: skip
    whole = _candidate(f"The festival featured {GAP_MARK} performing the national anthem.", evidence, "Lady Gaga",
                       Kind.GAP, "gap-person")  # fmt: skip
    assert blank_cut_from_name(half) and not blank_cut_from_name(whole)


def test_the_ranker_reads_names_asides_and_short_prompts():
    table = vector(facts(prompt="Kahne, Larson, Dillon, Hamlin and ___ closed out the Top Ten."))
    assert table.get("prompt:names") and table.get("prompt:short")
    aside = vector(facts(prompt="The ship carried 12 lifeboats (about 40 feet each) on its upper deck, ahead of the "
                                "storm that kept the fleet in port for a week in the winter of ___."))  # fmt: skip
    assert aside.get("prompt:aside") and not aside.get("prompt:names") and not aside.get("prompt:short")


def test_a_post_every_government_has_many_of_is_not_asked_as_who_is():
    minister = "Estonian cabinet minister Kadri Tamm said the fine was fair.\n\nTamm visited with 30 officials."
    text = f"{FERRY}\n{minister}\n"
    assert not [c.prompt for c in candidates(text) if c.template == "who-is" and "cabinet minister" in c.prompt]
