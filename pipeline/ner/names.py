"""Rules that find people and organisations by their context: a cast list, a role word before a
name ("director Se Yoon Kim"), an organisation cue ("the distributor X"), an editor's bracketed
completion ("Dale [Orrin Mayes]"), the name before the bracket of a life ("A B C (1866 – 1932)"). Pure: Doc -> `Candidate`s in token offsets.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span

from ..lexicon import (ARTICLES, POSSESSIVE_DETERMINERS, POSSESSIVE_S, award_heads, cast_cues, countries, csv_map,
                       demonyms, honorifics, is_first_name, known_place_names, name_particles, org_cues, org_kinds,
                       role_words, word_list)
from .common import LIFETIME, TITLE_GLUE, YEAR_NUMBER, is_cap, prefixes_of, title_end
from .registry import BRACKET_ACTOR, BRACKET_NAME, CAST_LIST, CUE_ORG, LIFE_NAME, LIST_PERSON, OF_THE_NAME, \
    PRIZE_WON, ROLE_NAME, TITLE_OWNER_NAME, Candidate
from ..view import DocView
from ..vocab import Label


def bracket_names(v: DocView) -> Iterator[Candidate]:
    """'Dale [Orrin Mayes]' - an editor's bracketed completion of a person's name; 'Dr. Mara Quill
    (Nadia Vorst)' - the actor in round brackets after the character, a known first name first."""
    doc = v.doc
    toks = v.tokens
    for ent in v.ents:
        if ent.label_ != "PERSON" or ent.end + 2 >= len(doc) or toks[ent.end].text != "[":
            continue
        close = next((k for k in range(ent.end + 1, min(len(doc), ent.end + 6)) if toks[k].text == "]"), None)
        if close and all(is_cap(t) for t in doc[ent.end + 1:close]):
            yield BRACKET_NAME.found(ent.start, close + 1)
    for ent in v.ents:  # "Dr. Mara Quill (Nadia Vorst)": a character and, in brackets, its actor
        k = ent.end
        if ent.label_ != "PERSON" or k + 4 > len(doc) or toks[k].text != "(" or not is_first_name(toks[k + 1].text):
            continue
        close = next((m for m in range(k + 3, min(len(doc), k + 5)) if toks[m].text == ")"), None)
        if close and all(t.is_title and t.is_alpha and t.ent_iob_ == "O" for t in doc[k + 1:close]):
            yield BRACKET_ACTOR.found(k + 1, close)



def life_names(v: DocView) -> Iterator[Candidate]:
    """'Rufus Alden Varrow (March 31, 1866 – 1932) was a farmer', 'Ana von der Holt (born 1950)',
    'Wilmar "Willi" Holt (1940 – 2016)': the capitalised words that open a sentence, with name
    particles (`patterns/name_particles.txt`) and a quoted nickname, right before the bracket of a
    life (a 'born' date, or two years a lifetime apart) are one person's name, when the model took
    part of it for a person or it opens with a known first name."""
    doc = v.doc
    toks = v.tokens
    particles = name_particles()
    people = [(e.start, e.end) for e in v.ents if e.label_ == "PERSON"]
    for sent in v.sents:
        s = sent.start
        k = next((j for j in range(s, min(sent.end, s + _LIFE_NAME_WORDS + 1)) if toks[j].text == "("), None)
        if k is None or k - s < 2 or not is_cap(toks[s]) or not is_cap(toks[k - 1]) \
                or not all(_name_token(toks, j, particles) for j in range(s, k)):
            continue
        if not any(s <= a and b <= k for a, b in people):
            continue
        close = next((j for j in range(k + 1, min(sent.end, k + 30)) if toks[j].text == ")"), None)
        if close is not None and _life(v.span_text(k + 1, close)):
            yield LIFE_NAME.found(s, k)


def _name_token(toks, j: int, particles: frozenset[str]) -> bool:
    """A word of a name: capitalised, a particle ('von', 'de'), a hyphen, or a quoted nickname's
    word or quote ('"Willi"')."""
    t = toks[j]
    return t.is_title and t.is_alpha or t.lower_ in particles or t.text in {"-", '"', "“", "”"} \
        or t.text[:1].isupper() and t.text.replace("-", "").replace(".", "").isalpha()


def _life(inside: str) -> bool:
    """'born 23 May 1996', '1866 – 1932', 'March 31, 1866 – 1932': a birth, or two years a lifetime apart."""
    if _BORN.match(inside):
        return bool(YEAR_NUMBER.search(inside))
    parts = _DASH.split(inside, maxsplit=1)
    if len(parts) != 2:
        return False
    before, after = (YEAR_NUMBER.findall(p) for p in parts)
    return bool(before and after) and LIFETIME[0] <= int(after[0]) - int(before[-1]) <= LIFETIME[1]

_LIFE_NAME_WORDS = 10  # tokens of a name before a life's bracket, particles and a nickname's quotes included
_BORN = re.compile(r"\s*(born|b\.)\s", re.IGNORECASE)
_DASH = re.compile(r"\s*[–—-]\s*")

def cue_orgs(v: DocView) -> Iterator[Candidate]:
    """'fashion house Vela Vela', 'the distributor Tallgrass Films' - a name after an organisation cue.
    The cue is a common noun of the sentence: in lower case, and a word of its own; a capitalised
    one belongs to the name before it ('Orvo Festival PR', 'FESTIVAL DE X'), a compound's last
    part qualifies the noun after it ('a multi-platform Vela project')."""
    doc = v.doc
    toks = v.tokens
    cues = org_cues()
    longest = max(len(c.split()) for c in cues)
    heads = prefixes_of(tuple(cues))
    for tok in (toks[i] for i, low in enumerate(v.lower) if low in heads):  # tokens that may start a cue
        if not tok.is_lower or tok.i > 0 and toks[tok.i - 1].text == "-" and not toks[tok.i - 1].whitespace_:
            continue
        for n in range(longest, 0, -1):
            if tok.i + n >= len(doc):
                continue
            phrase = doc[tok.i:tok.i + n].text.lower()
            if phrase in cues:
                i = tok.i + n
                if not toks[i].text[:1].isupper() or toks[i].ent_type_ in {"GPE", "DATE"}:
                    break
                end = title_end(v, i, min(len(doc), i + 6))
                if end > i:
                    yield CUE_ORG.found(i, end, kind=cues[phrase])
                break



# a verb of winning that takes a prize only with its particle: 'took home', 'picked up' ('took the Silver Line')
_PRIZE_PARTICLES = {"take": "home", "pick": "up"}
_PRIZE_OBJECTS = {"him", "her", "them", "it", "us", "me", "you"}  # "earned her the Golden X"


@lru_cache(maxsize=1)
def _prize_verbs() -> frozenset[str]:
    """The verbs of winning of `patterns/relation_words.csv` (kind `prize_verb`: 'win', 'take')."""
    return frozenset(w for w, kind in csv_map("relation_words.csv").items() if kind == "prize_verb")


def prizes_won(v: DocView) -> Iterator[Candidate]:
    """'won the Crystal Heron', 'picked up a Silver Kite', 'earned her the Golden Calabash Award': after
    a verb of winning (`relation_words.csv`, kind `prize_verb`), its particle, an object pronoun and a
    determiner, a statuette's word (`award_metals.txt`) and one capitalised noun, with an award's own
    head word after it or none. A longer run of capitals is some other name ('won the Golden Gate
    Regatta'), a known place is a town's ('won the Gold Coast seat'), and 'the Golden X for Best Y'
    is the pattern `award_metal_for`'s."""
    toks = v.tokens
    verbs = _prize_verbs()
    metals, heads = word_list("award_metals.txt"), award_heads()
    determiners = ARTICLES | POSSESSIVE_DETERMINERS
    n = len(toks)
    for i, lemma in enumerate(v.lemma):
        if lemma.lower() not in verbs or not toks[i].is_alpha:
            continue
        j = i + 1
        particle = _PRIZE_PARTICLES.get(lemma.lower())
        if particle is not None:
            if j >= n or v.lower[j] != particle:
                continue
            j += 1
        if j + 1 < n and v.lower[j] in _PRIZE_OBJECTS and v.lower[j + 1] in ARTICLES | POSSESSIVE_DETERMINERS:
            j += 1  # "earned her the Golden X", not "won her Golden X"
        if j + 2 >= n or v.lower[j] not in determiners or v.lower[j + 1] not in metals or not toks[j + 1].is_title:
            continue
        noun = toks[j + 2]
        if not (noun.is_title and noun.is_alpha) or noun.is_stop or "\n" in toks[j + 1].whitespace_:
            continue
        end = j + 3
        if end < n and toks[end].is_title and v.lower[end] in heads and "\n" not in noun.whitespace_:
            end += 1
        after = toks[end] if end < n and "\n" not in toks[end - 1].whitespace_ else None
        if after is not None and (after.is_title and after.is_alpha or after.lower_ == "for") \
                or v.span_text(j + 1, end) in known_place_names():
            continue  # "won the Gold Coast seat": a town's name
        yield PRIZE_WON.found(j + 1, end)


_OF_LABELS = {"ORG": Label.ORG, "FAC": Label.ORG, "EVENT": Label.ORG, "WORK_OF_ART": Label.WORK}


def of_the_names(v: DocView) -> Iterator[Candidate]:
    """'The Keepers of the Flame made threats': the model marks only the word after 'of the'; the
    name starts at a capital 'The' and the capitals after it (never a role word: 'The President of')."""
    toks = v.tokens
    words = role_words()
    for ent in v.ents:
        label = _OF_LABELS.get(ent.label_)
        if label is None or len(ent) != 1 or ent.start < 3 or toks[ent.start - 1].lower_ != "the" \
                or toks[ent.start - 2].lower_ != "of" or not toks[ent.start - 3].is_title \
                or toks[ent.start - 3].lower_ in words:
            continue
        start = ent.start - 3
        while start > 0 and toks[start - 1].is_title and toks[start - 1].ent_iob_ == "O" \
                and "\n" not in toks[start - 1].whitespace_ and start > ent.start - 6:
            start -= 1
        if toks[start].text == "The" and ent[0].is_title:
            yield OF_THE_NAME.found(start, ent.end, label)


def cast_lists(v: DocView) -> Iterator[Candidate]:
    """'starring Kip Norris, Rusty Buckles and Rosalind Devon': the names in a cast list are people,
    whatever the model took them for; 'as Role' asides are skipped."""
    doc = v.doc
    toks = v.tokens
    cues = cast_cues()
    first_words = {c[0] for c in cues}
    lower = v.lower
    for at, low in enumerate(lower):
        if low not in first_words:
            continue
        tok = toks[at]
        cue = next((c for c in cues if tuple(lower[tok.i:tok.i + len(c)]) == c), None)
        if cue is None:
            continue
        i = tok.i + len(cue)
        while i < len(doc) and toks[i].text in {":", ","}:
            i += 1
        for _ in range(12):  # a list is not endless
            if i >= len(doc) or not toks[i].is_title or toks[i].ent_type_ in {"DATE", "GPE"} and i > tok.i + len(cue):
                break
            end = i
            while end < len(doc) and end - i < 4 and (toks[end].is_title or toks[end].text in {"-", "'"} and end > i
                                                      or toks[end].text == "." and len(toks[end - 1]) == 1):
                end += 1
            if end - i >= 2 or is_first_name(toks[i].text):
                yield CAST_LIST.found(i, end)
            k = end
            if k < len(doc) and toks[k].lower_ == "as":  # "A as Role,"
                k += 1
                while k < len(doc) and (toks[k].is_title or toks[k].lower_ in TITLE_GLUE) and toks[k].text != ",":
                    k += 1
            if k < len(doc) and toks[k].text == "(":
                close = next((m for m in range(k, min(len(doc), k + 8)) if toks[m].text == ")"), None)
                k = close + 1 if close is not None else k
            if k < len(doc) and toks[k].lower_ in {",", "and", "&"}:
                k += 1
                if k < len(doc) and toks[k].lower_ == "and":
                    k += 1
                i = k
            else:
                break



def role_names(v: DocView) -> Iterator[Candidate]:
    """'the actor and screenwriter Raghavendran', 'director Se Yoon Kim': a name after a role word."""
    doc = v.doc
    toks = v.tokens
    words = role_words()
    for tok in (toks[i] for i, low in enumerate(v.lower) if low in words):
        if not words[tok.lower_] or not tok.is_lower or tok.i + 1 >= len(doc):
            continue
        i = tok.i + 1
        if not toks[i].is_title or toks[i].ent_type_ in {"DATE", "GPE", "NORP"} or toks[i].lower_ in words:
            continue
        end = i
        while end < len(doc) and end - i < 4 and (toks[end].is_title or toks[end].text == "-" and end > i) \
                and "\n" not in toks[end - 1].whitespace_:
            end += 1
        while end > i and not any(ch.isalpha() for ch in toks[end - 1].text):
            end -= 1  # trailing punctuation, never a name with an apostrophe inside ("D'Arcy")
        if end > i:
            yield ROLE_NAME.found(i, end)



def strip_role_prefix(span: Span) -> tuple[int, list[str]]:
    """'Filmmaker Sunhee Park' -> start after 'Filmmaker', roles ['director'];
    'Vice Admiral Thomas Varley' -> start at 'Thomas'."""
    roles, start = [], span.start
    words, titles = role_words(), honorifics()
    for tok in span:
        if tok.i >= span.end - 1:
            break
        parts = [p for p in re.split(r"[/-]", tok.lower_) if p]
        if parts and all(p in words for p in parts):
            roles += [words[p] for p in parts if words[p]]
        elif tok.lower_.rstrip(".") in titles or tok.text in "/-." or tok.lower_ in demonyms() and span.end - tok.i > 2:
            # "Prime Minister X", "Jamaican Delroy Hanks": a title or a nationality before the name
            pass
        else:
            break
        start = tok.i + 1
    return start, roles


def listed_people(v: DocView) -> Iterator[Candidate]:
    """'Karl Stock, Dervil and Shostak', 'are Ana Maria Ruiz, Pedro Lin, Eva Sol', 'with Ana Ruiz and
    Pedro Lin': a capitalised name the model left unmarked between two people of a list, before two
    listed people, or after 'with' and before 'and' a listed person."""
    toks = v.tokens
    ents = [e for e in v.ents if e.label_ == "PERSON"]
    for a, b in zip(ents, ents[1:]):
        j = _list_gap(v, a.end)
        end = _unmarked_name_end(v, j) if j is not None else j
        if end is not None and end > j and _list_gap(v, end) == b.start:
            yield LIST_PERSON.found(j, end)
        if _list_gap(v, a.end) == b.start and a.start > 1 and toks[a.start - 1].text == ",":
            start = a.start - 1
            while start > 0 and a.start - 1 - start < 3 and _unmarked_word(toks[start - 1]):
                start -= 1
            if start < a.start - 1 and start > 0 and not is_cap(toks[start - 1]) and toks[start - 1].is_alpha:
                yield LIST_PERSON.found(start, a.start - 1)
    for b in ents:  # "with Ana Ruiz and Pedro Lin": a two-word name linked to a listed person by 'with'
        k = b.start - 1
        if k < 3 or toks[k].lower_ not in {"and", "&"}:
            continue
        start = k
        while start > 0 and k - start < 3 and _unmarked_word(toks[start - 1]) and toks[start - 1].lower_ != "with":
            start -= 1
        if k - start >= 2 and start > 0 and toks[start - 1].lower_ == "with":
            yield LIST_PERSON.found(start, k)


def _list_gap(v: DocView, i: int) -> int | None:
    """Where a list's next item starts after ', ', ', and ' or ' and ' at `i` (None if no list goes on)."""
    doc = v.doc
    toks = v.tokens
    k = i
    if k < len(doc) and toks[k].text == ",":
        k += 1
    if k < len(doc) and toks[k].lower_ in {"and", "&"}:
        k += 1
    return k if k > i and k < len(doc) else None


def _unmarked_word(tok) -> bool:
    return tok.is_title and tok.is_alpha and tok.ent_iob_ == "O" and "\n" not in tok.whitespace_


def _unmarked_name_end(v: DocView, j: int) -> int:
    doc = v.doc
    toks = v.tokens
    end = j
    while end < len(doc) and end - j < 3 and _unmarked_word(toks[end]):
        end += 1
    return end


def title_owners(v: DocView) -> Iterator[Candidate]:
    """"Hiroki Tanabe's SHOPLIFTING", "Mori-oka's HARBOUR": a name in mixed case, one to three
    words (a hyphenated word is one), right before a possessive and a title in capitals, is the
    title's director; not a word of English, an organisation's word, nor a name the model calls an
    organisation ("Netflix's", "the studio's")."""
    toks = v.tokens
    kinds = org_kinds()
    for i in range(2, len(toks) - 1):
        title = toks[i + 1]
        if toks[i].text not in POSSESSIVE_S or not (title.is_upper and title.is_alpha and len(title) > 1):
            continue
        j = i + 1
        while j < len(toks) and toks[j].is_upper and toks[j].is_alpha:
            j += 1
        if j < len(toks) and toks[j].is_title and toks[j].is_alpha:
            continue  # "Alder Cove Children's NHS Trust": capitals inside a longer name
        if j == i + 2 and len(title) < 4:
            continue  # "Children's HBC", "Dave's RPG character": initials, not a title
        start, words = i, 0
        while start > 0 and words < 3:
            k = start - 1
            if k >= 2 and toks[k].is_alpha and toks[k - 1].text == "-" and not toks[k - 1].whitespace_ \
                    and not toks[k - 2].whitespace_ and toks[k - 2].is_title:
                k -= 2  # "Mori-oka", "Jean-Luc"
            if not (toks[k].is_title and toks[k].is_alpha) or "\n" in toks[k].whitespace_:
                break
            start, words = k, words + 1
        if not words:
            continue
        span = toks[start:i]
        if any(e.label_ in {"ORG", "NORP", "WORK_OF_ART"} and start <= e.start and e.end <= i for e in v.ents) \
                or any(t.lower_ in kinds for t in span) \
                or toks[start].is_sent_start and v.common_word(toks[start]) \
                or all(v.common_word(t) for t in span if t.is_alpha) or v.span_text(start, i).lower() in countries():
            continue  # "Korea's KOMPA": a country is never a person
        yield TITLE_OWNER_NAME.found(start, i)
