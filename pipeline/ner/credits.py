"""Organisations named by a credit field: 'Production: X', 'Distributor: X | ...',
'WORLD SALES\\nX', 'Courtesy of X.', 'released by X', and 'a X production'. Press kits, review
boxes and captions credit companies this way; the label says what the value is, so the value
needs no organisation word. The labels are data (`patterns/credit_labels.csv`).

The labels are those of the credit fields (`patterns/credit_labels.csv`, shared with the relation
rules) whose predicates all take an organisation as their object (`vocab.OBJECT_LABEL`).

Pure: a `DocView` -> `Candidate`s in token offsets.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import LEGAL_FORMS, PRODUCTION_WORDS, predicate_map
from ..view import DocView
from ..vocab import OBJECT_LABEL, Label
from .common import is_cap
from .registry import CREDIT_FIELD, CREDIT_PRODUCTION, Candidate

LABEL_FILE = "credit_labels.csv"  # in pipeline/patterns/: label,predicates
MAX_WORDS = 6
_STOP = {"|", "│", "·", "•", ";", "/", "(", ")", "[", "]", "—", "–", "-", ".", "!", "?"}
_GLUE = {"of", "and", "&", "de", "du", "la", "le", "the", "+", "'", "’"}


@lru_cache(maxsize=1)
def credit_labels() -> dict[tuple[str, ...], Label]:
    """A credit field's label (its words, lower case) -> the label of the organisation it names:
    the labels whose predicates all take an organisation ('distributor' -> distributed_by), not
    those that name a person or a date ('director', 'release date') or both ('produced')."""
    return {tuple(label.split()): Label.ORG for label, preds in predicate_map(LABEL_FILE).items()
            if label and {OBJECT_LABEL.get(p) for p in preds} == {Label.ORG}}


@lru_cache(maxsize=1)
def _last_words() -> frozenset[str]:
    return frozenset(words[-1] for words in credit_labels())


def _value(v: DocView, i: int) -> int:
    """End of a credited name that starts at token i: capitalised words and glue on one line, up
    to a separator, a comma or a lower-case word."""
    doc = v.doc
    toks = v.tokens
    j = i
    while j < len(doc) and j < i + MAX_WORDS and toks[j].text != "," and (
            toks[j].text not in _STOP or toks[j].text == "-" and not toks[j].whitespace_ and not toks[j - 1].whitespace_) \
            and (is_cap(toks[j]) or toks[j].lower_ in _GLUE and j > i or toks[j].like_num and j > i
                 or toks[j].text == "-"):  # 'Harbour-Line Pictures', not 'X - Paris'
        if j > i and (j + 1 < len(doc) and toks[j + 1].text == ":"
                      or j + 2 < len(doc) and toks[j + 1].is_lower and toks[j + 2].text == ":"):
            break  # the next field's label: 'Distributor: X Release date: ...'
        j += 1
        if "\n" in toks[j - 1].whitespace_:
            break
    while j > i and (toks[j - 1].lower_ in _GLUE or toks[j - 1].text == "-"):
        j -= 1
    if j + 1 < len(doc) and toks[j].text == "," and toks[j + 1].text.rstrip(".").lower() in LEGAL_FORMS:
        j += 2  # 'Harbour Co., Ltd.'
    return j


def credit_orgs(v: DocView) -> Iterator[Candidate]:
    doc = v.doc
    toks = v.tokens
    labels = credit_labels()
    longest = max((len(k) for k in labels), default=0)
    last_words = _last_words()
    lower = v.lower
    for i in range(len(doc)):
        if lower[i] not in last_words:
            continue  # no label ends here
        for n in range(min(longest, i + 1), 0, -1):
            words = tuple(lower[i - n + 1:i + 1])
            if words not in labels:
                continue
            k = i + 1
            by_colon = k < len(doc) and toks[k].text == ":"
            heading = all(t.is_upper for t in toks[i - n + 1:i + 1]) and (
                k < len(doc) and toks[k].is_space or "\n" in toks[i].whitespace_)  # 'WORLD SALES' over its value
            if not (by_colon or words[-1] in {"of", "by", "with"} or heading):
                break  # 'sales grew': a label is followed by ':', ends in 'of'/'by', or heads a block
            k += 1 if by_colon else 0
            while k < len(doc) and toks[k].is_space:
                k += 1
            start, out = k, []
            while start < len(doc):
                colon = next((c for c in range(start, min(len(doc), start + 5)) if toks[c].text == ":"
                              or "\n" in toks[c].whitespace_ or toks[c].text in _STOP), None)
                if heading and not out and colon is not None and toks[colon].text == ":" and colon > start:
                    start = colon + 1  # 'DISTRIBUTION\nUSA & Kestland: X': a sub-label, then the value
                    while start < len(doc) and toks[start].is_space:
                        start += 1
                    continue
                end = _value(v, start)
                if end == start:
                    break
                out.append(CREDIT_FIELD.found(start, end, labels[words]))
                if end < len(doc) and toks[end].text == "," and end + 1 < len(doc) and is_cap(toks[end + 1]) \
                        and "\n" not in toks[end].whitespace_:
                    start = end + 1  # 'Distribution: A, B'
                else:
                    break
            yield from out
            break
    for i, low in enumerate(lower):  # 'a Harbour Arts production'
        if low in PRODUCTION_WORDS and i >= 2:
            k = i
            while k > 0 and k > i - MAX_WORDS and (is_cap(toks[k - 1]) or toks[k - 1].text in {"&", "/"}) \
                    and "\n" not in toks[k - 1].whitespace_:
                k -= 1
            if k < i and k > 0 and lower[k - 1] in {"a", "an"} and not toks[k].is_upper:
                yield CREDIT_PRODUCTION.found(k, i)
