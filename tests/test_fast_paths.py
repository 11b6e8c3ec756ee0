"""The fast paths give exactly what the plain code they replace gave."""
from __future__ import annotations

import calendar
import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Span, Token

from pipeline import lexicon
from pipeline.normalize import dates
from pipeline.ner import component as ner
from pipeline.relations import cues as relations
from pipeline.runtime.config import DEFAULT_MODEL
from pipeline.text.clean import clean
from pipeline.lexicon import jsonl
from pipeline.ner.component import RULER_KEY
from pipeline.ner.common import whole_word
from pipeline.view import DocView

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


def test_the_view_gives_what_the_doc_gives(nlp):
    doc = nlp("Se Yoon Kim directed it.\nShe was born in Seoul.")
    v = DocView(doc)
    assert v.text == doc.text and len(v) == len(doc)
    assert v.token_texts == {t.text for t in doc}
    assert v.lower == [t.lower_ for t in doc] and v.lemma == [t.lemma_ for t in doc]
    assert [(t.i, t.text, t.ent_type_) for t in v.tokens] == [(t.i, t.text, t.ent_type_) for t in doc]
    assert tuple(v.ents) == doc.ents
    assert all(v.span_text(i, j) == doc[i:j].text for i in range(len(doc)) for j in range(i, len(doc) + 1))
    assert [s.start for s in v.sents] == [s.start for s in doc.sents]
    assert [v.sents[v.sent_index(t.i)].start for t in doc] == [t.sent.start for t in doc]


def test_the_stages_leave_no_token_or_span_in_user_data(nlp):
    """The components keep what they need in a view that dies with the call: no Token or Span in
    `doc.user_data`, so that a Doc is freed by reference counting, not left to the cycle collector."""
    doc = nlp("Se Yoon Kim directed Hollow Orchard (2008) in Seoul.")
    assert doc.ents
    assert not any(isinstance(v, (list, tuple)) and v and isinstance(v[0], (Token, Span))
                   for v in doc.user_data.values())


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


_MONTH_NAMES = ["January", "february", "MARCH", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


@pytest.mark.parametrize("month", _MONTH_NAMES)
def test_plain_dates_are_what_dateparser_reads(month):
    """Days and months in words are read without dateparser: the same ISO values, month by month,
    at the ends of months and in leap and common years."""
    texts = [f"{month} {year}" for year in (1900, 2000)] + [f"{month}, 2001"]
    for day, year in itertools.product((1, 9, 28, 29, 30, 31), (1900, 2000)):
        texts += [f"{day} {month} {year}", f"{day} {month}, {year}", f"{month} {day}, {year}",
                  f"{month} {day} {year}"]
    for text in texts:
        year = int(text[-4:])
        day = int(m.group()) if (m := re.search(r"(?<!\d)\d{1,2}(?!\d)", text)) else 1
        plain = dates._plain_date(text)
        month_days = calendar.monthrange(year, _MONTH_NAMES.index(month) + 1)[1]
        assert (plain is None) == (day > month_days), text  # a day the month lacks goes to dateparser
        if plain is not None:
            assert plain == dates._dateparser_date(text, year), text


@pytest.mark.parametrize("text, expected", [
    ("29 December 1928", "1928-12-29"),
    ("June 4, 1999", "1999-06-04"),
    ("may 2001", "2001-05"),
    ("29 February 2000", "2000-02-29"),
    ("29 February 1900", None),   # not a day of that month: dateparser decides
    ("31 April 2001", None),
    ("0 May 2001", None),
    ("Sept 4, 1999", None),       # abbreviations, other words: dateparser
    ("early April 1944", None),
    ("27-29 June 2012", None),
    ("Mayo 2001", None),
])
def test_plain_date_cases(text, expected):
    assert dates._plain_date(text) == expected


def test_entity_ruler_is_the_plain_token_patterns(nlp):
    """The ruler's phrase patterns ("Palme d'Or") go to its PhraseMatcher, and its regular
    expressions become lexeme flags (`ner.regex_flags`): the same spans as a plain Matcher of the
    file's patterns, with one LOWER token pattern per phrase, as they were before."""
    matcher = Matcher(nlp.vocab)
    with_regex = {p["id"] for p in jsonl("entity_patterns.jsonl") if "REGEX" in json.dumps(p["pattern"])}
    assert len(with_regex) >= 10
    for p in jsonl("entity_patterns.jsonl"):
        pattern = p["pattern"]
        if isinstance(pattern, str):
            pattern = [{"LOWER": t.lower_} for t in nlp.make_doc(pattern)]
        matcher.add(repr((p["label"], p.get("id", ""))), [pattern])
    texts = [clean(p.read_bytes().decode("utf-8")).aligned.text for p in sorted((ROOT / "raw").glob("*.txt"))]
    texts.append("She won the Palme d’Or, the golden bear and a Grand Jury Prize at the Berlin Festival.")
    texts.append("He studied at the Tarnow Film Academy and founded Sunday Pictures; the 20th Century Lark "
                 "Studios, Studio Mirabo and the Lyon Choir Ensemble; Anna Kim-Lee; the Hollow Bay Festival.")
    found, by_regex = 0, set()
    for doc in nlp.pipe(texts):
        expected = {(nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc)}
        got = [(repr((sp.label_, sp.id_)), sp.start, sp.end) for sp in doc.spans[RULER_KEY]]
        assert sorted(got) == sorted(expected)
        found += sum(sp.id_ == "award_name" for sp in doc.spans[RULER_KEY])
        by_regex |= {sp.id_ for sp in doc.spans[RULER_KEY]} & with_regex
    assert found >= 3 and len(by_regex) >= 5


def test_lemma_sets_give_the_lists_lemmas():
    """`nlp.indexed_lemmas` turns the lemmatizer's word lists into sets: every lemma of the sample
    texts (and of words of every inflection) is the plain model's."""
    import spacy
    from pipeline.nlp import indexed_lemmas

    plain, indexed = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    indexed_lemmas(indexed)
    table = indexed.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values()) and len(table.get("noun")) > 1000
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    texts.append("The wolves were running faster; she'd written better scripts, ate geese, "
                 "studied the oxen's hooves and was being interviewed by critics who'd seen the crises.")
    for ours, theirs in zip(indexed.pipe(texts), plain.pipe(texts), strict=True):
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_attribute_ruler_by_token_kind_is_its_matcher():
    """`token_kinds.TokenKindMatches` gives the attribute ruler's own matches, in its order, on
    the sample texts and on the words its patterns of several tokens or of regular expressions
    name; a Doc without dependencies is matched the plain way."""
    import spacy
    from pipeline.token_kinds import TokenKindMatches

    plain = spacy.load(DEFAULT_MODEL)
    ruler = plain.get_pipe("attribute_ruler")
    fast = TokenKindMatches(ruler)
    assert len(fast.one) > 100 and len(fast.rest) >= 1
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    texts += ["I'm gonna say it: there is nothin' y'all can do, ain't it? Let's go, c'mon, I gotta run.",
              "It was not him; she'd have done it, didn't she?\n\nWe are here.  Though I am tired, give it to me."]
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(plain.pipe(texts))
    for doc in docs * 2:  # the second time from the memo of kinds
        assert fast(doc) == ruler.match(doc)
    assert any(m[3] - m[2] == 2 for doc in docs for m in fast(doc))  # a pattern of two tokens matched
    unparsed = plain.make_doc("Y'all are gonna love it.")
    assert fast(unparsed) == ruler.match(unparsed)


def test_regex_flags_leave_spacys_own_flags_alone(nlp):
    """The flags take free bits from FLAG19 on: every flag below it reads as in the plain model."""
    import spacy
    from spacy.attrs import FLAG19

    plain = spacy.load(DEFAULT_MODEL)
    text = "Ann Lee, NASA and the 21st Century Lark Studios (2019) -- see www.x.org!"
    ours, theirs = nlp.make_doc(text), plain.make_doc(text)
    assert [b for b in nlp.vocab.lex_attr_getters if isinstance(b, int) and FLAG19 <= b < 64]  # the ruler's
    for a, b in zip(ours, theirs, strict=True):
        assert [a.check_flag(f) for f in range(1, FLAG19)] == [b.check_flag(f) for f in range(1, FLAG19)]


def test_a_bad_pattern_names_its_file_and_rule():
    with pytest.raises(ValueError, match=r"entity_patterns.jsonl, pattern 2 \(org_bad\)"):
        ner._validated([{"label": "ORG", "pattern": "Busan"},
                        {"label": "ORG", "pattern": [{"LOWR": "x"}], "id": "org_bad"}], "entity_patterns.jsonl")


def test_first_names_are_gender_guessers():
    """The first-name list read straight from gender_guesser's data file is its Detector's."""
    from gender_guesser.detector import Detector

    assert lexicon._first_names() == set(Detector(case_sensitive=False).names)


@pytest.mark.parametrize("word, expected", [
    ("Pablo", True), ("pablo", True), ("MARIA", True), ("Jean-Luc", True), ("Abdur Rahim", True),
    ("Xiu-qi", True), ("Xiuqi", True),
    ("Festival", False), ("Cannes", False), ("", False),
])
def test_is_first_name_cases(word, expected):
    assert lexicon.is_first_name(word) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab Z.,'’\n\t\r \u00a0\u2009-—é\u0301😀(\"")), max_size=60))
def test_a_doc_is_the_text_it_was_made_from(nlp, text):
    """spaCy's tokenizer keeps every character: the document stage gives the relation stage's view
    the cleaned text instead of joining the Doc's tokens again."""
    assert nlp.make_doc(text).text == text


def test_too_many_regular_expressions_for_the_flags_is_a_clear_error():
    import spacy

    blank = spacy.blank("en")
    patterns = [{"label": "ORG", "pattern": [{"TEXT": {"REGEX": f"^x{k}$"}}], "id": f"p{k}"} for k in range(64)]
    with pytest.raises(ValueError, match="more regular expressions than free lexeme flags"):
        ner.regex_flags(blank, patterns)
