"""The spaCy pipeline the per-document stages run: a model's components and the product's.

`build_nlp(model)` loads a model by name or path and adds `line_breaks` (a line break ends a
sentence) before the parser, the entity stage's components after the model's `ner`
(`ner.component`: the patterns' ruler and `film_entities`), and the relation cue matcher last
(`relations.cues`). Each component keeps its own state (matchers, word lists).
"""
from __future__ import annotations

import spacy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .ner import component as ner
from .relations import cues
from .token_kinds import match_by_token_kind
from .vocab import Label


# the product's components that read the whole document (a long text's pieces are joined into
# one Doc before them: document.py)
DOCUMENT_COMPONENTS = ("film_ruler", "film_entities", cues.CUES_KEY)


def build_nlp(model: str) -> Language:
    """Loads a spaCy pipeline by name or path and adds the product's components."""
    nlp = spacy.load(model)
    # "Im" is a family name here, not a contraction of "I'm"
    for form in ("Im", "IM"):
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    first = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    nlp.add_pipe("line_breaks", before=first) if first else nlp.add_pipe("line_breaks", first=True)
    ner.add_components(nlp)
    nlp.add_pipe(cues.CUES_KEY, last=True)
    indexed_lemmas(nlp)
    match_by_token_kind(nlp)
    for label in Label:  # permanent strings, outside any memory zone
        nlp.vocab.strings.add(label.value)
    return nlp


def indexed_lemmas(nlp: Language) -> None:
    """The rule lemmatizer's word lists as sets. spaCy's `Lemmatizer.rule_lemmatize` asks
    `form in index` of the `lemma_index` table's lists (57,528 nouns in en_core_web_sm) for every
    candidate form of every word it has not cached: a scan of the whole list each time, most of
    the lemmatizer's time. A frozenset gives the same answers (the lemmatizer only tests membership;
    tests/test_fast_paths.py compares every lemma with the plain model's)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if getattr(lemmatizer, "mode", None) != "rule" or lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for pos, words in list(table.items()):  # keys are the parts of speech's hashes
        table[pos] = frozenset(words)


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence (web pages break lines between blocks).
    spaCy keeps every line break inside a space token (a word's trailing whitespace is a space
    at most): only those tokens are looked at."""
    starts = doc.to_array(SENT_START)
    for k in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if "\n" in doc[k].text:
            starts[k + 1] = 1
    # one array, not `Token.is_sent_start`, whose setter scans the whole Doc (has_annotation)
    # each time: quadratic in a long text
    doc.from_array([SENT_START], starts)
    return doc
