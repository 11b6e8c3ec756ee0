"""Names written in capitals that are not titles. Press kits and credit blocks capitalise
companies and people as well as films: "ORBIT LANE PICTURES presents", "a RED KITE FILM
production", "NORTHWIND, KESTREL and HARBOUR ARTS present", "TALLY MORROW:" (a speaker's label),
"Mara ....... JUNE ASHWORTH" (a cast line). Each shape below is evidence enough to beat
`titles.caps_titles`, which reads any run of capitals as a title (the registry's strengths: CAPS_TITLE
below the CAPS_* rules); a run none of them fits is left to it.

Pure: a `DocView` -> `Candidate`s in token offsets.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from ..lexicon import POSSESSIVE_S, PRODUCTION_WORDS, is_first_name, org_kinds
from ..view import DocView
from ..vocab import Label
from .registry import CAPS_CREDIT, CAPS_FAMILY_GIVEN, CAPS_ORG_WORD, CAPS_PERSON, CAPS_SPEAKER, CAPS_TITLE, \
    Candidate

_ORDINAL = re.compile(r"\d+(?:ST|ND|RD|TH)")  # in capitals
_VOWEL = re.compile(r"[AEIOUY]")  # a family name is a syllable; initials ('BBC', 'NHK') often have no vowel
_GLUE = {",", "and", "&", "/"}
_PRESENT = {"present", "presents", "presenting"}
_NOT_PEOPLE = {"GPE", "LOC", "NORP", "WORK_OF_ART", "FAC"}
_PRODUCTION = PRODUCTION_WORDS | {"release"}  # "a Harbor Pictures release"


def caps_runs(v: DocView) -> list[Span]:
    """Maximal runs of upper-case words (2+ letters) on one line, with hyphens and '&' inside."""
    doc = v.doc
    toks = v.tokens
    runs, i, n = [], 0, len(doc)
    while i < n:
        if not (toks[i].is_upper and toks[i].is_alpha and len(toks[i]) > 1):
            i += 1
            continue
        j = i + 1
        while j < n and "\n" not in toks[j - 1].whitespace_ and (
                toks[j].is_upper and toks[j].is_alpha
                or toks[j].text in {"-", "&"} and j + 1 < n and toks[j + 1].is_upper and toks[j + 1].is_alpha):
            j += 1
        while j > i + 1 and not toks[j - 1].is_alpha:
            j -= 1
        runs.append(doc[i:j])
        i = j
    return runs


def _person_shape(v: DocView, span: Span) -> bool:
    """'JUNE ASHWORTH' (a known first name, then a word that is not an English word) or
    'HAN SEO-JIN' (a short family name, then a hyphenated given name)."""
    words = [t for t in span if t.is_alpha]
    if not 2 <= len(words) <= 3 or any(t.lower_ in org_kinds() or t.is_stop for t in words) \
            or any(t.ent_type_ in _NOT_PEOPLE for t in words):
        return False  # "CC BY-SA"; a place or a title the model knows
    hyphen = len(span) == 4 and span[2].text == "-" and len(span[0]) <= 4 and all(len(t) <= 5 for t in words)
    first = is_first_name(words[0].text) and not any(v.common_word(t) for t in words[1:]) \
        and not words[0].is_stop and "-" not in span.text
    return hyphen or first


def _given_name(v: DocView, i: int) -> bool:
    """A given name after a family name in capitals: one title-case word that is not an English
    word nor an organisation word, and not the start of a longer capitalised name."""
    toks = v.tokens
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return tok.is_title and tok.is_alpha and len(tok) >= 2 and not v.common_word(tok) \
        and tok.lower_ not in org_kinds() and tok.ent_type_ not in _NOT_PEOPLE \
        and not (nxt is not None and (not tok.whitespace_ and nxt.text in {"-", "'", "’"}
                                      or nxt.is_title and "\n" not in tok.whitespace_))


def _group(v: DocView, runs: list[Span], k: int) -> tuple[int, int]:
    """The runs around run k joined by ',', 'and', '&' or '/' on one line: (first, last) index."""
    def joined(a: Span, b: Span) -> bool:
        gap = v.doc[a.end:b.start]
        return 1 <= len(gap) <= 2 and all(t.lower_ in _GLUE for t in gap) and "\n" not in gap.text_with_ws
    lo = hi = k
    while lo > 0 and joined(runs[lo - 1], runs[lo]):
        lo -= 1
    while hi + 1 < len(runs) and joined(runs[hi], runs[hi + 1]):
        hi += 1
    return lo, hi


def caps_names(v: DocView) -> Iterator[Candidate]:
    doc = v.doc
    families = []  # 'BAEK Minsu': yielded where the text names people so at least twice
    runs = caps_runs(v)
    for c in _caps_names(v, runs):
        if c.rule is CAPS_FAMILY_GIVEN:
            families.append(c)
        else:
            yield c
    hyphenated = sum(1 for s in runs if len(s) == 1 and s.end + 2 < len(doc)
                     and doc[s.end].is_title and doc[s.end + 1].text == "-")  # 'HAN Seo-jin'
    if len({v.span_text(c.start, c.end) for c in families}) + hyphenated >= 2:
        yield from families


def _caps_names(v: DocView, runs: list[Span]) -> Iterator[Candidate]:
    doc = v.doc
    toks = v.tokens
    for k, span in enumerate(runs):
        if v.line_of(span).upper() == v.line_of(span):
            continue  # a heading in capitals ("OPENING AND CLOSING FILMS")
        lo, hi = _group(v, runs, k)
        first, last = runs[lo], runs[hi]
        after = toks[last.end] if last.end < len(doc) else None
        before = [t.lower_ for t in doc[max(0, first.start - 3):first.start]]
        presents = after is not None and after.lower_ in _PRESENT
        production = after is not None and after.lower_ in _PRODUCTION and bool(before) and before[-1] in {"a", "an"}
        associated = before[-3:] == ["in", "association", "with"]
        # an ordinal before the run on its line starts the name: '20TH CENTURY HARBOUR presents'
        ordinal = span.start > 0 and bool(_ORDINAL.fullmatch(toks[span.start - 1].text)) \
            and "\n" not in toks[span.start - 1].whitespace_
        if span[-1].lower_ in org_kinds() and len(span) >= 2:
            yield CAPS_ORG_WORD.found(span.start - ordinal, span.end)
        elif _person_shape(v, span) and not (span.start >= 2 and toks[span.start - 1].text in POSSESSIVE_S
                                             and toks[span.start - 2].is_title):
            # "Ladj Orr's LES MISERABLES": after a name's possessive, capitals are its title (`titles.caps_titles`)
            yield CAPS_PERSON.found(span.start, span.end)
        elif presents or production or associated:
            yield CAPS_CREDIT.found(span.start - ordinal, span.end)
        elif len(span) == 1 and len(span[0]) <= 5 and _VOWEL.search(span[0].text) and after is not None \
                and _given_name(v, after.i) \
                and not span[0].is_stop and "\n" not in span[0].whitespace_:
            # 'BAEK Minsu', 'CHOI Jiwon': a family name in capitals, then one given name
            yield CAPS_FAMILY_GIVEN.found(span.start, span.end + 1)
        elif v.starts_line(span.start) and after is not None and after.text == ":" and len(span) >= 2 \
                and not any(v.common_word(t) for t in span):
            yield CAPS_SPEAKER.found(span.start, span.end)


MIN_TITLE_WORD = 6  # acronyms are shorter: a longer word in capitals is a word ('HARBOUR'), not initials
_AT = {"at", "in", "to", "from", "by"}  # 'played at TIFF', 'released by NEON'
MIN_WORD = 4  # a shorter word of the word list in capitals is a word too ('PLUME'), not initials ('BBC')


def caps_word_titles(v: DocView, chosen):
    """A retyping step (`retype.py`, `registry.Step.CAPS_WORD_TITLE`): in a text that writes its titles in capitals (two
    titles of several words in capitals at least), one word in capitals of six letters or more
    that the model calls an organisation is a title too ('her debut ASHFALL'); so is a shorter one
    that is an English word ('and PLUME, which premiered'): initials are not ('BAFTA', 'KOMPA'), nor
    such a word where a festival or a company is named ('played at TIFF', "TIFF's award")."""
    toks = v.tokens
    titles = {v.span_text(c.start, c.end) for c, _ in chosen if c.source == CAPS_TITLE.name and c.end - c.start >= 2}
    if len(titles) < 2:
        return
    for k, (c, _) in enumerate(chosen):
        tok = toks[c.start]
        if c.model_label and c.label == Label.ORG and c.end - c.start == 1 and tok.is_upper \
                and tok.is_alpha and (len(tok) >= MIN_TITLE_WORD or len(tok) >= MIN_WORD and _word_title(v, c.start)) \
                and not v.starts_line(c.start) \
                and tok.lower_ not in org_kinds():
            yield k, Label.WORK


def _word_title(v: DocView, i: int) -> bool:
    """Token i, a short word in capitals, is an English word, not after 'at', 'in', 'to', 'from' or
    'by' nor before a possessive (where festivals and companies are named)."""
    toks = v.tokens
    return v.common_word(toks[i]) and not (i > 0 and v.lower[i - 1] in _AT) \
        and not (i + 1 < len(toks) and toks[i + 1].text in POSSESSIVE_S)
