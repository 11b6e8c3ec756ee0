"""A festival named by its town (pipeline/ner/festivals.py): the model's place, retyped only with
festival words or an award earlier in the sentence. Invented towns, and well-known places that
must stay places."""
from __future__ import annotations

import pytest

from pipeline.ner.festivals import festival_towns
from pipeline.ner.registry import BY_NAME
from pipeline.vocab import Label


def _chosen(doc, names):
    out, pos = [], 0
    for text, label in names:
        start = doc.text.index(text, pos)
        span = doc.char_span(start, start + len(text))
        out.append((BY_NAME["model"].found(span.start, span.end, Label(label)), ()))
        pos = start + len(text)
    return out


@pytest.mark.parametrize("text, names, festivals", [
    ("The film premiered in competition at Lumenport in May.", [("Lumenport", "PLACE")], ["Lumenport"]),
    ("She has won prizes at Lumenport, Varnow and Kessing.",
     [("Lumenport", "PLACE"), ("Varnow", "PLACE"), ("Kessing", "PLACE")], ["Lumenport", "Varnow", "Kessing"]),
    ("It won the Golden Heron in Varnow two years later.", [("Golden Heron", "AWARD"), ("Varnow", "PLACE")],
     ["Varnow"]),
    # near misses: no festival word, a country, a town with its region, a word after the town
    ("She grew up in Lumenport with her aunt.", [("Lumenport", "PLACE")], []),
    ("The film premiered in France in May.", [("France", "PLACE")], []),
    ("The film premiered at Paris, France in May.", [("Paris", "PLACE"), ("France", "PLACE")], []),
    ("Born in Tokyo, she won a prize in 2001.", [("Tokyo", "PLACE")], []),
])
def test_festival_towns(nlp, view, text, names, festivals):
    doc = nlp(text)
    chosen = _chosen(doc, names)
    found = [doc[chosen[k][0].start:chosen[k][0].end].text for k, label in festival_towns(view(doc), chosen)
             if label == Label.ORG]
    assert found == festivals
