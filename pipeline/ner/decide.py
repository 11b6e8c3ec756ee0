"""Entity recognition, the deciding half: candidates from the model and the rules -> the spans
kept, one label per name in a document, with the filters that know what is not a name.

Pure functions over a spaCy Doc and `common.Candidate`s from `titles`, `names` and the model (token offsets).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..lexicon import (ANY_YEAR, ARTICLES, LEGAL_FORMS, POSSESSIVE, POSSESSIVE_DETERMINERS, POSSESSIVE_S, YEAR,
                       award_heads, character_cues, countries, demonyms, drop_suffixes, headline_verbs, honorifics,
                       is_first_name, known_place_names, not_names, org_kind, org_kinds, role_words, word_list, work_cues)
from .names import strip_role_prefix
from .common import NAME_CITED, NOT_TITLE_BEFORE, occurrences
from .registry import CONTEXT_STRENGTH, DEFINITION, MODEL, PATTERN, PROPAGATED, SHORT_NAME, YEAR_PREFIX, Candidate, Step
from ..view import DocView
from ..vocab import Label

NUMERAL_HEADS = "numeral_heads.txt"  # "World War I", "Part I": the numeral is the name's
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)", re.I)
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_GENERIC_ORG = {"film", "international", "annual", "the", "short", "independent", "national", "&", "and", "of"}
_SEPARATORS = {"—", "–", "|", "·", "•"}
_COPYRIGHT = {"ⓒ", "©", "(c)"}
_DETERMINERS = ARTICLES | POSSESSIVE_DETERMINERS | {"this", "that", "every"}
_OF_GLUE = {"of", "the", "and", "&"}  # inside a name after 'of': "the Council of Arts and Letters"
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")  # a letter of another script


def _trim(v: DocView, c: Candidate) -> tuple[Candidate | None, tuple[str, ...]]:
    """Strips what is not part of a name: determiners, bullets, role words, possessives."""
    doc = v.doc
    start, end, roles = c.start, c.end, ()
    toks = v.tokens
    while start < end and (toks[start].is_punct or toks[start].is_space or toks[start].text in ARTICLES
                           or toks[start].text in {"•", "·"}) and toks[start].text not in {"'", '"'}:
        start += 1
    verbatim = c.rule.verbatim or toks[end - 1].text in {"?", "!"}  # "They Paint Fences, Don't They?"
    if not verbatim:
        # "In 2003", "As in Walters of the Marsh", "for his Ghosts of Karimpur": not part of a name
        while start < end - 1 and toks[start].is_stop and toks[start].lower_ not in ARTICLES \
                and (toks[start].pos_ in {"ADP", "SCONJ", "CCONJ", "ADV", "PRON", "DET"} or toks[start].is_lower) \
                and not (c.label == Label.PERSON and toks[start].is_title and is_first_name(toks[start].text)) \
                and not (c.label in (Label.ORG, Label.WORK) and toks[start].is_title
                         and (not toks[start].is_sent_start or c.rule is DEFINITION and toks[start + 1].is_title)):
            # a capital inside a sentence marks a name's first word: "studied at Our Lady College";
            # a defined name fills its sentence up to the verb: "Beyond Pale Hills is a 2003 game"
            start += 1
        if end - start > 2 and toks[start].lower_ == "list" and toks[start + 1].lower_ == "of":
            start += 2  # "see List of Norvia games": a reference list's page, named after its subject
        # "Pornsak Wattana's Prince of Tanjungsari" (a title after its owner)
        poss = [t.i for t in toks[start:end - 1] if t.text in POSSESSIVE_S and toks[t.i - 1].ent_type_ == "PERSON"]
        if poss and c.label == Label.WORK:
            start = poss[-1] + 1
        if c.label == Label.AWARD:
            start, end = _award_bounds(v, start, end)
        # "Dare Zone, Deal", "Marta, Howard Flint": a list, not one name
        comma = next((t.i for t in toks[start:end] if t.text == ","
                      and not (t.i + 1 < end and toks[t.i + 1].text.rstrip(".").lower() in LEGAL_FORMS)), None)
        if comma is not None and comma > start and c.label in (Label.ORG, Label.PERSON, Label.WORK):
            end = comma
    end = _before_pronoun_i(v, start, end)
    opened = next((t.i for t in toks[start:end] if t.text == "("), None)
    if opened is not None and not any(t.text == ")" for t in toks[opened:end]) and opened > start:
        end = opened  # "Mara (Tobin Asher", "Ashfall (Norvia": a name holds no unclosed bracket
    while end > start + 1 and not verbatim and (toks[end - 1].text in {"and", "or", "of", "the", "&", "for", "with"}
                                                          or c.label == Label.AWARD and toks[end - 1].text == "in"):
        end -= 1  # "University of Lumen and": a pattern's glue word left at the end
    if c.rule is MODEL and c.label in (Label.ORG, Label.PERSON) and end - start > 1 and end < len(doc) \
            and toks[end - 1].lower_ in headline_verbs() and "\n" not in toks[end - 1].whitespace_ \
            and not toks[end].is_punct:
        end -= 1  # "Harbin Unveils 12th Edition", "Mara Voss plays the painter": a headline's or a review's verb
    while end > start and (toks[end - 1].is_space or toks[end - 1].text in {"'s", "’s", "'", ",", ".", ":", ";", "-", "“", "”", '"'}
                           and not (c.label == Label.PERSON and toks[end - 1].text == "." and len(toks[end - 2]) == 1)):
        end -= 1
    if c.rule is MODEL and c.label == Label.PERSON:
        end = _person_end(v, start, end)
    if c.label == Label.PERSON and end > start:
        start, found = strip_role_prefix(doc[start:end])
        roles = tuple(found)
    if c.label == Label.ORG and c.rule is PATTERN:
        end = _first_of_two(v, start, end)
    if c.label == Label.ORG:  # "CEO of the BIGframe Festival" -> "BIGframe Festival"
        k = start
        while k < end - 1 and (toks[k].lower_ in role_words() or toks[k].lower_ in not_names()):
            k += 1
        if k > start and toks[k].lower_ in {"of", "at"}:
            k += 1
            start = k + 1 if toks[k].lower_ == "the" and k < end - 1 else k
    if c.label in (Label.ORG, Label.AWARD, Label.WORK, Label.PLACE) and end - start > 1 \
            and (YEAR.fullmatch(toks[start].text) or _ORDINAL.fullmatch(toks[start].text)) \
            and not verbatim and toks[start + 1].lower_ != "century":  # "20th Century Films" is a name
        start += 1  # "the 2016 Ashgrove Film Festival": the year becomes a date of its own
    if c.label == Label.ORG and end - start >= 3 and toks[end - 2].lower_ == "of" and toks[end - 1].is_title:
        end = _listed_fields(v, end)  # "the Department of Media, Design and Film"
    # the model's name of two words or more that ends in an English noun goes on through 'of' too ("the
    # District Court of X", "the Savings Bank of X"); not a person's name ("a gift of Ostrava Kessing of
    # X") nor a title of one word ("Bishop of X": a person's see)
    if c.label == Label.ORG and end + 1 < len(doc) and toks[end].lower_ == "of" and "\n" not in toks[end].whitespace_ \
            and (c.rule is not MODEL or toks[end - 1].lower_ in org_kinds()
                 or end - start > 1 and v.common_word(toks[end - 1]) and toks[end - 1].lower_ not in role_words()):
        end = _of_place(v, end + 1, festival=org_kind(v.span_text(start, end)) == "festival") or end
    if c.label == Label.ORG and c.rule is PATTERN and end < len(doc) and _one_word_more(v, start, end):
        end += 1
    if c.label == Label.ORG and end - start > 1 and YEAR.fullmatch(toks[end - 1].text) and not verbatim \
            and toks[end - 2].is_alpha and not toks[end - 2].is_lower:
        end -= 1  # "Ashgrove 2016", "LUMENFEST 2021": a festival's edition; not "the Campaign of 1940"
    if end <= start:
        return None, ()
    return c._replace(start=start, end=end), roles


def _one_word_more(v: DocView, start: int, end: int) -> bool:
    """The model's own organisation, begun at or before a pattern's name, ends one word after it,
    and that word is a place or an organisation word ("the Harbour University Chicago", "the
    Lumen Film Festival Society"): the name's. Not another word ("the Lumen Institute Writers")."""
    toks = v.tokens
    t = toks[end]
    if not (t.ent_iob_ == "I" and t.ent_type_ == "ORG" and t.is_title) or "\n" in toks[end - 1].whitespace_ \
            or end + 1 < len(toks) and toks[end + 1].ent_iob_ == "I":
        return False
    first = end - 1
    while first > 0 and toks[first].ent_iob_ == "I":
        first -= 1
    return first <= start and (t.lower_ in org_kinds() or t.text in known_place_names())


def _first_of_two(v: DocView, start: int, end: int) -> int:
    """The end of the first of two organisations a pattern joined at 'and': 'Marrow College of Art and
    the University', 'Lumen University of Technology and Saimo University of Applied Arts'. The second
    opens with 'the' or, as the first does, holds an organisation word after a name's own word (not an
    English word: 'Film and Writing Festival', 'Institute of Film and Television Arts' and 'Harbour
    University and Hospital' are one name each)."""
    toks = v.tokens
    kinds = org_kinds()
    # a match that starts inside a longer name ('Technology and Saimo University' of 'Lumen University of
    # Technology and ...') is cut at its 'and' too: the longer name's own match holds its first part
    inside = start > 1 and toks[start - 1].lower_ == "of" and toks[start - 2].is_title
    for k in range(start + 1, end - 1):
        if toks[k].lower_ not in {"and", "&"}:
            continue
        after = toks[k + 1:end]
        second = len(after) >= 2 and after[0].lower_ not in kinds and not v.common_word(after[0]) \
            and any(t.lower_ in kinds for t in after)
        if after[0].lower_ == "the" or second and (inside or any(t.lower_ in kinds for t in toks[start:k])):
            return k
    return end


_OWNERS = {"PERSON", "GPE", "LOC", "FAC"}  # a possessive of these before an award is its owner's


def _award_bounds(v: DocView, start: int, end: int) -> tuple[int, int]:
    """"People's Choice Award", "Critics' Prize", "Director's Cut Awards": a possessive of a
    plural or a role inside the name; "TIFF's Audience Award", "Mara Voss's Golden Crane": an
    owner's, before the name. "... Award for Best Score in 1988": the year is not the name's."""
    toks = v.tokens
    for k in range(start + 1, end - 1):
        if toks[k].text in POSSESSIVE and not (toks[k - 1].tag_ in {"NNS", "NNPS"} and toks[k - 1].ent_type_ not in _OWNERS
                                                 or toks[k - 1].lower_ in role_words()):
            start = k + 1
    cut = next((k for k in range(start + 1, end - 1) if toks[k].lower_ == "in" and not toks[k + 1].is_title), None)
    if cut is not None and not any(t.lower_ in award_heads() for t in toks[start:cut]):
        return start, start  # "the University of Lumen in honor of ...": no award's name
    return start, end if cut is None else cut


def _person_end(v: DocView, start: int, end: int) -> int:
    """'Edda Rhee the Golden Crane', 'James shot my', "Alex Perrin's Outside": the model's
    person run on into the clause; a name ends before a lower-case word that is no particle of
    names ('Ludwig van Hale', 'Earl of Ross': a verb, a pronoun, a determiner) and before a possessive, once a full name or a known
    first name is behind it ('Kick the Lantern' stays whole)."""
    toks = v.tokens
    if toks[end - 1].lower_ in org_kinds():
        return end  # "Alder Hey Children's Trust": an organisation's name (`_person_by_first_name`)
    for k in range(start + 1, end):
        t = toks[k]
        cut = t.text in POSSESSIVE_S and k + 1 < end or t.lower_ == "the" \
            or t.is_lower and t.is_alpha and t.pos_ in {"VERB", "AUX", "PRON", "DET"} and toks[k - 1].text != "-" \
            and not (k + 1 < end and toks[k + 1].is_title)  # "Alex dos Santos": a particle between names
        if cut:
            named = k - start >= 2 or toks[start].is_title and is_first_name(toks[start].text)
            return k if named else end
    return end


def _before_pronoun_i(v: DocView, start: int, end: int) -> int:
    """'For Kanemura-san I was happiest', 'After THE LAST HARBOUR I kept asking': a name put
    first, then the speaker's 'I' and its verb; the 'I' is not part of the name."""
    toks = v.tokens
    if end - start < 2 or toks[end - 1].text != "I" or end >= len(toks) or not toks[end - 2].whitespace_:
        return end
    nxt = toks[end]
    before = toks[end - 2]
    if not (nxt.is_lower and nxt.is_alpha and nxt.tag_ in {"VBD", "VBP", "MD", "RB"}) \
            or before.lower_ in word_list(NUMERAL_HEADS) \
            or end - start == 2 and before.is_title and is_first_name(before.text):
        return end
    return end - 1


def _listed_fields(v: DocView, end: int) -> int:
    """After a name that ends 'of A' (token `end` follows it): ', B and C', ', B, C and D' of single
    capitalised words on the same line, and nothing capitalised after, are more fields of the same
    school or department ('School of Drama, Film and Radio'); the end of the name."""
    toks = v.tokens
    k = end
    while k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].is_title and toks[k + 1].is_alpha:
        k += 2
    if k == end or k + 1 >= len(toks) or toks[k].lower_ != "and" or not (toks[k + 1].is_title and toks[k + 1].is_alpha):
        return end
    k += 2
    if any("\n" in t.whitespace_ for t in toks[end:k - 1]) or k < len(toks) and toks[k].is_title:
        return end
    return k


def _of_place(v: DocView, i: int, festival: bool) -> int | None:
    """The end of the place that starts at token i after an organisation's name and 'of' ("the Film
    Commission of Norvia"): the model's place, the rest of the model's own longer name, or
    after a festival one proper noun it did not mark ("the Thriller Film Festival of Varno"); None if
    there is none."""
    toks = v.tokens
    if toks[i].ent_iob_ == "B" and toks[i].ent_type_ == "GPE":
        end = i + 1
        while end < len(toks) and toks[end].ent_iob_ == "I":
            end += 1
        return end
    if toks[i].ent_iob_ == "I" and toks[i - 1].ent_iob_ == "I" and toks[i].ent_type_ == "ORG":
        # the model's own name runs on through 'of' to its end in capitalised words ("the Film Council
        # of Norway", "the Music Association of Varnow Hall"), where a pattern stopped at the
        # organisation word
        end = i + 1
        while end < len(toks) and toks[end].ent_iob_ == "I":
            end += 1
        first = i + 1 if toks[i].lower_ == "the" else i
        if first < end and all(t.is_title or t.lower_ in _OF_GLUE for t in toks[first:end]) and toks[end - 1].is_title:
            return end
    if festival and not toks[i].ent_type_ and toks[i].is_title and toks[i].pos_ == "PROPN" \
            and not (i + 1 < len(toks) and toks[i + 1].is_title):
        return i + 1
    return None


def decide(v: DocView, cands: list[Candidate]) -> list[tuple[Candidate, tuple[str, ...]]]:
    """Best candidates first (rule over model, longer over shorter); no two overlap."""
    doc = v.doc
    trimmed = []
    for c in cands:
        t, roles = _trim(v, c)
        if t is not None and keep(v, t):
            trimmed.append((_site_name(v, _person_by_first_name(v, t)), roles))
    trimmed.sort(key=lambda cr: (-cr[0].score, -(cr[0].end - cr[0].start), cr[0].start))
    taken = bytearray(len(doc))
    toks = v.tokens
    chosen = []
    for c, roles in trimmed:
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        if c.label == Label.ORG and c.kind is None:
            c = c._replace(kind=org_kind(v.span_text(c.start, c.end)))
        if c.label == Label.PERSON and c.rule is DEFINITION and c.kind:
            roles = tuple(dict.fromkeys(roles + (c.kind,)))  # "Kim is a director" -> director
        chosen.append((c, roles))
    for c, _ in list(chosen):  # the year cut from "the 2016 Ashgrove Film Festival"
        if c.start > 0 and YEAR.fullmatch(toks[c.start - 1].text) and not taken[c.start - 1]:
            taken[c.start - 1] = 1
            chosen.append((YEAR_PREFIX.found(c.start - 1, c.start), ()))
    chosen.sort(key=lambda cr: cr[0].start)
    return chosen


def _owns_caps_title(v: DocView, c: Candidate) -> bool:
    """Two or three capitalised words that are not English words nor an organisation's, before a
    possessive and a title in capitals: the title's director ('Tomoko Ishi-ida's STILL RIVER')."""
    toks = v.tokens
    words = [t for t in toks[c.start:c.end] if t.text != "-"]
    if not 2 <= len(words) <= 4 or c.end + 2 >= len(toks) or toks[c.end].text not in POSSESSIVE_S:
        return False
    title = toks[c.end + 1]
    if not (title.is_upper and title.is_alpha and len(title) > 1 or title.text in {"“", '"', "‘"}):
        return False
    return all(t.is_alpha and (t.is_title or toks[t.i - 1].text == "-") for t in words) \
        and not v.common_word(words[0]) and not all(v.common_word(t) for t in words) \
        and org_kind(v.span_text(c.start, c.end)) is None and not any(t.lower_ in demonyms() for t in words)


def _site_name(v: DocView, c: Candidate) -> Candidate:
    """'SHUTTER ANGLE — the magazine of cinematography' at a page's start, 'Photo ⓒ LUMEN DAILY /
    Kim Ara': a title-shaped name in the masthead or a photo's copyright line is the site's, a
    publication (an organisation), not a work."""
    toks = v.tokens
    if c.label == Label.WORK and (_masthead(v, c.start, c.end)
                                  or c.start > 0 and toks[c.start - 1].text in _COPYRIGHT):
        return c.step(Step.SITE_NAME, label=Label.ORG, kind="media")
    return c


def _person_by_first_name(v: DocView, c: Candidate) -> Candidate:
    """The model's 'Marie Lavoy' as an organisation: a short
    capitalised span that starts with a known first name, or ends in a double family name ('Ama
    Kwarteng-Boateng', `_double_family`), and has no organisation word is a person;
    its 'Kora Digital' as a person: a name ending in an organisation word is an organisation."""
    toks = v.tokens
    span = toks[c.start:c.end]
    if c.model_label and c.label == Label.PERSON and len(span) >= 2 and span[-1].lower_ in org_kinds():
        return c.step(Step.ORG_WORD, label=Label.ORG)  # "Kora Digital", "Vexa Interactive"
    if c.model_label and c.label in (Label.PERSON, Label.PLACE) and org_kinds().get(span[-1].lower_) == "festival":
        return c.step(Step.ORG_WORD, label=Label.ORG, kind="festival")  # "the Vostra Biennale": a festival by its own word
    owner = c.end + 2 < len(toks) and toks[c.end].text in POSSESSIVE_S and toks[c.end + 1].text in {"“", '"', "‘"}
    if c.model_label and c.label in (Label.ORG, Label.PLACE) and _owns_caps_title(v, c):
        return c.step(Step.TITLE_OWNER, label=Label.PERSON)  # "Tomoko Ishi-ida's STILL RIVER": a director owns it
    words = [t for t in span if t.text != "-"]  # "Rose-Ellen", "Lucía Etcheverry-Paz"
    if not c.model_label or not (c.label == Label.ORG or c.label == Label.PLACE and owner) \
            or len(span) < 2 or not 2 <= len(words) <= 3:
        return c  # a place the model knows ("San Lorenzo") is overruled only as the owner of a title: "Sara Lind's “X”"
    first = span[0]
    double = c.label == Label.ORG and _double_family(span) and not v.common_word(first)  # "Ama Kwarteng-Boateng"
    if not all(t.text[:1].isupper() and t.is_alpha and not t.is_upper for t in words) \
            or org_kind(v.span_text(c.start, c.end)) is not None \
            or first.is_stop or not (double or is_first_name(first.text)) \
            or any(t.lower_ in demonyms() for t in span) or c.start and toks[c.start - 1].lower_ == "at" \
            or not any(t.whitespace_ for t in span[:-1]) and not is_first_name(words[-1].text) \
            or v.common_word(first) and any(v.common_word(t) for t in words[1:]):  # "Royal Harbour", "Free State"
        return c  # "Han Chinese", "at Walter Brooks Agency"; one hyphenated word is a person's only as
        # two given names ("Anne-Marie"), not a town's double name ("Ivano-Frankivsk")
    return c.step(Step.FIRST_NAME if is_first_name(first.text) else Step.DOUBLE_FAMILY, label=Label.PERSON)


def _double_family(span) -> bool:
    """'Kehinde Abiola-Sanni', 'Lucía Etcheverry-Paz': a given name, then a family name of two
    capitalised parts joined by a hyphen - a person's shape, whatever the given name; a name whose
    hyphen sits elsewhere ('Kumo-ya Works', 'Vastilla-La Mancora') is not this shape."""
    return len(span) >= 4 and span[-2].text == "-" and not span[-3].whitespace_ and not span[-2].whitespace_ \
        and bool(span[-4].whitespace_) and span[-1].text[:1].isupper() and all(t.text != "-" for t in span[:-2])


def drop_characters(v: DocView, chosen):
    """'The main character, Sasha, ...': a name the text presents as a fictional character."""
    cues = character_cues()
    toks = v.tokens

    def presented(c: Candidate) -> bool:
        before = [t.lower_ for t in toks[max(0, c.start - 4):c.start] if not t.is_punct]
        return c.label == Label.PERSON and c.end - c.start == 1 and bool(before) and before[-1] in cues
    characters = {v.span_text(c.start, c.end) for c, _ in chosen if presented(c)}
    return [(c, r) for c, r in chosen if not (c.label == Label.PERSON and v.span_text(c.start, c.end) in characters)]


def drop_lone_words(v: DocView, chosen):
    """A one-word 'person' at a sentence start or cut from a longer capitalised name that is an
    ordinary English word ('Download', 'Writing') stays only when it is part of a full name the
    document gives."""
    toks = v.tokens
    name_words = {t.lower_ for c, _ in chosen if c.label == Label.PERSON and c.end - c.start > 1
                  for t in toks[c.start:c.end]}
    # a one-word name only the model reads as a person, nowhere with a rule's or a context's evidence
    evidenced = {v.span_text(c.start, c.end) for c, _ in chosen if c.rule not in (MODEL, PROPAGATED) or c.steps}
    people = [c for c, _ in chosen if c.label == Label.PERSON]
    vouched = {toks[c.start].text for c in people if c.end - c.start == 1 and (
        toks[c.start].dep_ == "nsubj" or c.end < len(toks) and toks[c.end].text in POSSESSIVE_S
        or c.start > 0 and toks[c.start - 1].lower_.rstrip(".") in honorifics()
        or [t.lower_ for t in toks[c.end:c.end + 2] if t.text != ","][:1] == ["who"])}
    for a, b in zip(people, people[1:]):  # "with Dorvan, Vishan Dalme and Fettik": listed with a full name
        if 1 <= b.start - a.end <= 2 and all(t.lower_ in {",", "and", "&"} for t in toks[a.end:b.start]):
            if b.end - b.start > 1:
                vouched.add(toks[a.start].text)
            if a.end - a.start > 1 or toks[a.start].text in vouched:
                vouched.add(toks[b.start].text)

    def lone(c: Candidate) -> bool:
        tok = toks[c.start]
        if c.label != Label.PERSON or c.end - c.start != 1 or tok.is_upper or is_first_name(tok.text) \
                or tok.lower_ in name_words:
            return False
        if (tok.is_sent_start or _lowercase_elsewhere(v, tok) or _inside_capitals(v, tok.i)) and v.common_word(tok):
            return True
        # 'born at Luster', 'Varsel and Kovsel': a word that is no first name nor part of a person's
        # fuller name in the text names a place or a firm as often as a person (on redocred-dev-all 39 of
        # 172 were people; on interviews-dev 3 of 28)
        # kept: an owner ("Kestrel's 'Grey Harbour Again'"), a clause's subject ("Orla won the Golden Crane"),
        # after an honorific ("Mr. Hollis"), before 'who', listed with a person named in full
        return c.rule in (MODEL, PROPAGATED) and not c.steps and tok.text not in evidenced \
            and tok.text not in vouched
    return [(c, r) for c, r in chosen if not lone(c) and not _opening_word_org(v, c)]


_NOT_OPENING = {",", "(", "-", "'", '"', "“", "‘", "&", "/"}  # punctuation inside a sentence or a name
_CELL_MARKS = {"|", "·", "•", "›", "»"}  # a page's separators of cells, links and breadcrumbs


def _opening_word_org(v: DocView, c: Candidate) -> bool:
    """The model's organisation of one ordinary English word written with a capital only where a
    sentence, a line or a page's cell opens ('· Rate & review us', '| Apply to the programme',
    'Content is available under', '| Omnibus; segment'): the capital says nothing, the word is
    no name. Not where a wrapped line of prose goes on ('studied at\nOxford')."""
    toks = v.tokens
    tok = toks[c.start]
    if c.label != Label.ORG or c.end - c.start != 1 or c.rule not in (MODEL, PROPAGATED) or c.steps \
            or tok.is_upper or not tok.is_alpha or not v.common_word(tok):
        return False
    return all(_opens(v, i) for i, t in enumerate(v.lower) if t == tok.lower_ and toks[i].text == tok.text)


def _opens(v: DocView, i: int) -> bool:
    """Token i opens a sentence, a line after a finished one, or a cell: the token before it (line
    breaks aside) is punctuation that ends or separates, or there is none."""
    toks = v.tokens
    k = i - 1
    while k >= 0 and toks[k].is_space:
        k -= 1
    return k < 0 or toks[k].is_punct and toks[k].text not in _NOT_OPENING or toks[k].text in _CELL_MARKS


def _inside_capitals(v: DocView, i: int) -> bool:
    """A word cut from a longer capitalised name: 'Beyond Bright and Dark', 'Morning's RTV'."""
    doc = v.doc
    toks = v.tokens
    before = i > 0 and toks[i - 1].is_title and toks[i - 1].is_alpha and not toks[i - 1].is_sent_start
    owner = i + 2 < len(doc) and toks[i + 1].text in POSSESSIVE_S and toks[i + 2].text[:1].isupper()
    return before or owner


def keep(v: DocView, c: Candidate) -> bool:
    """Filters spans that cannot be names of their label."""
    doc = v.doc
    toks = v.tokens
    span = toks[c.start:c.end]
    text = v.span_text(c.start, c.end)
    if c.label == Label.DATE:
        return not all(t.like_num and not ANY_YEAR.fullmatch(t.text) for t in span) or len(span) > 1
    if not any(ch.isalpha() for ch in text) or "\n" in text or len(text) > 120:
        return False
    if any(ch in text for ch in "@/\\|#") or re.search(r"https?:|www\.", text):
        return False
    if _ORDINAL.fullmatch(text) or (text[0].islower() and c.label != Label.WORK):
        return False
    if text.lower() in not_names() or (len(span) == 1 and span[0].lower_ in role_words()):
        return False
    if all(t.is_stop and not _capital_place(c, t) or t.is_punct for t in span) \
            and not (c.label == Label.WORK and len(span) >= 2 and text.isupper()):
        return False  # "Such is the case ..."; a title in capitals may be all small words ('ONE BY ONE (2014)')
    if c.model_label and len(span) == 1 and len(text) == 2 and text.isupper() and c.end < len(doc) \
            and toks[c.end].pos_ == "NOUN" and toks[c.end].is_lower and toks[c.end].lower_ not in work_cues():
        return False  # "a CT scan", "the IE certificate": a two-letter abbreviation before a noun
    if c.model_label and _NON_LATIN.search(text):
        return False  # the English model reading Thai or Hangul: a Hangul name is an alias (normalize.py)
    if c.model_label and len(span) == 1 and span[0].tag_ in {"JJ", "VBN", "VBD"} and c.kind is None \
            and not span[0].is_upper:
        return False  # "his Westernized name": an adjective, not a name (a demonym or a faith is one)
    if c.model_label and len(span) == 1 and span[0].is_sent_start and _lowercase_elsewhere(v, span[0]):
        return False  # "Filmmaking is ...": a capital only because the sentence starts there
    if c.label == Label.WORK and any(t.lower_ in NOT_TITLE_BEFORE for t in toks[max(0, c.start - 4):c.start]):
        return False  # "the message of "Dream and Love"": a saying, not a title
    if c.label == Label.WORK and _name_cited(toks[max(0, c.start - 4):c.start]):
        return False  # 'The name "Tessel Varga" was chosen': a name cited as a word
    if c.label == Label.ORG and len(span) >= 2 and all(t.lower_ in org_kinds() or t.lower_ in _GENERIC_ORG
                                                       for t in span):
        return False  # "the Film Festival", "International Film School": a kind of organisation, not its name
    if c.label == Label.ORG and len(span) >= 3 and span[-2].lower_ == "the" and span[-1].lower_ in org_kinds():
        return False  # "ELSEWHERE AT THE FESTIVAL", "News from the Studio": a heading about the organisation
    if c.label in (Label.PERSON, Label.ORG) and all(_INITIALS.fullmatch(t.text) for t in span):
        return False  # "J." or "R.T." left alone by the model: initials, not a name
    if c.model_label and c.label != Label.PLACE and all(v.common_word(t) for t in span) and (
            _is_whole_line(v, c.start, c.end) or c.end < len(doc) and toks[c.end].text == ":"
            and (v.starts_line(c.start) or toks[c.start - 1].text in {"|", "│", "·", "•"})):
        return False  # a heading ("Key Insights", "CREW") or a field's label ("| Cinematography: ...")
    if c.name == "award_named" and c.end < len(doc) and (toks[c.end].is_title and toks[c.end].is_alpha
                                                        or toks[c.end].text in {"-", "–"} and not toks[c.end - 1].whitespace_):
        return False  # "Oscar Tolm" is a person, "Oscar-winning" an adjective: the prize alone is an award
    if c.name == "place_hyphenated" and not _stands_alone(v, c):
        return False  # "the Asia-Pacific Trade Forum", "Red Rock-Pine Mountain": a part of a longer name
    if c.label == Label.PERSON:
        if any(t.like_num for t in span) or all(t.is_lower for t in span):
            return False
        if c.model_label and len(span) == 1 and c.start > 0 and toks[c.start - 1].lower_ in _DETERMINERS \
                and not (c.end < len(doc) and toks[c.end].text in POSSESSIVE_S):
            return False  # "nominated for an Oscar", "its Oscar submission": a person's name takes no article
        if c.model_label and len(span) == 1 and c.end < len(doc) and toks[c.end].is_lower \
                and toks[c.end].tag_ in {"NN", "NNS"} and toks[c.end].lower_ not in role_words():
            return False  # "Ostrel nominations arrive": a name before a common noun modifies it, not a person
    return True


def _name_cited(before) -> bool:
    """The words right before a name (quotes skipped) cite it as a word: 'the name', 'branded with'."""
    words = [t.lower_ for t in before if not t.is_punct]
    return bool(words) and (words[-1] in NAME_CITED or " ".join(words[-2:]) in NAME_CITED)


def _stands_alone(v: DocView, c: Candidate) -> bool:
    """No capitalised word right before the span (but a sentence's first) nor a capitalised word or a
    number right after it: 'in Varno-Keth in 1990', not 'the Varno-Keth Economic Forum', 'South-East
    Norvia' nor 'Federation-October 3'."""
    toks = v.tokens
    before = toks[c.start - 1] if c.start else None
    after = toks[c.end] if c.end < len(toks) else None
    return not (before is not None and before.is_alpha and before.text[:1].isupper() and not before.is_sent_start
                and "\n" not in before.whitespace_
                or after is not None and (after.text[:1].isupper() and after.is_alpha or after.like_num))


def _capital_place(c: Candidate, tok) -> bool:
    """'in the US': a stop word only in lower case; in capitals the model's place is a country's short name."""
    return c.model_label and c.label == Label.PLACE and tok.is_upper and len(tok) > 1


def _masthead(v: DocView, start: int, end: int) -> bool:
    """'SHUTTER ANGLE — the magazine of cinematography': the first words of a page, before a
    separator, are the site's name."""
    toks = v.tokens
    return not v.text[:toks[start].idx].strip() and end < len(toks) and toks[end].text in _SEPARATORS \
        and "\n" not in toks[end - 1].whitespace_


def _lowercase_elsewhere(v: DocView, tok) -> bool:
    low = tok.lower_
    return low != tok.text and low in v.token_texts


def _is_whole_line(v: DocView, start: int, end: int) -> bool:
    doc = v.doc
    toks = v.tokens
    before = start == 0 or "\n" in toks[start - 1].whitespace_ or toks[start - 1].is_space
    after = end == len(doc) or "\n" in toks[end - 1].whitespace_ or toks[end].is_space
    return before and after


def propagate(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]):
    """Marks every other occurrence of a name already found ('Se Yoon Kim' at a sentence start),
    replacing shorter spans it contains ('Yong Kim')."""
    doc = v.doc
    votes: dict[str, Counter] = defaultdict(Counter)
    best: dict[tuple[str, Label], Candidate] = {}
    for c, _ in chosen:
        if c.label != Label.DATE:
            name = v.span_text(c.start, c.end)
            votes[name][c.label] += 1
            if (name, c.label) not in best or c.score > best[(name, c.label)].score:
                best[(name, c.label)] = c
    # one label per name in a document: the best-scored reading wins, then the most frequent; a
    # country keeps its place reading whatever else a rule read in it ("Australia" is no person)
    by_text = {name: best[(name, Label.PLACE if Label.PLACE in v and name.lower() in countries() else
                           max(v, key=lambda lab: (best[(name, lab)].score, v[lab], lab.value)))]
               for name, v in votes.items()}
    titles = _titles_by_case(by_text)
    retitled = {name for name, c in by_text.items()
                if (c.label == Label.ORG or c.label == Label.PERSON and _not_name_shaped(name))
                and c.score <= MODEL.strength and set(votes[name]) == {c.label}
                and titles.get(name.casefold(), c) is not c and not is_first_name(name.split()[0])
                and not any(v.tokens[o.start - 1].text == "(" for o, _ in chosen
                            if o.start > 0 and v.span_text(o.start, o.end) == name)}
    by_text.update({name: titles[name.casefold()] for name in retitled})
    spans = {}
    for c, roles in chosen:
        name = v.span_text(c.start, c.end)
        top = by_text.get(name)
        if top is not None and top.label != c.label:
            c = c.step(Step.CASE_TITLE if name in retitled else Step.RELABEL, label=top.label, kind=top.kind)
        spans[(c.start, c.end)] = (c, roles)
    owner = [None] * len(doc)  # token -> the chosen span covering it
    for (s, e) in spans:
        for k in range(s, e):
            owner[k] = (s, e)
    for name, c in sorted(by_text.items(), key=lambda kv: -len(kv[0])):
        if len(name) < 3:
            continue
        variants = {name, name.title()} if name.isupper() and c.label == Label.WORK else {name}
        for variant in variants:
            for lo, hi in occurrences(v, variant):
                span = doc.char_span(lo, hi)
                if span is None or (span.start, span.end) in spans:
                    continue
                inside = {owner[k] for k in range(span.start, span.end) if owner[k] is not None}
                if any(s < span.start or e > span.end for s, e in inside):
                    continue  # overlaps a span that reaches outside this occurrence
                for s, e in inside:
                    del spans[(s, e)]
                spans[(span.start, span.end)] = (c.moved(PROPAGATED, span.start, span.end,
                                                        min(c.score, PROPAGATED.strength)), ())
                for k in range(span.start, span.end):
                    owner[k] = (span.start, span.end)
    _short_forms(v, spans, owner, by_text)
    return sorted(spans.values(), key=lambda cr: cr[0].start)


def _not_name_shaped(name: str) -> bool:
    """A person's name the model gave, with no first name and no hyphenated given name in it:
    'Harbourlight', 'Little Lantern' may be the title a rule found in capitals ('HARBOURLIGHT');
    'Mara Voss', 'Han Seo-jin' stay people."""
    return "-" not in name and not any(is_first_name(w) for w in name.split())


def _titles_by_case(by_text: dict[str, Candidate]) -> dict[str, Candidate]:
    """Titles a rule or context found (not the model alone), by their case-folded name: 'THE
    LAST HARBOUR' in a credit line names the work the model calls an organisation in the prose
    ('The Last Harbour'). Only the model's organisation, only where no other reading of that
    spelling is in the document, takes the title's label (`Step.CASE_TITLE`); not a name opening
    with a first name ('CELIA VOSS' read as a title names a person), nor one in brackets (a
    title's translation, 'SANS NOM (Nameless, 1985)', is an alias of that title, not a work
    of its own)."""
    return {name.casefold(): c for name, c in by_text.items()
            if c.label == Label.WORK and c.score >= CONTEXT_STRENGTH and any(ch.isalpha() for ch in name)}


def _short_forms(v: DocView, spans: dict, owner: list, by_text: dict[str, Candidate]) -> None:
    """'Kim' after 'Se Yoon Kim', 'Ashgrove' after 'Ashgrove Film Festival': a family name or a
    festival's distinctive word, where the model left it unmarked, is a mention too."""
    doc = v.doc
    generic = set(org_kinds()) | {"film", "international", "annual"}
    short: dict[str, Candidate] = {}
    for name, c in by_text.items():
        toks = name.split()
        if len(toks) < 2:
            continue
        if c.label == Label.PERSON:
            toks = drop_suffixes(toks, 2)  # "Hale" of "Robert Hale Jr."
            forms = [toks[-1]] + ([toks[0]] if "-" in toks[0] else [])
        elif c.label == Label.ORG and all(t.lower() in generic for t in toks[1:]):
            forms = [toks[0]]
        else:
            continue
        for f in forms:
            if len(f) > 1 and f[:1].isupper():
                short.setdefault(f, c)
    for form, c in short.items():
        for lo, hi in occurrences(v, form):
            span = doc.char_span(lo, hi)
            if span is None or any(owner[k] is not None for k in range(span.start, span.end)):
                continue
            if span[0].is_sent_start and v.common_word(span[0]):
                continue
            spans[(span.start, span.end)] = (c.moved(SHORT_NAME, span.start, span.end, SHORT_NAME.strength), ())
            for k in range(span.start, span.end):
                owner[k] = (span.start, span.end)
