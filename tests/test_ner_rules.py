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
                                   PROPAGATED, QUOTED_TITLE, CITED_TITLE, TABLE_TITLE, ROLE_NAME, YEAR_TITLE, Step)
from pipeline.ner.retype import _RULES, retype
from pipeline.ner.titles import quoted_titles, table_titles, year_titles
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


@pytest.mark.parametrize("text, cited", [
    ('1. ^ "Mira Ostrak". Filmbase. Retrieved 3 May 2019.', True),   # a reference list's line
    ('[2] Filmbase (FB), "Mira Ostrak".', True),
    ('^ "Mira Ostrak". Archived 4 June 2020.', True),
    ('Her short "Mira Ostrak" won in 2019.', False),                 # prose: a title
    ('1. "Mira Ostrak" (2019)', False),                              # a numbered list of films
])
def test_a_quoted_title_in_a_reference_list_is_a_cited_page(text, cited):
    v = make(text)
    (c,) = quoted_titles(v)
    assert v.span_text(c.start, c.end) == "Mira Ostrak" and c.rule is (CITED_TITLE if cited else QUOTED_TITLE)


def test_a_cited_page_title_does_not_retype_the_person_it_names():
    """One label per name: a person's name found by its shape twice keeps its label where a
    reference list quotes it as a page's title."""
    v = make('Mira Ostrak came. Mira Ostrak left.\n1. ^ "Mira Ostrak". Filmbase. Retrieved 3 May 2019.')
    cited = next(c for c in quoted_titles(v))
    spans = propagate(v, [(ROLE_NAME.found(0, 2), ()), (ROLE_NAME.found(4, 6), ()), (cited, ())])
    assert [c.label for c, _ in spans] == [Label.PERSON] * 3


@pytest.mark.parametrize("text, expected", [
    ("Year | Title | Director | Writer | Notes\n2008 | Salt Orchard (native title) | Yes | | Short\n"
     "2011 | the Hollow Pines | Yes | Yes |\n2014 | Grey Harbour | No | Yes | With Ben Ode\n",
     ["Salt Orchard", "Grey Harbour"]),                                       # a lower-case cell is no title
    ("Film | Year | Role\nGrey Harbour | 2014 | Yes\n", ["Grey Harbour"]),  # a role column, another order
    ("Year | Title | Venue\n2014 | Grey Harbour | Elmford\n", []),          # no credit column: any table
    ("2014 | Grey Harbour | Yes | Yes\n", []),                              # a row without its header
    ("Year | Title | Director\n\n2014 | Grey Harbour | Yes\n", []),       # a blank line ends the table
])
def test_table_titles(text, expected):
    v = make(text)
    found = list(table_titles(v))
    assert texts(v, found) == expected and all(c.rule is TABLE_TITLE and c.label == Label.WORK for c in found)


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
