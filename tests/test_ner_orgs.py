"""Organisations on small invented sentences: the whole name where the rules used to stop short,
and the near misses that must stay as they were."""
from __future__ import annotations

import pytest

from pipeline.ner.component import mentions


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text, expected", [
    # the model's name of two words or more goes on through 'of' to the model's place
    ("He was appointed a judge of the Harrow District Court of Kent County in 1931.",
     ("Harrow District Court of Kent County", "ORG")),
    # a pattern that stops at its organisation word takes the rest of the model's longer name
    ("The album was certified gold by the Lumen Music Guild Association of Japan.",
     ("Lumen Music Guild Association of Japan", "ORG")),
    ("It was certified by the Lumen Music Guild Association of America.", ("Lumen Music Guild Association of America", "ORG")),
    ("He served on the Tessel Film Council of Norway until 2001.", ("Tessel Film Council of Norway", "ORG")),
    ("She taught at the Kestrel Music Association of Varnow Hall.", ("Kestrel Music Association of Varnow Hall", "ORG")),
])
def test_an_organisation_goes_on_through_of(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize("text, missing", [
    # the court's own head word decides its kind, not the county's after 'of'
    ("He was appointed a judge of the Harrow District Court of Kent County in 1931.",
     ("Harrow District Court of Kent County", "PLACE")),
    # a title of one word before 'of' is a person's see, not an organisation's name
    ("She was the first Bishop of Naples.", ("Bishop of Naples", "ORG")),
    # no longer name of the model's after 'of': the pattern's name stays as it is
    ("He joined the Varnow Savings Bank of Ohio in 1990.", ("Varnow Savings Bank of Ohio", "ORG")),
])
def test_an_organisation_stops_before_of(nlp, text, missing):
    assert missing not in found(nlp, text)


def test_a_name_head_before_of_keeps_its_kind(nlp):
    assert ("Battle Creek", "PLACE") in found(nlp, "He sailed to Battle Creek last year.")


@pytest.mark.parametrize("text, expected", [
    # the model's name runs one word past a pattern's: a place or an organisation word
    ("She graduated with a BA from Varnow University Chicago in 1990.", ("Varnow University Chicago", "ORG")),
    ("She studied at Harbour College London and at Oxford.", ("Harbour College London", "ORG")),
    ("It was founded by the Lumen International Film Festival Society with others.",
     ("Lumen International Film Festival Society", "ORG")),
])
def test_an_organisation_takes_the_model_s_last_word(nlp, text, expected):
    assert expected in found(nlp, text)


def test_an_organisation_leaves_another_word_of_the_model_s(nlp):
    # 'Writers' is neither a place nor an organisation word: the pattern's name stays
    names = found(nlp, "He was a fellow of the Kestrel Institute Writers and Editors Labs.")
    assert ("Kestrel Institute", "ORG") in names
    assert ("Kestrel Institute Writers", "ORG") not in names
