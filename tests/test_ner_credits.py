"""Organisations named by a credit field (pipeline/ner/credits.py). Shapes only: a blank English
pipeline is enough. Invented names."""
from __future__ import annotations

import pytest
import spacy

from pipeline.ner.credits import credit_orgs
from pipeline.view import DocView


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _found(doc):
    return {(doc[c.start:c.end].text, c.label.value) for c in credit_orgs(DocView(doc))}


@pytest.mark.parametrize("text, name", [
    ("Cast: Mara Quill | Production: Harbour Arts | Runtime: 98 min", "Harbour Arts"),
    ("Rated: R Distributor: Kestrel Releasing Release date: May 2", "Kestrel Releasing"),
    ("Production: NORTHWIND | Japanese distribution: Tallow", "Tallow"),
    ("Mara Quill in ASHFALL. Courtesy of Harbour-Line Pictures.", "Harbour-Line Pictures"),
    ("It was released by Kestrel Classics in May.", "Kestrel Classics"),
    ("WORLD SALES\nHarbour Arts - Paris | www.example.org", "Harbour Arts"),
    ("DISTRIBUTION\nUSA & Kestland: Tallow Films", "Tallow Films"),
    ("Distribution: Tallow, Kestrel Media", "Kestrel Media"),
    ("a drama, a Quiet Hour Film production starring Mara Quill", "Quiet Hour Film"),
])
def test_credited_organisations(blank, text, name):
    assert (name, "ORG") in _found(blank(text))


@pytest.mark.parametrize("text", [
    "Sales grew when Harbour Arts opened.",          # no colon: not a label
    "Production\nMara Quill wrote the script.",      # a heading in sentence case over prose
    "It was a production of love, she said.",
    "DISTRIBUTION\nUSA & Kestland: Tallow Films",   # the sub-label is not the distributor
])
def test_credit_near_misses(blank, text):
    found = {n for n, _ in _found(blank(text))}
    assert not found & {"Harbour Arts", "Mara Quill", "USA & Kestland"}
