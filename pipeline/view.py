"""What the rules of a stage read of one parsed Doc, made once by the stage and passed to every
rule: the Doc's Token objects, their lower-case forms and lemmas, the entities the Doc held when
the view was made, and a sentence index. Plain attributes, no memo in `Doc.user_data`: a view
lives as long as the stage that made it, and the Doc is freed with it.

spaCy makes a new Token on every `doc[i]`, a new Span on every slice and on every read of
`doc.ents`, and joins every token again on every read of `doc.text`; the rules step through
texts many times, so they index these lists instead (the entity stage went from 1.36 s to
0.99 s over 500 texts when it did).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import cached_property

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token


_WORD = re.compile(r"\w+")


class DocView:
    """One Doc as the rules read it (token offsets; `text` is the Doc's text)."""

    def __init__(self, doc: Doc, text: str | None = None, common_words: frozenset[str] = frozenset()):
        self.doc = doc
        self.text = doc.text if text is None else text  # the text the Doc was made from, which it equals
        self.tokens: list[Token] = list(doc)
        self.lower: list[str] = [t.lower_ for t in self.tokens]
        self.ents: tuple[Span, ...] = doc.ents  # as they were when the view was made
        self.common_words = common_words  # the English words the lemmatizer knows (see `common_word`)

    def __len__(self) -> int:
        return len(self.tokens)

    @cached_property
    def lemma(self) -> list[str]:
        """`tok.lemma_` of every token, in order (after the lemmatizer)."""
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(LEMMA).tolist()]

    @cached_property
    def token_texts(self) -> frozenset[str]:
        return frozenset(t.text for t in self.tokens)

    @cached_property
    def word_starts(self) -> dict[str, list[int]]:
        """Each word of the text (a run of word characters) -> where it starts, in order."""
        starts: dict[str, list[int]] = defaultdict(list)
        for m in _WORD.finditer(self.text):
            starts[m.group()].append(m.start())
        return dict(starts)

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s.start for s in self.sents]

    def sent_index(self, i: int) -> int:
        """The index in `sents` of the sentence that holds token i."""
        return bisect_right(self._sent_starts, i) - 1

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, cut from the text without making the Span."""
        if end <= start:
            return ""
        last = self.tokens[end - 1]
        return self.text[self.tokens[start].idx:last.idx + len(last.text)]

    def common_word(self, tok: Token) -> bool:
        """A capitalised token that is an ordinary English word ('Download', 'Writing', 'Insights')."""
        words = self.common_words
        return tok.is_stop or self.lower[tok.i] in words or self.lemma[tok.i].lower() in words

    def line_of(self, span: Span) -> str:
        """The line of the text that holds the span, stripped."""
        s = self.text.rfind("\n", 0, span.start_char) + 1
        e = self.text.find("\n", span.end_char)
        return self.text[s:e if e >= 0 else len(self.text)].strip()

    def starts_line(self, i: int) -> bool:
        """Whether token i is the first word of its line."""
        toks = self.tokens
        return i == 0 or "\n" in toks[i - 1].whitespace_ or toks[i - 1].is_space and "\n" in toks[i - 1].text
