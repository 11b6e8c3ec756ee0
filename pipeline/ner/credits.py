"""Organisations and people named by a credit field. Organisations: 'Production: X', 'Distributor:
X | ...', 'WORLD SALES\\nX', 'Courtesy of X.', 'released by X', and 'a X production'; people:
'Music: A B', 'Director of Photography .... A B', '- Title (Country, 2024), dir. A B', 'Cast: A B,
C D and E F'. Press kits, review boxes, line-ups and captions credit this way; the label says
what the value is, so an organisation needs no organisation word, and a person only a person's
shape.

The labels are those of the credit fields (`patterns/credit_labels.csv`, shared with the relation
rules) whose predicates all take an organisation, or all a person, as their object
(`vocab.OBJECT_LABEL`): 'produced' (a producer or a company) gives neither.

Pure: a `DocView` -> `Candidate`s in token offsets.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import ARTICLES, LEGAL_FORMS, PRODUCTION_WORDS, name_particles, org_kinds, predicate_map
from ..view import DocView
from ..vocab import OBJECT_LABEL, Label
from .common import is_cap, skip_space
from .registry import CREDIT_FIELD, CREDIT_PERSON, CREDIT_PRODUCTION, Candidate

LABEL_FILE = "credit_labels.csv"  # in pipeline/patterns/: label,predicates
MAX_WORDS = 6
_STOP = {"|", "│", "·", "•", ";", "/", "(", ")", "[", "]", "—", "–", "-", ".", "!", "?"}
_GLUE = {"of", "and", "&", "de", "du", "la", "le", "the", "+", "'", "’"}
_LEADER = re.compile(r"\.{2,}|…+|_{3,}")  # 'Music ........ A'
_FIELD_SEPARATORS = {"|", "│", "·", "•", ";"}
_MIN_PERSON_WORDS, _MAX_PERSON_WORDS = 2, 4  # a one-word value is as often a brand ('Sound: Dolby')


@lru_cache(maxsize=None)
def credit_labels(label: Label = Label.ORG) -> dict[tuple[str, ...], Label]:
    """A credit field's label (its words, lower case) -> the label of what it names: the labels
    whose predicates all take an entity of `label` as their object ('distributor' -> distributed_by
    an organisation, 'music' -> composer a person), not those that name something else or either
    ('release date', 'produced': a person or a company)."""
    return {tuple(words.split()): label for words, preds in predicate_map(LABEL_FILE).items()
            if words and {OBJECT_LABEL.get(p) for p in preds} == {label}}


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    return frozenset(w for words in credit_labels(Label.PERSON) for w in words)


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


class Field(NamedTuple):
    """A credit field's label (its words, lower case) and where its value starts (token offsets)."""
    words: tuple[str, ...]
    value: int
    heading: bool  # a label in capitals alone on its line, over its value


def _labels_ending(v: DocView, labels: dict, last_words: frozenset[str], longest: int) -> Iterator[tuple[int, int]]:
    """(first, last) token of the longest label of `labels` that ends at each token."""
    lower = v.lower
    for i in range(len(v)):
        if lower[i] not in last_words:
            continue  # no label ends here
        n = next((n for n in range(min(longest, i + 1), 0, -1) if tuple(lower[i - n + 1:i + 1]) in labels), 0)
        if n:
            yield i - n + 1, i


def _fields(v: DocView, labels: dict, *, people: bool = False) -> Iterator[Field]:
    """The fields of `labels`. An organisation's label is followed by ':', ends in 'of'/'by'/'with',
    or heads a block in capitals ('WORLD SALES' over its value). A person's label is followed by ':',
    a dotted leader or its own abbreviation's full stop ('dir.'), or by 'by' and one of these
    ('Directed by: A', 'Music by .... A'); a bare 'by' only where the label opens a credit line
    ('Written & directed by A'): in prose the model reads the name, and a heading in capitals over
    a cast list opens with its characters."""
    toks = v.tokens
    last_words = frozenset(words[-1] for words in labels)
    for first, i in _labels_ending(v, labels, last_words, max((len(k) for k in labels), default=0)):
        words, k = tuple(v.lower[first:i + 1]), i + 1
        if people:
            by = k < len(v) and v.lower[k] == "by" and words[-1] != "by"
            k += by
            if k < len(v) and (toks[k].text == ":" or _LEADER.fullmatch(toks[k].text)
                               or toks[k].text == "." and not toks[i].whitespace_ and words[:-1] + (words[-1] + ".",) in labels):
                yield Field(words, skip_space(v, k + 1), False)
            elif by and _opens_line(v, first):
                yield Field(words, skip_space(v, k), False)
            continue
        by_colon = k < len(v) and toks[k].text == ":"
        heading = all(t.is_upper for t in toks[first:i + 1]) and (
            k < len(v) and toks[k].is_space or "\n" in toks[i].whitespace_)
        if by_colon or words[-1] in {"of", "by", "with"} or heading:
            yield Field(words, skip_space(v, k + 1 if by_colon else k), heading)


def _opens_line(v: DocView, first: int) -> bool:
    """Does the label at `first` open a line or a field ('Written & directed by', '| Music by')?
    Other labels joined to it by 'and', '&' or ',' may stand before it."""
    toks = v.tokens
    j = first - 1
    while j >= 0 and (toks[j].lower_ in {"and", "&", ","} or is_cap(toks[j]) and toks[j].lower_ in _label_words()):
        j -= 1
    return j < 0 or toks[j].text in _FIELD_SEPARATORS or "\n" in toks[j].whitespace_ or "\n" in toks[j].text


def credit_orgs(v: DocView) -> Iterator[Candidate]:
    doc = v.doc
    toks = v.tokens
    labels = credit_labels()
    lower = v.lower
    for words, start, heading in _fields(v, labels):
        out = []
        while start < len(doc):
            colon = next((c for c in range(start, min(len(doc), start + 5)) if toks[c].text == ":"
                          or "\n" in toks[c].whitespace_ or toks[c].text in _STOP), None)
            if heading and not out and colon is not None and toks[colon].text == ":" and colon > start:
                start = skip_space(v, colon + 1)  # 'DISTRIBUTION\nUSA & Kestland: X': a sub-label, then the value
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
    for i, low in enumerate(lower):  # 'a Harbour Arts production'
        if low in PRODUCTION_WORDS and i >= 2:
            k = i
            while k > 0 and k > i - MAX_WORDS and (is_cap(toks[k - 1]) or toks[k - 1].text in {"&", "/"}) \
                    and "\n" not in toks[k - 1].whitespace_:
                k -= 1
            if k < i and k > 0 and lower[k - 1] in {"a", "an"} and not toks[k].is_upper:
                yield CREDIT_PRODUCTION.found(k, i)


def credit_people(v: DocView) -> Iterator[Candidate]:
    """People named by a credit field whose predicate takes a person ('Music: A', 'dir. A B',
    'Cast: A, B and C', 'Director of Photography .... A'): each member of the value's list that has
    a person's shape. A member in capitals is left to the rules of capitals (a title, 'KIM JI-YOUNG')."""
    toks = v.tokens
    kinds = org_kinds()
    for field in _fields(v, credit_labels(Label.PERSON), people=True):
        start = field.value
        while start < len(v):
            end = _person_end(v, start)
            words = [t for t in toks[start:end] if t.text != "-" and not (t.i > start and toks[t.i - 1].text == "-")]
            if not (_MIN_PERSON_WORDS <= len(words) <= _MAX_PERSON_WORDS) or all(t.is_upper for t in words) \
                    or any(t.lower_ in kinds for t in toks[start:end]) or toks[start].lower_ in ARTICLES:
                break
            yield CREDIT_PERSON.found(start, end)
            if end + 1 < len(v) and (toks[end].text == "," or toks[end].lower_ in {"and", "&"}) \
                    and "\n" not in toks[end].whitespace_:
                start = end + 1  # 'Cast: A, B and C'
                if start + 1 < len(v) and toks[start].lower_ in {"and", "&"}:
                    start += 1  # 'A, B, and C'
            else:
                break


def _person_end(v: DocView, i: int) -> int:
    """End of a person's name that starts at token i: capitalised words on one line (joined by
    hyphens, with lower-case particles inside: 'Saka-ida', 'Carl von Esch'), up to a separator,
    a comma, 'and' or the next field's label ('A B Music: C')."""
    toks = v.tokens
    particles = name_particles()
    j = i
    while j < len(v):
        t = toks[j]
        joined = j > i and not toks[j - 1].whitespace_ and toks[j - 1].text == "-"  # 'Kyung-taek'
        hyphen = j > i and t.text == "-" and not t.whitespace_ and not toks[j - 1].whitespace_
        if not (is_cap(t) and (t.is_alpha or t.text.endswith(".") or "'" in t.text or "’" in t.text)
                or joined and t.is_alpha or hyphen or j > i and t.lower_ in particles):
            break
        if j > i and not joined and not hyphen and j + 1 < len(v) and toks[j + 1].text == ":":
            break  # the next field's label
        j += 1
        if "\n" in t.whitespace_:
            break
    while j > i and (toks[j - 1].text == "-" or toks[j - 1].lower_ in particles):
        j -= 1
    return j
