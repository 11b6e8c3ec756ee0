"""Rules that find works: titles in quotes, in capitals, after a cue ("the documentary X"),
before a year ("X (2015)"), and names defined by a noun ("X is a 1936 British film").
Pure: Doc -> `Candidate`s in token offsets.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import (ARTICLES, POSSESSIVE, POSSESSIVE_S, YEAR, award_heads, countries, credit_label_words,
                       is_first_name, definition_heads, filmography_columns,
                       org_kinds, role_words, title_cues, word_list, work_cues)
from .common import NAME_CITED, NOT_TITLE_BEFORE, QUOTES, TITLE_GLUE, is_cap, prefixes_of, title_end
from .registry import (CAPS_COMMA_TITLE, CAPS_TITLE, CITED_TITLE, CUE_TITLE, DEFINITION, LISTED_TITLE, OWNED_TITLE, QUOTED_TITLE,
                       LINEUP_PLACE, TABLE_TITLE, YEAR_LINE_TITLE, YEAR_TITLE, Candidate)
from ..view import DocView
from ..vocab import Label

PAGE_LABELS = "page_labels.txt"  # in pipeline/patterns/: the words of a page's headings in capitals

# a line of a reference list: '1. ^', '[2]', '^' at its start, or 'Retrieved 3 May 2019' in it
_CITATION = re.compile(r"^\s*(?:\d{1,3}\.\s*\^|\[\d{1,3}\]|\^)|\b(?:Retrieved|Archived|Accessed)\b(?: on)? \d")


def quoted_titles(v: DocView) -> Iterator[Candidate]:
    """“Moonwake”, "The Hour Before," - a short capitalised phrase in quotes; in a reference list's
    line, a cited page's title (`CITED_TITLE`)."""
    doc = v.doc
    text = v.text
    for m in re.finditer(r"([“\"‘«])([^“”\"‘’«»\n]{1,80}?)([”\"’»])", text):
        opener, inner, closer = m.groups()
        if QUOTES.get(opener) != closer and not (opener == '"' and closer == '"'):
            continue
        inner_stripped = inner.strip().rstrip(",.;:!?").strip()
        if not inner_stripped or not inner_stripped[0].isupper() and not inner_stripped[0].isdigit():
            continue
        words = inner_stripped.split()
        if len(words) > 10:
            continue
        lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in TITLE_GLUE]
        if len(lower) > max(1, len(words) // 3):
            continue  # a sentence in quotes, not a title
        before = text[max(0, m.start() - 30):m.start()].lower().split()
        if any(w.strip(",:") in NOT_TITLE_BEFORE for w in before[-3:]) or before and (before[-1] in NAME_CITED or " ".join(before[-2:]) in NAME_CITED):
            continue  # "the strong message of "Dream and Love""
        start = m.start(2) + (len(inner) - len(inner.lstrip()))
        span = doc.char_span(start, start + len(inner_stripped), alignment_mode="expand")
        if span is not None and len(span) and not (len(span) == 1 and span[0].like_num):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            cited = _CITATION.search(text[line_start:len(text) if line_end < 0 else line_end])
            yield (CITED_TITLE if cited else QUOTED_TITLE).found(span.start, span.end)



def caps_titles(v: DocView) -> Iterator[Candidate]:
    """HOLLOW ORCHARD, IN AMONG WAVES - a run of upper-case words inside a mixed-case line.
    A single upper-case word counts only after a work cue ("her fourth feature MOONWAKE")."""
    doc = v.doc
    toks = v.tokens
    cues = work_cues()
    sure: list[Candidate] = []
    unsure: list[Candidate] = []
    setting = False
    i, n = 0, len(doc)
    while i < n:
        tok = toks[i]
        lead = tok.text in {"A", "I"} and i + 1 < n and toks[i + 1].is_upper and toks[i + 1].is_alpha \
            and len(toks[i + 1]) > 1 and "\n" not in tok.whitespace_  # "A GIRL AT THE GATE"
        if not (tok.is_upper and tok.is_alpha and len(tok) > 1 or lead):
            i += 1
            continue
        j = i
        while j < n:
            t = toks[j]
            if j > i and "\n" in toks[j - 1].whitespace_:
                break
            if t.is_upper and t.is_alpha or j > i and (t.text in {"'", "’", "&", "-", ":", "'S", "’S"} or t.is_digit):
                j += 1
            else:
                break
        span = doc[i:j]
        while len(span) and not (span[-1].is_alpha or span[-1].is_digit and len(span[-1]) <= 2
                                 and sum(t.is_alpha for t in span) >= 2):  # a sequel's number: "LUMEN TIDE 2"
            span = span[:-1]
        i = max(j, i + 1)
        if not len(span):
            continue
        line = v.line_of(span)
        if line.upper() == line or _page_label(v, span):  # a heading in capitals, not a title inside prose
            continue
        colon = next((t.i for t in span if t.text == ":"), None)
        if colon is not None and v.starts_line(span.start):
            span = doc[colon + 1:span.end]  # "HOST: THE LONG ROAD ...": a speaker's label, then the title
            if not len(span):
                continue
        if span.start >= 2 and toks[span.start - 1].text == ":" and YEAR.fullmatch(toks[span.start - 2].text) \
                and not v.starts_line(span.start - 2):
            span = doc[span.start - 2:span.end]  # "1999: THE LONG ROAD": the year is part of the title
        prev = toks[span.start - 1] if span.start else None
        after_cue = prev is not None and (prev.lower_ in cues or prev.text in ",(" and span.start > 1
                                          and toks[span.start - 2].lower_ in cues)
        letters = sum(len(t) for t in span if t.is_alpha)
        owned = letters >= 4 and _owner_before(v, span.start, span.end)  # "Mara Voss's HARBOUR", "Yano's BO BO"
        in_brackets = prev is not None and prev.text == "(" and letters >= 4 and not _acronym_of_name(v, span)
        # "Sunhee Park (MY SMALL NEIGHBOURS)", not "(MC)" nor an acronym "Harbour Film Council (HAFIC)"
        if after_cue or owned or in_brackets and _after_person(v, span.start - 1):
            sure.append(CAPS_TITLE.found(span.start, span.end, kind=cues.get(prev.lower_) if prev is not None else None))
        elif len(span) >= 2 and letters >= 6 or in_brackets:
            setting = setting or _words_in_capitals(span)
            unsure.append(CAPS_TITLE.found(span.start, span.end, kind=cues.get(prev.lower_) if prev is not None else None))
    # capitals alone are title evidence on a page that sets titles in capitals ("IN AMONG WAVES"),
    # not in prose full of acronyms ("the Harbour Film Council (HFKC)", "KWS USA")
    yield from sorted(sure + (unsure if setting else []), key=lambda c: c.start)


def _page_label(v: DocView, span) -> bool:
    """'PRESS NOTES - ...', 'OFFICIAL SELECTION | ...', 'YOU MAY ALSO LIKE: ...': a run of capitals
    that opens its line, of two words or more besides an article, each a stop word or a word that
    labels a page's parts (`patterns/page_labels.txt`), one of them at least; not 'THE PRESS'."""
    labels = word_list(PAGE_LABELS)
    words = [t.lower_ for t in span if t.is_alpha and t.lower_ not in ARTICLES]
    return len(words) >= 2 and v.starts_line(span.start) and any(w in labels for w in words) \
        and all(w in labels or v.doc.vocab[w].is_stop for w in words)


def _after_person(v: DocView, i: int) -> bool:
    """Two capitalised words, neither an English word, right before token i (a bracket): a person's
    name, whose bracket holds a title on any page ('Mara Quill (ASHFALL)'), not an organisation's
    acronym ('the Coastal Survey (DGCS)')."""
    toks = v.tokens
    if i < 2:
        return False
    words = toks[i - 2:i]
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and not v.common_word(t) for t in words) \
        and not (i >= 3 and toks[i - 3].is_alpha and toks[i - 3].text[:1].isupper())


def _words_in_capitals(span) -> bool:
    """Two words of three letters or more, with a vowel, in capitals: a title set in capitals
    ("HOLLOW ORCHARD", "TIN ROOF"), not a run of acronyms ("KSNB HD", "GWS NWS", "US-ORVN")."""
    return sum(t.is_alpha and len(t) >= 3 and any(ch in "AEIOUY" for ch in t.text) for t in span) >= 2


def _owner_before(v: DocView, i: int, end: int) -> bool:
    """A name's possessive right before token i: "Lina Oduya's HARBOUR", "Dardenne' ROSETTA"
    (a town's name is a family name too: "Hamada's"); a name in mixed case owns a title, a word in
    capitals before 's is a title's own ("MOTHER'S DAY")."""
    toks = v.tokens
    if i < 2 or toks[i - 1].text not in POSSESSIVE:
        return False
    owner, word = toks[i - 2], toks[i]
    named = owner.is_title or owner.is_lower and i >= 4 and toks[i - 3].text == "-" and toks[i - 4].is_title  # "Mori-oka's"
    acronym = len(word) <= 5 and word.ent_type_ in {"ORG", "GPE", "NORP", "FAC"}  # "Bong's BBC interview"
    if end + 1 < len(toks) and toks[end].text == "," and _caps_word(toks[end + 1]):
        return False  # "Kim's TIMELESS, BOTTOMLESS": one title with a comma, or a list: not this rule's to say
    if end - i == 1 and len(word) < 4 or end < len(toks) and toks[end].is_title:
        return False  # "Gay's TBD Ravager": initials, or a word of a longer name
    return named and owner.is_alpha and not owner.is_sent_start and not acronym and word.lower_ not in org_kinds()


def _caps_word(t) -> bool:
    """A word of a title in capitals: 'MR.' and 'ST.' too."""
    return t.is_upper and (t.is_alpha or t.text.endswith(".") and t.text[:-1].isalpha())


def caps_comma_titles(v: DocView) -> Iterator[Candidate]:
    """A title in capitals with commas inside, which CAPS_TITLE cuts at each comma: 'I, DANIEL
    MARLOW' (a first part 'I'), or parts joined by commas that end in the title's year, 'RIVER,
    STONE, SAND AND RIVER (2018)', after an owner ('Tanabe's'), a line's start, a work cue or a
    list item with its own year ('THE HIVE (2016), ...'): in a list of titles every item then
    carries its year, so the commas are the title's own."""
    doc = v.doc
    toks = v.tokens
    cues = work_cues()
    n = len(doc)
    i = 0
    while i < n:
        if not _caps_word(toks[i]) or i > 0 and _caps_word(toks[i - 1]):
            i += 1
            continue
        parts, j = [], i
        while j < n:  # caps runs joined by single commas, on one line
            k = j
            while k < n and (_caps_word(toks[k]) or k > j and toks[k].text in {"'", "’", "&", "-"}
                             or k > j and toks[k].text == "." and len(toks[k - 1]) <= 3 and k + 1 < n
                             and _caps_word(toks[k + 1])) \
                    and (k == j or "\n" not in toks[k - 1].whitespace_):
                k += 1
            if k == j:
                break
            parts.append((j, k))
            if k + 1 < n and toks[k].text == "," and _caps_word(toks[k + 1]) and "\n" not in toks[k].whitespace_ \
                    and "\n" not in toks[k - 1].whitespace_:
                j = k + 1
            else:
                break
        i = parts[-1][1] if parts else i + 1
        if len(parts) < 2:
            continue
        start, end = parts[0][0], parts[-1][1]
        if v.line_of(doc[start:end]).upper() == v.line_of(doc[start:end]):
            continue  # a heading in capitals
        first = doc[parts[0][0]:parts[0][1]].text
        dated = end + 2 < n and toks[end].text == "(" and YEAR.fullmatch(toks[end + 1].text) \
            and toks[end + 2].text == ")"
        prev = toks[start - 1] if start else None
        bounded = prev is None or v.starts_line(start) or prev.text in POSSESSIVE_S or prev.lower_ in cues \
            or prev.text == "," and start >= 2 and toks[start - 2].text == ")"
        if first == "I" or dated and bounded:
            yield CAPS_COMMA_TITLE.found(start, end)


def _acronym_of_name(v: DocView, span) -> bool:
    """'Harbour Film Council (HAFIC)', 'the Asia-Pacific Trade Forum (APTF)', 'Relevant Lumen Survey
    (LS)': one word in brackets whose letters hold, in order, the initials of the capitalised words
    before the bracket (a hyphen or a comma between them), from any of them on to the last."""
    if len(span) != 1 or span.start < 3:
        return False
    toks = v.tokens
    initials = ""
    for t in reversed(toks[max(0, span.start - 12):span.start - 1]):
        if "\n" in t.whitespace_:
            break
        if is_cap(t) and t.is_alpha:
            initials = t.text[0] + initials
        elif t.lower_ not in {"of", "the", "for", "and", "&", "de", "-", ","}:
            break
    word = span[0].text
    for k, first in enumerate(initials[:-1]):
        rest = iter(word)
        if first == word[0] and all(ch in rest for ch in initials[k:]):
            return True
    return False


def cue_titles(v: DocView) -> Iterator[Candidate]:
    """'her debut feature, In Among Waves', 'the documentary The Hour Before', 'a film called Salt',
    'starred in Rocky', 'the Crystal Saga series'."""
    doc = v.doc
    toks = v.tokens
    cues = work_cues()
    phrases = title_cues()
    heads = prefixes_of(tuple(phrases))
    lower = v.lower
    # the tokens any branch below can start from: a cue's first word, a work word, 'play', 'as', 'work'
    starts = heads | cues.keys() | {"called", "titled", "entitled", "as"} | _GENERIC_WORKS
    lemma = v.lemma
    for tok in (toks[i] for i, low in enumerate(lower) if low in starts or lemma[i] == "play"):
        kind, start, titles_only = None, None, False
        two = doc[tok.i:tok.i + 2].text.lower() if tok.lower_ in heads else None
        if two in phrases and phrases[two][0] == "before":
            kind, start = phrases[two][1] or None, tok.i + 2
        elif (two in phrases or tok.lower_ in phrases) and phrases.get(two, phrases.get(tok.lower_))[0] == "list":
            # "films including A, B and C", "shows such as A and B": only after a plural work word
            n = 2 if two in phrases else 1
            if any(t.lower_.rstrip("s") in cues and t.lower_.endswith("s") for t in doc[max(0, tok.i - 4):tok.i]):
                start, titles_only = tok.i + n, True
        elif tok.lemma_ == "play" and tok.pos_ == "VERB" or tok.lower_ == "as" and tok.i > 0 \
                and toks[tok.i - 1].lower_ in {"role", "roles"}:
            # "played Walter Brine in Dock Town", "playing Rose-Ellen in Elmbrook", "his role as Ken in Dock Town"
            k = next((t.i for t in doc[tok.i + 1:min(len(doc), tok.i + 7)] if t.lower_ in {"in", "on"}), None)
            if k is not None and all(is_cap(t) or t.is_punct for t in doc[tok.i + 1:k]) and k > tok.i + 1:
                start = k + 1
        elif tok.lower_ in cues and (tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_lower) \
                or tok.lower_ in {"called", "titled", "entitled"}:  # the tagger calls "telenovela" a PROPN
            kind, start = cues.get(tok.lower_), tok.i + 1
        elif tok.lower_ in _GENERIC_WORKS and tok.pos_ == "NOUN" and tok.i + 1 < len(doc) \
                and toks[tok.i + 1].ent_type_ not in {"PERSON", "ORG", "GPE"}:
            start = tok.i + 1  # "her recent work, The Visit,", "the literary adaptation The Pages"
        if start is None or start >= len(doc):
            continue
        adverbial = toks[start].text == "," and _in_phrase(v, tok.i)
        if toks[start].text in {",", ":"}:
            start += 1
        start = _after_owner(v, start)  # "shows such as the BBC's Morning Star"
        if start >= len(doc) or not (is_cap(toks[start]) or _number_then_cap(v, start)) \
                or toks[start].ent_type_ == "NORP" or toks[start].ent_type_ == "DATE" and not _past_date(v, start):
            continue
        after = title_end(v, start, min(len(doc), start + 10))
        if adverbial and after < len(doc) and toks[after].is_alpha and toks[after].lower_ not in {"and", "or"}:
            continue  # "in the film, Lorne was not": the clause's subject after a phrase, no apposition
        in_list = after < len(doc) and toks[after].text[:1] == ","  # not doc[after:].text: the rest of the text
        end = _before_owned(v, start, title_end(v, start, min(len(doc), start + 10), True) if in_list else after)
        if end < len(doc) and toks[end].text in POSSESSIVE_S:
            continue  # "appeared in Sara Lind's “Quiet Water”": the owner, not the title
        if end - start == 1 and _place_elsewhere(v, toks[start]):
            continue  # "her film debut in Verona", where the model reads Verona as a place again and again
        while end > start and not doc[start:end].text.isupper():
            if not (tok.lower_ == "like" and toks[start].ent_type_ == "PERSON" and toks[end - 1].ent_type_ == "PERSON"
                    and end - start >= 2 and is_first_name(toks[start].text)):
                # "films like Ken Marlow": a director compared, as the model says; "the film Ken Marlow" is a title
                yield CUE_TITLE.found(start, end, kind=kind)
            start, end = _next_in_list(v, end, titles_only)  # "appeared in Paramedics, Nurses and Elmbrook"
    # "the Eternal Legend, Crystal Saga, and Shadow Realms series"
    for tok in (toks[i] for i, low in enumerate(lower) if low in phrases or low == "other"):
        if tok.i == 0:
            continue
        if tok.lower_ in phrases and phrases[tok.lower_][0] == "after":
            end, kind = tok.i, phrases[tok.lower_][1] or None
        elif tok.lower_ == "other" and _other_works(v, tok.i, cues):
            # "Big Cousin, Dare Zone, Splashdown, and other reality shows"
            end, kind = tok.i - 2 if toks[tok.i - 2].text == "," else tok.i - 1, None
        else:
            continue
        while end > 0:
            start = end
            while start > 0 and (is_cap(toks[start - 1]) or toks[start - 1].lower_ in _GLUE_IN_LIST) \
                    and "\n" not in toks[start - 1].whitespace_:
                start -= 1
            if start == end:
                break
            yield CUE_TITLE.found(start, end, kind=kind)
            k = start - 1
            while k >= 0 and toks[k].lower_ in {",", "and", "&", "or"}:
                k -= 1
            if k == start - 1:
                break
            end = k + 1



def _in_phrase(v: DocView, i: int) -> bool:
    """The cue at token i closes a prepositional phrase: 'in the film,', 'in the last part of the play,'
    (a preposition, then at most three words before the cue)."""
    toks = v.tokens
    return any(t.pos_ == "ADP" and t.lower_ not in {"like", "as"} for t in toks[max(0, i - 4):i])


# nouns for a work of any kind: a title follows, as an apposition or at once
_GLUE_IN_LIST = frozenset(TITLE_GLUE - {"and", "the"})  # glue inside one title of a list
_GENERIC_WORKS = {"work", "project", "adaptation"}


def _other_works(v: DocView, i: int, cues: dict[str, str]) -> bool:
    """'..., and other reality shows': 'other' after 'and'/'or', then a plural work word within
    three words."""
    doc = v.doc
    toks = v.tokens
    return toks[i - 1].lower_ in {"and", "or"} and i > 1 and any(
        t.lower_.endswith("s") and t.lower_[:-1] in cues for t in doc[i + 1:i + 4])


def _number_then_cap(v: DocView, i: int) -> bool:
    """'the Irish film 3 Ladders', '..., 4000 Leagues to Home': a number that is not a year,
    followed by a capitalised word."""
    doc = v.doc
    toks = v.tokens
    return toks[i].is_digit and len(toks[i]) <= 4 and not YEAR.fullmatch(toks[i].text) \
        and i + 1 < len(doc) and is_cap(toks[i + 1])


def _before_owned(v: DocView, start: int, end: int) -> int:
    """'Morning Star and the BBC's Golden Acre': an owner's possessive after 'and' starts the next
    title of a list, so the first ends before 'and'."""
    toks = v.tokens
    return next((k for k in range(start + 1, end) if toks[k].lower_ in {"and", "or"}
                 and _after_owner(v, k + 1) > k + 1), end)


def owned_titles(v: DocView) -> Iterator[Candidate]:
    """"Dickens' The Silent Garden", "the studio's The Long Night": a title that starts with a
    capitalised 'The' right after a person's or an organisation's possessive."""
    doc = v.doc
    toks = v.tokens
    for ent in v.ents:
        poss = ent.end - 1 if toks[ent.end - 1].text in POSSESSIVE else ent.end  # the model's "Dickens'"
        i = poss + 1
        if ent.label_ not in {"PERSON", "ORG"} or i + 1 >= len(doc) or toks[poss].text not in POSSESSIVE \
                or toks[i].text != "The" or not is_cap(toks[i + 1]):
            continue
        end = title_end(v, i, min(len(doc), i + 10))
        if end > i + 1:
            yield OWNED_TITLE.found(i, end)


def _past_date(v: DocView, i: int) -> bool:
    """'the drama Sunday Morning Rain': the model's date ('Sunday Morning') is the start of a
    title that goes on with a capitalised word outside any entity."""
    doc = v.doc
    toks = v.tokens
    k = i + 1
    while k < len(doc) and toks[k].ent_type_ == "DATE" and toks[k].ent_iob_ == "I":
        k += 1
    return k < len(doc) and k - i <= 3 and is_cap(toks[k]) and not toks[k].ent_type_ and toks[k].is_alpha


def _after_owner(v: DocView, i: int) -> int:
    """Start of the title after its owner's possessive ('the BBC's Morning Star', "Charles
    Dickens' Silent Garden", "Kim's The Road"); `i` itself when no possessive name starts there.
    A one-word owner without 'the' is part of a title ("Hale's Practice") unless 'The' follows."""
    doc = v.doc
    toks = v.tokens
    the = i < len(doc) and toks[i].lower_ == "the"
    j = i + 1 if the else i
    k = j
    while k < len(doc) and k - j < 4 and is_cap(toks[k]) and not toks[k].is_sent_start:
        k += 1
    if not (j < k < len(doc) - 1 and toks[k].text in POSSESSIVE):
        return i
    owner = the and toks[j].ent_type_ == "ORG" or k - j >= 2 and toks[j].ent_type_ == "PERSON" \
        or toks[k + 1].text == "The"
    return k + 1 if owner and (is_cap(toks[k + 1]) or _number_then_cap(v, k + 1)) else i


def _next_in_list(v: DocView, end: int, titles_only: bool = False) -> tuple[int, int]:
    """The next capitalised title of a list 'A, B and C' after a title ending at `end`; unless the
    list is known to hold only titles, a name the model takes for a person ends it."""
    doc = v.doc
    toks = v.tokens
    k = end
    while k < len(doc) and toks[k].lower_ in {",", "and", "&", "or"}:
        k += 1
    stop = {"DATE"} if titles_only else {"DATE", "PERSON"}
    k = _after_owner(v, k) if k > end else k  # "..., the BBC's Morning Star"
    if k == end or k >= len(doc) or toks[k].ent_type_ in stop and not _number_then_cap(v, k) \
            or not (is_cap(toks[k]) or _number_then_cap(v, k)):
        return end, end
    return k, title_end(v, k, min(len(doc), k + 10), in_list=True)



def year_titles(v: DocView) -> Iterator[Candidate]:
    """'The First Hour of the Week (2015)' - a capitalised run right before a year in brackets."""
    doc = v.doc
    toks = v.tokens
    for tok in (toks[i] for i, low in enumerate(v.lower) if low == "("):
        listed = _listed_year(v, tok.i)
        if tok.i + 2 < len(doc) and re.fullmatch(r"(19|20)\d\d", toks[tok.i + 1].text) \
                and toks[tok.i + 2].text == ")" and tok.i > 0 or listed is not None:
            end = listed if listed is not None else tok.i
            while end > 0 and toks[end - 1].text in {'"', "”", "’", "'"}:
                end -= 1
            start = end
            if start > 1 and toks[start - 1].is_digit and len(toks[start - 1]) <= 2 and is_cap(toks[start - 2]):
                start -= 1  # a sequel's number: "The Hollow Men 2 (2012)"
            while start > 0 and (is_cap(toks[start - 1]) or toks[start - 1].lower_ in TITLE_GLUE
                                 or toks[start - 1].text in {"-", ":"}) \
                    and "\n" not in toks[start - 1].whitespace_ and start > end - 10:
                start -= 1
            while start < end and not is_cap(toks[start]):
                start += 1
            entry = v.starts_line(start) or start > 0 and toks[start - 1].text in {"-", "•", "·", "*", "–"} \
                and v.starts_line(start - 1)  # a bullet the cleaning stage cuts
            if end > start and (listed is None or entry or _director_after(v, tok.i)):
                yield (YEAR_TITLE if listed is None else LISTED_TITLE).found(start, end)


def _director_after(v: DocView, i: int) -> bool:
    """'Title (Country, 2023), dir. Name': a line-up's entry inside a sentence, its bracket at
    token i followed by its director."""
    toks = v.tokens
    close = next((k for k in range(i + 1, min(len(toks), i + 14)) if toks[k].text == ")"), None)
    if close is None:
        return False
    after = [t for t in toks[close + 1:close + 5] if not t.is_space][:2]
    return len(after) == 2 and after[0].text == "," and after[1].lower_ in {"dir", "dir.", "directed"}


def _listed_year(v: DocView, i: int) -> int | None:
    """A line-up's entry: 'Title (Country, Country, 2023)', 'Title (Other Title) (Country, 2024)'.
    For the bracket at token i with capitalised words and commas before a year, the end of the
    title before it (before a translation in brackets too), else None."""
    doc = v.doc
    toks = v.tokens
    j = i + 1
    while j < len(doc) and j < i + 12 and (is_cap(toks[j]) or toks[j].text in {",", "and", "-"}) \
            and "\n" not in toks[j].whitespace_:
        j += 1
    if not (j > i + 1 and toks[j - 1].text == "," and j + 1 < len(doc) and YEAR.fullmatch(toks[j].text)
            and toks[j + 1].text == ")"):
        return None
    end = i
    if end > 2 and toks[end - 1].text == ")":  # a translation's brackets between the title and the year
        k = next((k for k in range(end - 2, max(0, end - 10), -1) if toks[k].text == "("), None)
        end = k if k is not None else end
    return end if end > 0 else None



def definitions(v: DocView) -> Iterator[Candidate]:
    """'Song of Harvest is a 1936 British film', 'Ovix Tone, a Japanese record label,': a name
    followed by 'is a' or an apposition takes the type of the defining noun."""
    doc = v.doc
    toks = v.tokens
    lemma = v.lemma
    works, roles, heads = work_cues(), role_words(), definition_heads()
    for sent in v.sents:
        for i in range(sent.start, sent.end - 2):
            if not (lemma[i] == "be" or toks[i].text == ","):
                continue
            be = toks[i]
            det = toks[be.i + 1]
            if det.lower_ not in ARTICLES and not (be.text == "," and det.lower_ in {"a", "an"}):
                continue
            head = _defining_head(v, det.i + 1, sent.end)
            if head is None:
                continue
            word = head.lower_
            label = (Label.WORK if word in works else Label(heads[word]) if word in heads
                     else Label.PERSON if word in roles else None)
            if label is None:
                continue
            end = be.i
            if lemma[be.i] == "be" and end > sent.start and toks[end - 1].text == ",":
                # "River Lights, also known as ..., is a 1993 film": skip the aside
                aside = next((k for k in range(end - 2, sent.start, -1) if toks[k].text == ","
                              and toks[k + 1].lower_ in {"also", "originally", "formerly", "or", "aka"}), None)
                end = aside if aside is not None else end
            while end > sent.start and toks[end - 1].text == ")":  # "X (QX: LO; ...) is a series"
                opener = next((k for k in range(end - 2, sent.start - 1, -1) if toks[k].text == "("), None)
                if opener is None:
                    break
                end = opener
            lo = sent.start
            while end == lo and end > 0 and toks[end - 1].is_space:
                end = lo = end - 1  # a title on a line of its own: "They Paint Fences, Don't They?\nis a"
            if end == lo and end > 0 and toks[end - 1].text in {"?", "!"}:
                lo = toks[end - 1].sent.start  # the sentence ended at the title's "?"
            start = _name_start(v, lo, end)
            if start is None or (be.text == "," and start != sent.start and not doc[start:end].ents
                                 and toks[start].text != "The"):  # a capital 'The' inside a sentence starts a name
                continue
            if any(t.ent_type_ == "DATE" for t in doc[start:end]):
                continue  # "In March 2010, the company announced": a date, not a name
            if be.text == "," and start > 0 and toks[start - 1].lower_ == "by":
                continue  # "directed by X, the episode aired": X is the agent, not the episode
            kind = works.get(word) if label == Label.WORK else (roles.get(word) or None) if label == Label.PERSON else None
            yield DEFINITION.found(start, end, label, kind)



def _defining_head(v: DocView, i: int, limit: int):
    """The head noun of 'a 1936 British film', 'an American reality television series'."""
    doc = v.doc
    head = None
    for tok in doc[i:min(limit, i + 8)]:
        if tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_lower:  # the tagger calls "telenovela" a PROPN
            head = tok
        elif tok.tag_ == "POS" and head is not None:
            head = None  # "a BBC children's series": the head follows the possessive
        elif tok.pos_ in {"ADJ", "NUM", "PROPN", "ADV", "CCONJ"} or tok.text == "-" or tok.text == "," and head is None:
            continue
        else:
            break
    return head



def _name_start(v: DocView, lo: int, end: int) -> int | None:
    """Start of the capitalised name that ends right before `end` (None if there is none)."""
    doc = v.doc
    toks = v.tokens
    if end <= lo or not (is_cap(toks[end - 1]) or toks[end - 1].is_digit or toks[end - 1].text in {"!", "?"}):
        return None
    if toks[end - 1].text in {"?", "!"}:
        question = _question_title_start(v, lo, end)
        if question is not None:
            return question
    start = end
    while start > lo and (is_cap(toks[start - 1]) or toks[start - 1].lower_ in TITLE_GLUE
                          or toks[start - 1].is_digit or toks[start - 1].text in {"-", ":", "&", "!", "?", "'"}):
        start -= 1
    while start < end and not is_cap(toks[start]):
        start += 1
    if start >= end or end - start > 12 or any(t.pos_ in {"VERB", "PRON"} for t in doc[start:end]):
        return None
    return start


_CLITICS = {",", "n't", "'s", "’s", "'re", "'ll", "'m", "'ve", "-", ":", "'"}


def _question_title_start(v: DocView, lo: int, end: int) -> int | None:
    """'They Paint Fences, Don't They? is a 1969 film': a title that is a question or an exclamation,
    verbs, pronouns and commas included, when it fills the sentence up to the verb."""
    doc = v.doc
    words = doc[lo:end - 1]
    if len(words) < 2 or len(words) > 12 or not all(is_cap(t) or t.lower_ in TITLE_GLUE or t.lower_ in _CLITICS
                                                    for t in words) or not is_cap(words[0]):
        return None
    return lo


def _place_elsewhere(v: DocView, tok) -> bool:
    """A word the model takes for a place here and at least once more in the document."""
    return tok.ent_type_ == "GPE" and sum(1 for e in v.ents if e.label_ == "GPE" and e.text == tok.text) >= 2


# a filmography table flattened to text: 'Year | Title | Director | Notes', then '2008 | X (native) | Yes |'
_CELL_SEP = re.compile(r"\s*\|\s*")
_NATIVE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")  # '(native title)' after the title


def _title_column(line: str) -> int | None:
    """The index of the title column of a filmography header ('Year | Title | Director | Notes'):
    a title column and a credit's column (`patterns/credit_labels.csv`, `filmography_columns.csv`)."""
    if line.count("|") < 2:
        return None
    words = [c.strip().lower() for c in _CELL_SEP.split(line.strip())]
    kinds = filmography_columns()
    title = next((k for k, w in enumerate(words) if kinds.get(w) == "title"), None)
    credit = any(w in credit_label_words() or kinds.get(w, "title") not in {"title", "year", "notes", "yes"}
                 for w in words)
    return title if credit else None


def table_titles(v: DocView) -> Iterator[Candidate]:
    """The title cell of each row of a filmography table, without a bracket after it."""
    doc, text = v.doc, v.text
    column, at = None, 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if "|" not in line:
            column = None
            continue
        header = _title_column(line)
        if header is not None:
            column = header
            continue
        if column is None:
            continue
        offset = start
        cells = []
        for m in list(_CELL_SEP.finditer(line)) + [None]:
            end = start + m.start() if m is not None else start + len(line)
            cells.append((offset, end))
            if m is not None:
                offset = start + m.end()
        if column >= len(cells):
            continue
        a, b = cells[column]
        cell = _NATIVE.sub("", text[a:b]).strip()
        a += len(text[a:b]) - len(text[a:b].lstrip())
        if not cell or not (cell[0].isupper() or cell[0].isdigit()):
            continue
        span = doc.char_span(a, a + len(cell), alignment_mode="expand")
        if span is not None and len(span):
            yield TABLE_TITLE.found(span.start, span.end)


# a filmography's line: a year at its start, a separator (a dash, a colon, two spaces or a tab), the
# title, then a bracket, a dash, two spaces or the line's end ('2015   Tuesday (short)',
# '1999 – Hollow Tide (dir. Nagisa Orimo)')
_YEAR_LINE = re.compile(r"^[ \t]*(?:[-•*·][ \t]*)?((?:19|20)\d\d)(?:[ \t]*[–—:-][ \t]*|[ \t]{2,}|\t)(?=[A-Z0-9])"
                        r"(.+?)(?=[ \t]*\(|[ \t]+[–—|][ \t]|[ \t]{2,}|\t|[ \t]*$)")


def year_line_titles(v: DocView) -> Iterator[Candidate]:
    """A title listed under its year, one a line, in a list of at least two such lines; not an
    award's or an organisation's line ('2009 – Harbour Awards, Best Director')."""
    doc, text = v.doc, v.text
    entries, at = [], 0
    for line in text.split("\n"):
        m = _YEAR_LINE.match(line)
        if m is not None:
            entries.append((at + m.start(2), at + m.end(2), m.group(2)))
        at += len(line) + 1
    if len(entries) < 2:
        return
    heads = award_heads() | set(org_kinds())
    for a, b, title in entries:
        words = title.split()
        if len(words) > 10 or any(w.strip(",.:;").lower() in heads for w in words) \
                or sum(1 for w in words[1:] if w[:1].islower() and w.lower() not in TITLE_GLUE) > len(words) // 3:
            continue  # a prize's line, a company's, or a sentence
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            yield YEAR_LINE_TITLE.found(span.start, span.end)


def lineup_countries(v: DocView) -> Iterator[Candidate]:
    """'Title (Country, Country, 2023)': the countries before the year in a line-up entry's bracket
    (`_listed_year`) are places, whatever the model read ('USA' as a title in capitals)."""
    toks = v.tokens
    for i, low in enumerate(v.lower):
        if low != "(" or _listed_year(v, i) is None:
            continue
        k = i + 1
        while k < len(toks) and not YEAR.fullmatch(toks[k].text):
            start = k
            while k < len(toks) and is_cap(toks[k]):
                k += 1
            name = v.span_text(start, k)
            # a country, one the model knows, or its initials ('USA'); not a title's translation: 'X (Wanderer, 1985)'
            if k > start and (name.lower() in countries() or all(t.ent_type_ in {"GPE", "LOC"} for t in toks[start:k])
                              or name.isupper() and name.isalpha() and len(name) <= 4):
                yield LINEUP_PLACE.found(start, k)
            while k < len(toks) and toks[k].text in {",", "and", "-"}:
                k += 1
            if k == start:
                break
