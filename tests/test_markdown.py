"""Markdown inputs lose their markup in cleaning (pipeline/text/markdown.py), offsets still index the
raw text; an italic title is read as a title. Invented names."""
from __future__ import annotations

import pytest

from pipeline.text.clean import clean


@pytest.mark.parametrize("raw, cleaned", [
    ("## Harbour Lights\n", "Harbour Lights\n"),
    ("> She said so.\n", "She said so.\n"),
    ("**Q:** Why Lumen?\n", "Q: Why Lumen?\n"),
    ("Her film *Harbour Lights* opened.\n", "Her film \u201cHarbour Lights\u201d opened.\n"),
    ("Her film _Goodbye, Neighbour_ opened.\n", "Her film \u201cGoodbye, Neighbour\u201d opened.\n"),
    ("See [the site](https://example.org) and ![a still](still.jpg).\n", "See the site and .\n"),
    ("Use `ffmpeg` here.\n", "Use ffmpeg here.\n"),
    # near misses: no markup
    ("a snake_case_name and 2*3*4 and u/Tobin_Asher_Fan stay\n", "a snake_case_name and 2*3*4 and u/Tobin_Asher_Fan stay\n"),
    ("* a bullet, not emphasis\n", "a bullet, not emphasis\n"),
])
def test_markup_is_cut(raw, cleaned):
    c = clean(raw)
    assert c.aligned.text == cleaned
    for r in c.removed:
        assert raw[r.start:r.end] == r.text


def test_offsets_of_an_emphasised_title_point_into_the_raw_text():
    raw = "# Notes\n\nShe made *Harbour of Small Lights* in **Lumen**.\n"
    c = clean(raw)
    i = c.aligned.text.index("Harbour")
    s, e = c.aligned.raw_span(i, i + len("Harbour of Small Lights"))
    assert raw[s:e] == "Harbour of Small Lights"


@pytest.mark.parametrize("raw, title", [
    ("She wrote and directed *Goodbye, Neighbour* in 2019.\n", "Goodbye, Neighbour"),
    ("His debut _Portrait of a Boy in Winter_ premiered at Lumen.\n", "Portrait of a Boy in Winter"),
])
def test_an_italic_title_is_a_work(nlp, raw, title):
    from pipeline.document import analyze
    from pipeline.records import SourceDoc
    result = next(analyze(nlp, [SourceDoc("a", "a.md", "0", raw)]))
    assert (title, "WORK") in {(m.text, m.label.value) for m in result.mentions}
    assert all(raw[m.start:m.end] == m.text for m in result.mentions)
