"""Hand-built Docs for relation-construction tests: `spacy.blank("en")` words, arguments named by
their text (invented names only), no trained model."""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from pipeline.records import DateRef, EntityRef
from pipeline.relations.context import Discourse, Item, Topic
from pipeline.view import DocView
from pipeline.vocab import Label

_NLP = spacy.blank("en")
LABELS = {"W": Label.WORK, "P": Label.PERSON, "O": Label.ORG, "L": Label.PLACE, "A": Label.AWARD, "D": Label.DATE}


class Page:
    """A Doc and its arguments: `names` maps each name to a label letter (W P O L A D); every
    occurrence of a name becomes an argument, the same entity (or date) each time."""

    def __init__(self, text: str, names: dict[str, str], sentences: bool = False):
        self.doc: Doc = _NLP(text)
        if sentences:  # one sentence a line, as a parse of a credit block would give at best
            for t in self.doc:
                t.is_sent_start = t.i == 0 or "\n" in self.doc[t.i - 1].text_with_ws
        self.view = DocView(self.doc)
        self.names = list(names)
        self.items: list[Item] = []
        taken: set[int] = set()
        for ref, (name, letter) in sorted(enumerate(names.items()), key=lambda x: -len(x[1][0])):
            for m in re.finditer(re.escape(name), text):
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or taken & set(range(span.start, span.end)):
                    continue
                taken |= set(range(span.start, span.end))
                self.items.append(Item(span.start, span.end, LABELS[letter], DateRef(ref) if letter == "D" else EntityRef(ref)))
        self.items.sort(key=lambda it: it.start)

    def disc(self, subject: str | None = None, topic_work: str | None = None) -> Discourse:
        ref = self.names.index
        return Discourse(None if subject is None else ref(subject),
                         Topic(work=None if topic_work is None else ref(topic_work)))

    def triples(self, found) -> set[tuple[str, str, str]]:
        return {(self.names[f.subject], f.predicate.value, self.names[f.object.index]) for f in found}
