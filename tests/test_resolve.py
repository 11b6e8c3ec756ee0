"""Cross-document resolution: one id per entity, stable, blocked by name keys."""
from __future__ import annotations

import pytest

from pipeline.records import DocResult, LocalEntity, Mention, SourceDoc
from pipeline.resolve import DocEntities, resolve
from pipeline.vocab import Label


def doc(doc_id, *entities):
    r = DocResult(SourceDoc(doc_id, f"{doc_id}.txt", "0", "text"))
    for i, (label, name) in enumerate(entities):
        r.entities.append(LocalEntity(label, name, (name,)))
        r.mentions.append(Mention(0, 1, "t", label, 1.0, "model", i))
    return DocEntities.of(r)


def test_same_name_in_two_documents_is_one_entity():
    ids, ents = resolve([doc("a", (Label.WORK, "Moonwake")), doc("b", (Label.WORK, "MOONWAKE"))])
    assert ids[("a", 0)] == ids[("b", 0)]
    assert ents[0].doc_ids == ["a", "b"]


def test_name_order_does_not_split_a_person():
    ids, _ = resolve([doc("a", (Label.PERSON, "Se Yoon Kim")), doc("b", (Label.PERSON, "Kim Se-yoon"))])
    assert ids[("a", 0)] == ids[("b", 0)]


def test_people_sharing_a_family_name_stay_apart():
    ids, _ = resolve([doc("a", (Label.PERSON, "Se Yoon Kim")), doc("b", (Label.PERSON, "Daniel Kim"))])
    assert ids[("a", 0)] != ids[("b", 0)]


def test_same_name_different_label_stays_apart():
    ids, _ = resolve([doc("a", (Label.WORK, "The Lantern")), doc("b", (Label.ORG, "The Lantern"))])
    assert ids[("a", 0)] != ids[("b", 0)]


def test_ids_do_not_depend_on_order():
    a, b = doc("a", (Label.PERSON, "Tessa Harlow")), doc("b", (Label.PERSON, "Tessa Harlow"))
    assert resolve([a, b])[0][("a", 0)] == resolve([b, a])[0][("a", 0)]


def test_a_person_gets_the_same_id_alone_as_with_another_spelling():
    together, _ = resolve([doc("a", (Label.PERSON, "Se Yoon Kim")), doc("b", (Label.PERSON, "Kim Se-yoon"))])
    alone_a, _ = resolve([doc("a", (Label.PERSON, "Se Yoon Kim"))])
    alone_b, _ = resolve([doc("b", (Label.PERSON, "Kim Se-yoon"))])
    assert together[("a", 0)] == alone_a[("a", 0)] == alone_b[("b", 0)]


def test_mention_counts_reach_the_global_entity():
    r = DocResult(SourceDoc("a", "a.txt", "0", "text"),
                  entities=[LocalEntity(Label.PERSON, "Tessa Harlow", ("Tessa Harlow",)),
                            LocalEntity(Label.WORK, "Moonwake", ("Moonwake",))],
                  mentions=[Mention(0, 1, "t", Label.PERSON, 1.0, "model", 0),
                            Mention(2, 3, "t", Label.PERSON, 1.0, "model", 0),
                            Mention(4, 5, "t", Label.DATE, 1.0, "year", None)])
    entry = DocEntities.of(r)
    assert entry.counts == (2, 0)
    _, ents = resolve([entry, doc("b", (Label.PERSON, "Tessa Harlow"))])
    assert {g.name: g.n_mentions for g in ents} == {"Tessa Harlow": 3, "Moonwake": 0}


@pytest.mark.parametrize("name, same", [
    ("Best Director", False),        # given by many ceremonies: one entity per document
    ("Grand Jury Prize", False),
    ("Audience Award", False),
    ("Golden Heron", True),          # names its award
    ("Lumen Award for Best Director", True),
])
def test_an_award_that_names_no_giver_stays_in_its_document(name, same):
    ids, _ = resolve([doc("a", (Label.AWARD, name)), doc("b", (Label.AWARD, name))])
    assert (ids[("a", 0)] == ids[("b", 0)]) is same


@pytest.mark.parametrize("short, full, same", [
    ("Lumen", "Lumen International Film Festival", True),   # a festival named by its town
    ("Lumen", "Lumen Film Festival", True),
    ("Lumen", "Lumen Pictures", False),
    ("Lumen Pictures", "Lumen Film Festival", False),
    ("Lumen", "Festival de Lumen", True),                   # its name in French
    ("Lumen Film Festival", "Festival d'Lumen", True),
    ("Lumen Film Festival", "Lumen festival", True),
    ("Varno", "Festival de Lumen", False),
])
def test_a_festival_named_by_its_town(short, full, same):
    ids, _ = resolve([doc("a", (Label.ORG, short)), doc("b", (Label.ORG, full))])
    assert (ids[("a", 0)] == ids[("b", 0)]) is same
