"""Normalisation: canonical names, short names within a document, ISO dates."""
from __future__ import annotations

import pytest

from pipeline.normalize import dates
from pipeline.normalize import entities as normalize
from pipeline.document import analyze
from pipeline.records import SourceDoc
from pipeline.vocab import DateKind, Label


@pytest.mark.parametrize("text, value, kind", [
    ("2012", "2012", DateKind.DATE),
    ("22 June 1940", "1940-06-22", DateKind.DATE),
    ("September 27, 2000", "2000-09-27", DateKind.DATE),
    ("December 2000", "2000-12", DateKind.DATE),
    ("8 months", "P8M", DateKind.DURATION),
    ("four years", "P4Y", DateKind.DURATION),
    ("when I was 11", None, DateKind.AGE),
    ("ten years old", None, DateKind.AGE),
    ("today", None, DateKind.RELATIVE),
    ("these days", None, DateKind.RELATIVE),
    ("the 1950s", None, DateKind.DATE),
])
def test_dates(text, value, kind):
    v, k, _ = dates.parse(text)
    assert (v, k) == (value, kind)


@pytest.mark.parametrize("title, canonical", [
    ("IN AMONG WAVES", "In Among Waves"),
    ("BRNT AND SKIES", "Brnt and Skies"),
    ("THE FIRST HOUR OF THE WEEK", "The First Hour of the Week"),
    ("Moonwake", "Moonwake"),
    ("MoMo Bay", "MoMo Bay"),
])
def test_title_case(title, canonical):
    assert normalize.title_case(title) == canonical


@pytest.mark.parametrize("a, b, same", [
    ("The Lantern", "Lantern", True),
    ("Children’s Tales", "Children's Tales", True),
    ("Kim's", "Kim", True),
    ("Ashgrove Film Festival", "Ashgrove Next Festival", False),
])
def test_key_folds_like_the_contract(a, b, same):
    assert (normalize.key(a) == normalize.key(b)) is same


def entities(nlp, text):
    (result,) = analyze(nlp, [SourceDoc("d", "d.txt", "0", text)])
    names = {}
    for m in result.mentions:
        if m.entity is not None:
            names[m.text] = (result.entities[m.entity].label, result.entities[m.entity].name)
    return names, result


def test_short_names_resolve_to_the_full_name(nlp):
    names, _ = entities(nlp, "Writer/director Se Yoon Kim made a film. Kim released it in 2012. "
                             "It starred Paul Venner, and Venner was praised.")
    assert names["Kim"] == (Label.PERSON, "Se Yoon Kim")
    assert names["Venner"] == (Label.PERSON, "Paul Venner")


def test_a_shared_family_name_does_not_merge_two_people(nlp):
    names, result = entities(nlp, "Se Yoon Kim directed the film. The Lantern's Daniel Kim spoke with her.")
    people = {e.name for e in result.entities if e.label == Label.PERSON}
    assert {"Se Yoon Kim", "Daniel Kim"} <= people


def test_festival_short_name_and_a_different_festival(nlp):
    names, result = entities(nlp, "It premiered at the Ashgrove Film Festival. Later it played Ashgrove again. "
                                  "A year on, it opened the Ashgrove Next Festival.")
    orgs = {e.name for e in result.entities if e.label == Label.ORG}
    assert orgs == {"Ashgrove Film Festival", "Ashgrove Next Festival"}
    assert names["Ashgrove"] == (Label.ORG, "Ashgrove Film Festival")


def test_hangul_in_brackets_becomes_an_alias(nlp):
    _, result = entities(nlp, "The director Gong Min-jae (공민재) spoke at length.")
    person = next(e for e in result.entities if e.label == Label.PERSON)
    assert person.name == "Gong Min-jae" and "공민재" in person.aliases


def test_a_demonym_is_an_alias_of_a_named_country(nlp):
    _, result = entities(nlp, "He is a South Korean filmmaker. He lives in South Korea.")
    places = [e for e in result.entities if e.label == Label.PLACE]
    assert [p.name for p in places] == ["South Korea"]


def test_a_country_named_after_its_demonym_keeps_its_own_name(nlp):
    _, result = entities(nlp, "It was banned in Australia. It is an Australian film.")
    places = [e for e in result.entities if e.label == Label.PLACE]
    assert [p.name for p in places] == ["Australia"] and "Australian" in places[0].aliases


@pytest.mark.parametrize("text, orgs", [
    ("It aired on KTV Canada in Canada and on KTV in the United States.", {"KTV Canada", "KTV"}),
    ("The film was released by Marlow Pictures, a subsidiary of Marlow, in 2004.", {"Marlow Pictures", "Marlow"}),
])
def test_a_short_name_with_a_specific_longer_name_is_another_organisation(nlp, text, orgs):
    _, result = entities(nlp, text)
    assert orgs <= {e.name for e in result.entities if e.label == Label.ORG}


@pytest.mark.parametrize("name, short, same", [
    ("Kestrel Labs, Inc.", "Kestrel Labs", True),     # its legal form is not part of what it is called
    ("Orlo Co., Ltd.", "Orlo", True),
    ("Orlo Records", "Orlo", True),                  # a company's kind word alone
    ("Orlo Associates", "Orlo", True),
    ("Orlo Pictures", "Orlo", False),                # near miss: a line of business names a division
    ("Orlo Records, a subsidiary of Orlo,", "Orlo", False),  # near miss: the text names its parent
])
def test_a_company_without_its_legal_form_is_the_same_company(name, short, same):
    from pipeline.ner.component import RawMention, SpanMeta
    text = f"{name} made it. Later {short} sold it."
    name = name.split(",")[0] if "subsidiary" in name else name
    meta = SpanMeta(0.8, "model", None, ())
    found = [RawMention(0, len(name), Label.ORG, meta),
             RawMention(text.index(short, len(name)), text.index(short, len(name)) + len(short), Label.ORG, meta)]
    orgs, _, _ = normalize.build_entities(text, found)
    assert (len(orgs) == 1) is same


def test_a_family_name_finds_a_full_name_with_a_suffix(nlp):
    names, _ = entities(nlp, "Robert Allan Marrick Jr. is an American actor. Marrick began acting in 1990.")
    assert names["Marrick"] == (Label.PERSON, "Robert Allan Marrick Jr.")


@pytest.mark.parametrize("text, other", [
    ("Teresa Malua is an American wrestler performing under the ring name Kaia. Kaia won in 2017.", "Kaia"),
    ("Marta Quell is a Danish actress. She is better known as Lotte Brun. Lotte Brun won a prize.", "Lotte Brun"),
])
def test_a_stated_other_name_joins_the_person_the_text_is_about(nlp, text, other):
    names, result = entities(nlp, text)
    first = text.split(" is ")[0]
    assert names[other] == (Label.PERSON, first)
    assert len([e for e in result.entities if e.label == Label.PERSON]) == 1


def test_a_name_without_a_cue_stays_another_person(nlp):
    names, _ = entities(nlp, "Teresa Malua is an American wrestler. She fought Kaia Brent in 2017.")
    assert names["Kaia Brent"] == (Label.PERSON, "Kaia Brent")


def test_a_city_is_not_its_country(nlp):
    _, result = entities(nlp, "She was born in Mexico City, and she left Mexico in 1990.")
    places = {e.name for e in result.entities if e.label == Label.PLACE}
    assert places == {"Mexico City", "Mexico"}


def test_subject_is_the_profiled_person(nlp):
    _, result = entities(nlp, "Dong-Hwa Im\n\nDong-Hwa Im is a documentary filmmaker. Im studied in Seoul. "
                              "He admires Chris Marker.")
    assert result.entities[result.subject].name == "Dong-Hwa Im"


@pytest.mark.parametrize("text, roles", [
    ("As a cinematographer, my goal is to create intimacy.", ["cinematographer"]),
    ("As a director, I listen first.", ["director"]),
    ("As a child, I watched films.", []),
    ("Did you work as a producer? As a producer, you must plan.", []),
])
def test_roles_the_speaker_states(text, roles):
    questions = [(0, text.index("?") + 1)] if "?" in text else []
    assert normalize.stated_roles(text, questions) == roles
