"""The fast paths give exactly what the plain code they replace gave."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from pipeline import relations
from pipeline.clean import clean
from pipeline.ner_rules import text_of, token_texts, whole_word

from .conftest import ROOT

# word characters, non-word characters, combining marks and digits of other scripts
CHARS = st.sampled_from(list("ab _-.'’\n1é\u0301\u00b2Ω٣x"))


@settings(max_examples=500, deadline=None)
@given(st.text(CHARS, max_size=40), st.text(CHARS, min_size=1, max_size=4))
def test_whole_word_finds_what_the_regex_finds(text, name):
    expected = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    assert list(whole_word(text, name)) == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Kim and Kimberly met Kim.", "Kim", [(0, 3), (21, 24)]),
    ("aaaa", "aa", []),
    ("a aa aa", "aa", [(2, 4), (5, 7)]),
    ("Kim_Lee Kim", "Kim", [(8, 11)]),
])
def test_whole_word_cases(text, name, expected):
    assert list(whole_word(text, name)) == expected


def test_doc_memos_equal_what_they_remember(nlp):
    doc = nlp("So Yong Kim directed it.\nShe was born in Seoul.")
    assert text_of(doc) == doc.text and text_of(doc) is text_of(doc)
    assert token_texts(doc) == {t.text for t in doc}


def test_cue_matches_are_the_token_matchers_in_its_order(nlp):
    """The PhraseMatcher replaced a Matcher of one LOWER pattern per cue; same matches, same order."""
    matcher = Matcher(nlp.vocab)
    for i, cue in enumerate(relations.cues()):
        matcher.add(str(i), [[{"LOWER": t.lower_} for t in nlp.make_doc(cue.phrase)]])
    docs = list(nlp.pipe(clean(p.read_bytes().decode("utf-8")).aligned.text
                         for p in sorted((ROOT / "raw").glob("*.txt"))))
    assert sum(len(matcher(d)) for d in docs) > 20
    for doc in docs:
        assert relations._cue_matches(doc) == matcher(doc)
