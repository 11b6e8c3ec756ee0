"""Invariants over arbitrary text (hypothesis): the clean <-> raw offset map, and no stage raising.

The example counts are bounded so the suite stays fast; the per-document chain runs the real
spaCy pipeline (the session's `nlp` fixture).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.text.align import AlignedBuilder, identity
from pipeline.text.clean import clean
from pipeline.document import analyze
from pipeline.records import SourceDoc
from pipeline.resolve import DocEntities, resolve
from pipeline.output.tables import document_tables
from pipeline.vocab import Table

from .conftest import ROOT

SAMPLES = sorted((ROOT / "raw").glob("*.txt"))

# Text that stresses cleaning and the NLP stages: any code point but surrogates (which no decoder
# produces), plus a bias towards line breaks, odd spaces, controls, emoji, right-to-left
# scripts, combining marks and mojibake.
SPECIAL = st.sampled_from([
    "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x1b[31m", "\u200b", "\u200f", "\u202e", "\ufeff",
    "\u00a0", "\u3000", "\u2028", "😀", "👩\u200d👩\u200d👧", "\U0001f3f3\ufe0f\u200d\U0001f308",
    "שלום", "مرحبا", "e\u0301", "\u0301", "Ã©", "â€™", "Ã", "&amp;", "김지현", "Q: ", "A: ",
    "Photo by Jane Roe/Getty Images", "Share this", " ... read more…", "• ", "1. Why?",
    "The film premiered at the festival in 2015.", "She directed it in Seoul.", "Mr. Kim said",
])
CHARS = st.characters(exclude_categories=("Cs",))
TEXTS = st.lists(st.one_of(st.text(CHARS, max_size=12), SPECIAL), max_size=30).map("".join)
LONG_LINE = "word " * 20_000  # a line of 100,000 characters


def check_map(raw: str, aligned) -> None:
    """Every cleaned character maps to a non-empty raw span, in raw order."""
    n = len(aligned.text)
    assert len(aligned.starts) == len(aligned.ends) == n
    for i in range(n):
        assert 0 <= aligned.starts[i] < aligned.ends[i] <= len(raw), (i, aligned.text[i])
        if i:
            assert aligned.starts[i - 1] <= aligned.starts[i] and aligned.ends[i - 1] <= aligned.ends[i]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("")
@example("Ã©t\u00e9\r\nCafÃ© \u200b\x00")
@example("\u0301")
@example(LONG_LINE)
def test_clean_maps_every_character_into_the_raw_text(raw):
    cleaned = clean(raw)
    check_map(raw, cleaned.aligned)
    for a in range(0, len(cleaned.aligned.text), 7):  # any span maps to a non-empty raw span
        s, e = cleaned.aligned.raw_span(a, min(a + 5, len(cleaned.aligned.text)))
        assert 0 <= s < e <= len(raw)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_cleaned_text_is_a_copy_of_the_raw_text_where_nothing_was_repaired(raw):
    """ASCII lines are never repaired, so their characters map to themselves; what was cut is
    reported as removed, never also kept."""
    cleaned = clean(raw)
    al = cleaned.aligned
    ascii_lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]*", raw) if m.group().isascii()]
    for i, c in enumerate(al.text):
        s, e = al.starts[i], al.ends[i]
        if any(ls <= s and e <= le for ls, le in ascii_lines):
            assert raw[s:e] == c, (i, c, raw[s:e])
    for r in cleaned.removed:
        assert raw[r.start:r.end] == r.text
        assert not any(r.start < al.ends[i] and al.starts[i] < r.end for i in range(len(al.text)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(st.characters(max_codepoint=127), max_size=40), SPECIAL),
                max_size=20).map("".join))
def test_ascii_text_cleans_to_the_raw_text_minus_what_was_removed(raw):
    cleaned = clean(raw)
    kept, pos = [], 0
    for r in sorted(cleaned.removed, key=lambda r: r.start):
        kept.append(raw[pos:r.start])
        pos = r.end
    kept.append(raw[pos:])
    if raw.isascii():
        # the one rewrite of ASCII: Markdown emphasis markers become curly quotes (markdown.py)
        text = cleaned.aligned.text
        back = "".join(raw[cleaned.aligned.starts[i]:cleaned.aligned.ends[i]] if c in "\u201c\u201d" else c
                       for i, c in enumerate(text))
        assert all(raw[cleaned.aligned.starts[i]] in "*_" for i, c in enumerate(text) if c in "\u201c\u201d")
        assert back == "".join(kept)
        assert all(raw[cleaned.aligned.starts[i]:cleaned.aligned.ends[i]] == c
                   for i, c in enumerate(text) if c not in "\u201c\u201d")


@st.composite
def edits(draw):
    """A raw text and a left-to-right plan of copies and replacements (with any new text)."""
    raw = draw(st.text(CHARS, max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=6)))
    bounds = [0, *cuts, len(raw)]
    plan = []
    for a, b in zip(bounds, bounds[1:]):
        how = draw(st.sampled_from(["copy", "replace"]))
        plan.append((how, a, b, draw(st.text(CHARS, max_size=8)) if how != "copy" else None))
    return raw, plan


@settings(max_examples=400, deadline=None)
@given(edits())
@example(("ab", [("replace", 0, 0, "x"), ("copy", 0, 2, None)]))
@example(("ab", [("copy", 0, 2, None), ("replace", 2, 2, "x")]))
@example(("", [("replace", 0, 0, "x")]))
@example(("ab", [("copy", 0, 1, None), ("replace", 1, 1, "xy"), ("copy", 1, 2, None)]))
@example(("abc", [("replace", 0, 3, "")]))
def test_aligned_builder_keeps_every_character_mapped(case):
    raw, plan = case
    b = AlignedBuilder()
    for how, start, end, new in plan:
        if how == "copy":
            b.copy(raw, start, end)
        elif raw or not new:
            b.replace(raw, start, end, new)
        else:  # nothing to point at: an insertion into an empty text cannot be mapped
            with pytest.raises(ValueError):
                b.replace(raw, start, end, new)
    check_map(raw, b.build())


@pytest.mark.parametrize("raw", ["", "a", "line one\r\nline two", "😀 e\u0301"])
def test_identity_maps_each_character_to_itself(raw):
    al = identity(raw)
    assert al.text == raw
    assert [raw[s:e] for s, e in zip(al.starts, al.ends)] == list(raw)


@pytest.mark.parametrize("start,end", [(0, 0), (2, 1), (-1, 1), (0, 99)])
def test_raw_span_rejects_empty_or_outside_spans(start, end):
    with pytest.raises(IndexError):
        identity("abc").raw_span(start, end)


def check_chain(nlp, texts: list[str]) -> None:
    """The per-document chain, resolution and the tables: no error, every offset gives back its text."""
    sources = [SourceDoc(f"d{i}", f"d{i}.txt", "", t) for i, t in enumerate(texts)]
    results = list(analyze(nlp, sources))
    for src, result in zip(sources, results):
        assert result.ok, result.source.error
        for m in [*result.mentions, *result.dates]:
            assert 0 <= m.start < m.end <= len(src.text) and src.text[m.start:m.end] == m.text
        for r in result.relations:
            assert 0 <= r.start < r.end <= len(src.text) and src.text[r.start:r.end] == r.evidence
        for r in result.removed:
            assert src.text[r.start:r.end] == r.text
    ids, entities = resolve(DocEntities.of(r) for r in results)
    tables = document_tables(results, ids, {g.id: g.name for g in entities})
    assert tables[Table.DOCUMENTS].num_rows == len(texts)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=4))
@example([LONG_LINE, "\u202eRTL override\u202c " * 50, "e\u0301" * 5000])
def test_no_stage_raises_on_arbitrary_unicode(nlp, texts):
    check_chain(nlp, texts)


@st.composite
def damaged_samples(draw):
    """A stretch of a sample text (so that names, dates and relations are found) with odd
    characters thrown in."""
    text = draw(st.sampled_from(SAMPLES)).read_text(encoding="utf-8")
    start = draw(st.integers(0, len(text)))
    text = text[start:start + draw(st.integers(0, 1500))]
    for _ in range(draw(st.integers(0, 10))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(SPECIAL, st.text(CHARS, max_size=5))) + text[at:]
    return text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(damaged_samples(), min_size=1, max_size=3))
def test_no_stage_raises_on_damaged_real_text(nlp, texts):
    check_chain(nlp, texts)
