"""Entity rules on hand-built Docs (`spacy.blank("en")`: words, spaces, entities, sentence
starts), so that each rule is tested whatever a model does with the sentence; and the registry's
declarations. Tests that need the model's parse are in test_ner.py, test_ner_bounds.py and
test_ner_types.py. Names are invented."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.ner import component
from pipeline.ner.decide import decide, propagate
from pipeline.ner.names import bracket_names, cast_lists, cue_orgs, role_names
from pipeline.ner.registry import (BY_NAME, CAST_LIST, CONTEXT_STEPS, CUE_ORG, ENTITY_RULES, MODEL, PATTERN,
                                   PROPAGATED, QUOTED_TITLE, ROLE_NAME, YEAR_TITLE, Step)
from pipeline.ner.retype import _RULES, retype
from pipeline.ner.titles import quoted_titles, year_titles
from pipeline.view import DocView
from pipeline.vocab import Label

_NLP = spacy.blank("en")


def make(text: str, ents: list[tuple[str, str]] = (), common: frozenset[str] = frozenset()) -> DocView:
    """A view of a blank Doc of `text` (tokenized by the blank English tokenizer) whose entities are
    `ents` ((text, spaCy label), first occurrences); the whole text is one sentence; `common` is
    the word list of ordinary English words the component would hold."""
    doc = _NLP(text)
    spans, pos = [], 0
    for name, label in ents:
        start = text.index(name, pos)
        spans.append(doc.char_span(start, start + len(name), label=label))
        pos = start + len(name)
    doc.ents = spans
    for t in doc:
        t.is_sent_start = t.i == 0
    return DocView(doc, common_words=common)


def texts(v: DocView, cands) -> list[str]:
    return [v.span_text(c.start, c.end) for c in cands]


@pytest.mark.parametrize("text, expected", [
    ("She loved “Moon Harbor” as a child.", ["Moon Harbor"]),
    ('His short "The Tide Keepers," screened in May.', ["The Tide Keepers"]),
    ("The slogan “Never Give Up” was everywhere.", []),                 # a saying, not a title
    ("She said “I will go there when the rain stops” and left.", []),  # a sentence in quotes
    ("It cost “100” dollars.", []),
])
def test_quoted_titles(text, expected):
    v = make(text)
    found = list(quoted_titles(v))
    assert texts(v, found) == expected and all(c.rule is QUOTED_TITLE and c.label == Label.WORK for c in found)


@pytest.mark.parametrize("text, expected", [
    ("She made The Salt Orchard (2015) in Norvia.", ["The Salt Orchard"]),
    ("His debut, The Hollow Pines 2 (2012), followed.", ["The Hollow Pines 2"]),
    ("It was hot (2015) that year.", []),      # no capitalised run before the year
    ("She made Salt Orchard (1850).", []),     # not a year of films
])
def test_year_titles(text, expected):
    v = make(text)
    found = list(year_titles(v))
    assert texts(v, found) == expected and all(c.rule is YEAR_TITLE for c in found)


@pytest.mark.parametrize("text, expected", [
    ("It was shot by director Mira Ostrak last year.", ["Mira Ostrak"]),
    ("The producer Tavi Lemmon and the actor Jorun Vale came.", ["Tavi Lemmon", "Jorun Vale"]),
    ("The director said little.", []),
])
def test_role_names(text, expected):
    v = make(text)
    found = list(role_names(v))
    assert texts(v, found) == expected and all(c.rule is ROLE_NAME and c.label == Label.PERSON for c in found)


def test_cast_lists():
    v = make("The film, starring Kip Norvell, Ada Quint and Lo Renn, opened.")
    found = list(cast_lists(v))
    assert texts(v, found) == ["Kip Norvell", "Ada Quint", "Lo Renn"]
    assert {c.rule for c in found} == {CAST_LIST}


@pytest.mark.parametrize("common, expected", [
    (frozenset({"spring"}), "Pale Door Films"),
    # a lower-case word the component's word list does not know reads as a title in another language
    (frozenset(), "Pale Door Films in spring"),
])
def test_cue_orgs(common, expected):
    v = make("It went to the distributor Pale Door Films in spring.", common=common)
    found = list(cue_orgs(v))
    assert texts(v, found) == [expected] and found[0].rule is CUE_ORG and found[0].label == Label.ORG


def test_bracketed_completion_and_actor():
    v = make("We met Brad [Rusk Gray] and Dr. Mara Quill (Nadia Vorst) there.",
             [("Brad", "PERSON"), ("Mara Quill", "PERSON")])
    found = {(v.span_text(c.start, c.end), c.rule.name) for c in bracket_names(v)}
    assert found == {("Brad [Rusk Gray]", "bracket_name"), ("Nadia Vorst", "bracket_actor")}


def test_the_stronger_rule_wins_an_overlap():
    """The decision reads the rules' declared strengths: a quoted title over the model's span."""
    v = make("She loved “Moon Harbor” in May.", [("Moon Harbor", "ORG")])
    model = MODEL.found(3, 5, Label.ORG)
    quoted = QUOTED_TITLE.found(3, 5)
    (c, _), = decide(v, [model, quoted])
    assert c.rule is QUOTED_TITLE and c.label == Label.WORK and c.score == QUOTED_TITLE.strength


def test_propagation_marks_other_occurrences_with_its_own_rule():
    v = make("Mira Ostrak came. Later Mira Ostrak left.")
    first = ROLE_NAME.found(0, 2)
    spans = propagate(v, [(first, ())])
    assert [(c.start, c.end, c.rule.name, c.source) for c, _ in spans] == [
        (0, 2, "role_name", "role_name"), (5, 7, "propagated", "propagated")]
    assert spans[1][0].score == min(first.score, PROPAGATED.strength)


def test_context_relabels_the_model_and_says_why():
    v = make("It was co-directed by Ravi Dhanpal.", [("Ravi Dhanpal", "ORG")])
    (c, _), = retype(v, [(MODEL.found(v.ents[0].start, v.ents[0].end, Label.ORG), ())])
    assert c.label == Label.PERSON and c.steps == (Step.TYPE_CUE,) and c.source == "model+type_cue"
    assert not c.model_label


def test_a_rules_label_is_not_overruled():
    v = make("It was co-directed by Ravi Dhanpal.", [("Ravi Dhanpal", "ORG")])
    (c, _), = retype(v, [(CUE_ORG.found(v.ents[0].start, v.ents[0].end), ())])
    assert c.label == Label.ORG and c.steps == ()


def test_the_registry_declares_every_rule_once():
    assert len(BY_NAME) == len(ENTITY_RULES)
    assert set(CONTEXT_STEPS) == set(_RULES) and len(CONTEXT_STEPS) == len(_RULES)
    assert all(0 < r.strength <= 1 and r.finds for r in ENTITY_RULES)
    assert PATTERN.data == (component.PATTERNS,)


def test_every_data_file_a_rule_declares_exists():
    from pipeline.lexicon import _path

    for rule in ENTITY_RULES:
        for name in rule.data:
            assert _path(name).is_file(), (rule.name, name)


def test_a_pattern_candidate_is_named_by_its_pattern():
    c = PATTERN.found(0, 2, Label.ORG, name="org_festival")
    assert c.rule is PATTERN and c.source == "org_festival" and c.score == PATTERN.strength


def test_the_view_is_the_only_per_document_state():
    """The component's rules read a view of the Doc; nothing is left in `user_data` but its result."""
    doc = _NLP("Mira Ostrak directed “Moon Harbor” in 2015.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    for t in doc:
        t.is_sent_start = t.i == 0
    out = component.FilmEntities(frozenset())(doc)
    assert set(out.user_data) == {component.META_KEY}
    assert [(e.text, e.label_) for e in out.ents] == [("Mira Ostrak", "PERSON"), ("Moon Harbor", "WORK"),
                                                      ("2015", "DATE")]


def test_blank_docs_need_no_model():
    assert isinstance(make("A b.").doc, Doc) and "ner" not in _NLP.pipe_names


@pytest.mark.parametrize("text, name, expected", [
    # a facility the model finds is a place: a park, a palace, a road, an airport
    ("They walked through Tamsin Park at dusk.", "Tamsin Park", Label.PLACE),
    ("The treaty was signed at the Orrin Palace.", "Orrin Palace", Label.PLACE),
    # unless its name says it is an organisation: a school, a festival
    ("She trained at the Orrin Conservatory for a year.", "Orrin Conservatory", Label.ORG),
    ("It premiered at the Velmar Film Festival in May.", "Velmar Film Festival", Label.ORG),
    ("He studied at the École Varnier in Lyon.", "École Varnier", Label.ORG),
])
def test_a_facility_is_a_place_unless_named_as_an_organisation(text, name, expected):
    v = make(text, [(name, "FAC")])
    found = [c for c in component.candidates(v) if c.rule is MODEL and v.span_text(c.start, c.end) == name]
    assert [c.label for c in found] == [expected]


@pytest.mark.parametrize("text, ent, expected_label, expected_kind", [
    # a faith or a party the model calls a nationality is an organisation
    ("She was raised Catholic in a small town.", "Catholic", Label.ORG, "religion"),
    ("The Democrats won the seat in 1990.", "Democrats", Label.ORG, "party"),
    # a nationality stays a demonym; a faith word in lower case is no name
    ("The Velmaran director spoke.", "Velmaran", Label.PLACE, "demonym"),
    ("He voted republican in 1990.", "republican", Label.PLACE, "demonym"),
])
def test_a_faith_or_a_party_is_an_organisation(text, ent, expected_label, expected_kind):
    v = make(text, [(ent, "NORP")])
    found = [c for c in component.candidates(v) if c.rule is MODEL and v.span_text(c.start, c.end) == ent]
    assert [(c.label, c.kind) for c in found] == [(expected_label, expected_kind)]


@pytest.mark.parametrize("text, ent, expected", [
    # a title, a role or a nationality before a person's name is not part of it
    ("Prime Minister Tavo Renner resigned.", "Prime Minister Tavo Renner", "Tavo Renner"),
    ("Drummer Olek Varna left the band.", "Drummer Olek Varna", "Olek Varna"),
    ("Jamaican Corin Males wrote it.", "Jamaican Corin Males", "Corin Males"),
    # a name of two words keeps both, whatever its first word
    ("Jamaican Males wrote it.", "Jamaican Males", "Jamaican Males"),
    ("Tavo Renner resigned.", "Tavo Renner", "Tavo Renner"),
])
def test_a_title_or_nationality_before_a_person_is_trimmed(text, ent, expected):
    v = make(text, [(ent, "PERSON")])
    start = v.doc.text.index(ent)
    span = v.doc.char_span(start, start + len(ent))
    kept = decide(v, [MODEL.found(span.start, span.end, Label.PERSON)])
    assert [v.span_text(c.start, c.end) for c, _ in kept] == [expected]


def test_a_country_keeps_its_place_reading_against_a_stronger_rule():
    """A well-known place stays a place: a rule's person reading of one occurrence does not spread."""
    v = make("Portugal won. Later Portugal left.")
    place, person = MODEL.found(0, 1, Label.PLACE), ROLE_NAME.found(4, 5)
    spans = propagate(v, [(place, ()), (person, ())])
    assert [c.label for c, _ in spans] == [Label.PLACE, Label.PLACE]
    # a name that is no country takes the stronger reading
    v = make("Tavora won. Later Tavora left.")
    spans = propagate(v, [(place, ()), (person, ())])
    assert [c.label for c, _ in spans] == [Label.PERSON, Label.PERSON]


@pytest.mark.parametrize("text, ent, label, expected", [
    # a numbered road takes its number; a number after another name does not belong to it
    ("It meets Varn Route 20 near the river.", "Varn Route", "ORG", "Varn Route 20"),
    ("Take Interstate 7 north.", "Interstate", "FAC", "Interstate 7"),
    ("The Velmar Lake 20 times a year.", "Velmar Lake", "FAC", "Velmar Lake"),
])
def test_a_numbered_road_takes_its_number(text, ent, label, expected):
    v = make(text, [(ent, label)])
    found = [v.span_text(c.start, c.end) for c in component.candidates(v) if c.rule is MODEL]
    assert found == [expected]
