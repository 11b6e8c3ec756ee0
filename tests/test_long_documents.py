"""Long documents: the indexed lookups give what the plain scans they replace gave, batches are
bounded by characters (a long text goes alone), a long text parsed in pieces is one Doc of the
same text, and the tables do not depend on the batching. (Timing is in benchmarks/.)"""
from __future__ import annotations

import re
import shutil

import pyarrow.parquet as pq
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START

from pipeline import batching, document
from pipeline.runtime import engine
from pipeline.runtime import run as run_module
from pipeline.runtime.config import Settings
from pipeline.document import analyze
from pipeline.ner.common import occurrences, whole_word
from pipeline.nlp import line_breaks
from pipeline.normalize.entities import _initials, _is_part, _is_prefix, _Known, _tokens
from pipeline.records import SourceDoc
from pipeline.view import DocView
from pipeline.runtime.run import run
from pipeline.vocab import Label, Table

from .conftest import ROOT

CHARS = st.sampled_from(list("ab _-.'’\n1é\u0301Ω٣x"))
BLANK = spacy.blank("en")


@settings(max_examples=300, deadline=None)
@given(st.text(CHARS, max_size=60), st.text(CHARS, min_size=1, max_size=5))
def test_occurrences_through_the_word_index_are_whole_word(text, name):
    v = DocView(BLANK.make_doc(text), text)
    assert list(occurrences(v, name)) == list(whole_word(text, name))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=30))
def test_the_sentence_of_a_token_by_bisection_is_the_plain_scan(starts):
    doc = spacy.tokens.Doc(BLANK.vocab, words=["w"] * len(starts), sent_starts=[True] + starts[1:])
    v = DocView(doc)
    for t in doc:
        sent = v.sents[v.sent_index(t.i)]
        assert sent.start <= t.i < sent.end and sent.start == t.sent.start


@pytest.mark.parametrize("text", [
    "Hello there.\nA new line\n\nAnother one\r\n and the last",
    "\n\nStarts with breaks\n",
    "No break at all.",
    "Ends with one\n",
])
def test_line_breaks_start_the_sentences_the_token_setter_started(text):
    expected = BLANK.make_doc(text)
    for k, tok in enumerate(expected[:-1]):
        if tok.is_space and "\n" in tok.text:
            expected[k + 1].is_sent_start = True
    assert line_breaks(BLANK.make_doc(text)).to_array(SENT_START).tolist() == \
        expected.to_array(SENT_START).tolist()


# invented names of the shapes the resolution meets
WORDS = ["Vell", "Orin", "Jae-Won", "Tasso", "III", "Jr.", "Film", "Festival", "Aster", "Brume"]
NAMES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
LABELS = st.sampled_from([Label.PERSON, Label.ORG, Label.WORK, Label.PLACE, Label.AWARD])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LABELS, NAMES), max_size=12), NAMES, LABELS)
def test_the_known_entities_index_finds_what_the_scan_finds(entities, name, label):
    known = _Known()
    for i, (lab, n) in enumerate(entities):
        known.add(i, lab, n)
    toks = _tokens(name)
    if len(toks) <= 2:
        scan = [i for i, (lab, n) in enumerate(entities)
                if lab == Label.PERSON and len(_tokens(n)) > len(toks) and _is_part(toks, _tokens(n))]
        assert known.people_with_part(toks) == scan
    prefix = [i for i, (lab, n) in enumerate(entities) if lab == label and _is_prefix(toks, _tokens(n))]
    assert [i for i in known.starting_with(label, toks) if _is_prefix(toks, _tokens(entities[i][1]))] == prefix
    if label != Label.WORK:
        compact = re.sub(r"[^A-Za-z]", "", name).lower()
        acro = [i for i, (lab, n) in enumerate(entities) if lab == label and _initials(n) == compact]
        assert known.by_initials.get((label, compact), []) == acro


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=30), st.integers(1, 5), st.integers(1, 60))
def test_batches_are_bounded_by_items_and_characters(lengths, size, max_chars):
    out = list(batching.batches(lengths, size, max_chars, lambda n: n))
    assert [n for b in out for n in b] == lengths  # all, in order
    for b in out:
        assert b and len(b) <= size
        assert sum(b) <= max_chars or len(b) == 1  # a longer item goes alone
    for a, b in zip(out, out[1:]):  # a batch ends only when it is full or the next item does not fit
        assert len(a) == size or sum(a) + b[0] > max_chars


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab .\n?\t")), max_size=300), st.integers(5, 40))
def test_pieces_join_into_the_text_and_cut_where_a_token_starts(text, limit):
    parts = batching.pieces(text, limit)
    assert "".join(parts) == text
    assert all(parts) or parts == [""]
    assert all(len(p.rstrip()) <= limit for p in parts)  # and the whitespace it ends with
    assert not any(p[0].isspace() for p in parts[1:])  # whitespace is never cut


def test_pieces_cut_after_a_line_break_then_after_a_sentence():
    assert batching.pieces("One line.\nTwo line.\nThree", 12) == ["One line.\n", "Two line.\n", "Three"]
    assert batching.pieces("Ana Vell. Orin Tasso. Brume", 15) == ["Ana Vell. ", "Orin Tasso. ", "Brume"]
    assert batching.pieces("abcdefghij", 4) == ["abcd", "efgh", "ij"]


TEXT = ("Mara Vellacourt directed The Silent Orchard (2014).\n\nIt premiered at the Lisbon Film Festival. "
        "Vellacourt was born in Porto.\n") * 50


def test_a_long_text_is_parsed_in_pieces_into_one_doc(nlp, monkeypatch):
    whole = next(document._pipe(nlp, [TEXT], 32))
    monkeypatch.setattr(document, "PIECE_CHARS", 500)
    assert len(batching.pieces(TEXT, 500)) > 5
    doc = next(document._pipe(nlp, [TEXT], 32))
    assert doc.text == TEXT and [t.text for t in doc] == [t.text for t in whole]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in whole.ents]
    src = SourceDoc("long", "long.txt", "", TEXT, "utf-8", "text")
    result = next(analyze(nlp, [src]))
    assert result.ok and result.relations
    assert all(TEXT[m.start:m.end] == m.text for m in result.mentions)
    assert all(TEXT[r.start:r.end] == r.evidence for r in result.relations)
    with nlp.memory_zone():  # as the engine parses after its first documents
        zoned = next(analyze(nlp, [src]))
    assert zoned.mentions == result.mentions and zoned.relations == result.relations


def test_a_long_text_goes_alone_and_the_tables_stay_the_same(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "load_model", lambda model: nlp)
    corpus = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", corpus)
    (corpus / "long.txt").write_text(TEXT, encoding="utf-8")
    reference = tmp_path / "ref"
    run(Settings(corpus, reference, progress=False, use_cache=False))
    seen = []
    parse_batch = engine.parse_batch

    def spying(nlp_, batch, batch_size):
        seen.append(sorted(p.path.name for p in batch))
        return parse_batch(nlp_, batch, batch_size)

    monkeypatch.setattr(engine, "parse_batch", spying)
    monkeypatch.setattr(run_module, "BATCH_CHARS", 5000)  # the long text 6,200; the samples 2,100 to 4,400
    out = tmp_path / "out"
    run(Settings(corpus, out, progress=False, use_cache=False))
    assert ["long.txt"] in seen and all(len(b) == 1 or "long.txt" not in b for b in seen)
    assert len(seen) > 2  # the samples too were batched by characters, not 32 at a time
    for t in Table:
        assert pq.read_table(out / f"{t.value}.parquet").equals(pq.read_table(reference / f"{t.value}.parquet")), t
