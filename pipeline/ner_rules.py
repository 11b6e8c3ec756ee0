"""Contextual entity rules that a token pattern cannot express. Pure: Doc -> candidate spans.

Each rule yields `Candidate`s in token offsets of the Doc; `ner.py` decides among them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import cast_cues, definition_heads, honorifics, is_first_name, org_cues, role_words, title_cues, \
    work_cues
from .vocab import Label


class Candidate(NamedTuple):
    start: int        # token offsets
    end: int
    label: Label
    score: float
    source: str
    kind: str | None = None


# lowercase words allowed inside a title ("The Last Day of the Year")
TITLE_GLUE = {"of", "the", "a", "an", "and", "in", "on", "at", "for", "to", "with", "from", "my",
              "your", "our", "his", "her", "their", "is", "or", "by", "'s", "’s",
              # articles and prepositions of titles in other languages
              "de", "la", "le", "les", "du", "des", "del", "el", "los", "las", "di", "da", "il", "lo",
              "der", "die", "das", "den", "und", "et", "y"}
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "'": "'"}
# words before a quote that mark a saying, not a title
NOT_TITLE_BEFORE = {"message", "messages", "word", "words", "phrase", "term", "slogan", "motto",
                     "saying", "said", "says", "tagline", "theme", "mantra", "quote", "question"}


_ROMAN = re.compile(r"[IVX]{1,4}")


_TEXT_KEY, _TOKENS_KEY = "interview_ie.text", "interview_ie.token_texts"  # doc.user_data memos


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_texts(doc: Doc) -> frozenset[str]:
    """The texts of a Doc's tokens, collected once per Doc."""
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None:
        texts = doc.user_data[_TOKENS_KEY] = frozenset(t.text for t in doc)
    return texts


@lru_cache(maxsize=None)
def _heads(phrases: tuple[str, ...]) -> frozenset[str]:
    """Every prefix of every phrase: a token that is none of them starts no phrase."""
    return frozenset(p[:k] for p in phrases for k in range(1, len(p) + 1))


def whole_word(text: str, name: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each occurrence of a non-empty `name` in `text` with no word character
    either side, left to right, not overlapping: what `re.finditer(r"(?<!\w)NAME(?!\w)")` finds,
    without compiling a pattern for every name."""
    n, i = len(name), text.find(name)
    while i >= 0:
        end = i + n
        if (i == 0 or not _word_char(text[i - 1])) and (end == len(text) or not _word_char(text[end])):
            yield i, end
            i = text.find(name, end)
        else:
            i = text.find(name, i + 1)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w on str


def _is_cap(tok) -> bool:
    return tok.text[:1].isupper()


_COMMON_WORDS: dict[int, frozenset[str]] = {}  # id(vocab) -> the English words the lemmatizer knows


def register_common_words(nlp: Language) -> None:
    words: set[str] = set()
    if "lemmatizer" in nlp.pipe_names and hasattr(nlp.get_pipe("lemmatizer"), "lookups"):
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                words.update(index.get(pos, []))
    _COMMON_WORDS[id(nlp.vocab)] = frozenset(words)


def common_word(doc: Doc, tok) -> bool:
    """A capitalised token that is an ordinary English word ('Download', 'Writing', 'Insights')."""
    words = _COMMON_WORDS.get(id(doc.vocab), frozenset())
    return tok.is_stop or tok.lower_ in words or tok.lemma_.lower() in words


def _title_end(doc: Doc, i: int, limit: int, in_list: bool = False) -> int:
    """End of a title-like run of tokens that starts at i (capitalised words and glue words);
    inside a list, 'and' ends it."""
    j = i
    last_cap = i
    while j < limit:
        tok = doc[j]
        if "\n" in tok.text or (j > i and "\n" in doc[j - 1].whitespace_):
            break
        if _is_cap(tok) or (j > i and (tok.is_digit and len(tok) <= 3 or _ROMAN.fullmatch(tok.text))):
            last_cap = j + 1  # "Ong Bak 2", "Rocky IV"; never a year ("Aanandam in 2017")
        elif j > i and tok.is_alpha and tok.is_lower and not tok.is_stop and not common_word(doc, tok):
            last_cap = j + 1  # a title in another language: "Cantando por un sueño"
        elif j > i and tok.is_alpha and tok.is_lower and len(tok) <= 3 and tok.lower_ not in TITLE_GLUE \
                and not tok.is_stop \
                and j + 1 < limit \
                and doc[j + 1].is_alpha and not common_word(doc, doc[j + 1]):
            pass  # its short function words ("un", "ti", "di")
        elif tok.lower_ in TITLE_GLUE and not (in_list and tok.lower_ in {"and", "or"}) or (tok.text in "-:" and j > i):
            pass
        else:
            break
        j += 1
    return last_cap


def quoted_titles(doc: Doc) -> Iterator[Candidate]:
    """“Lovesong”, "The Day After," - a short capitalised phrase in quotes."""
    text = text_of(doc)
    for m in re.finditer(r"([“\"‘«])([^“”\"‘’«»\n]{1,80}?)([”\"’»])", text):
        opener, inner, closer = m.groups()
        if _QUOTES.get(opener) != closer and not (opener == '"' and closer == '"'):
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
        if any(w.strip(",:") in NOT_TITLE_BEFORE for w in before[-3:]):
            continue  # "the strong message of "Dream and Love""
        start = m.start(2) + (len(inner) - len(inner.lstrip()))
        span = doc.char_span(start, start + len(inner_stripped), alignment_mode="expand")
        if span is not None and len(span) and not (len(span) == 1 and span[0].like_num):
            yield Candidate(span.start, span.end, Label.WORK, 0.9, "quoted_title")


def caps_titles(doc: Doc) -> Iterator[Candidate]:
    """TREELESS MOUNTAIN, IN BETWEEN DAYS - a run of upper-case words inside a mixed-case line.
    A single upper-case word counts only after a work cue ("her fourth feature LOVESONG")."""
    cues = work_cues()
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.is_upper and tok.is_alpha and len(tok) > 1):
            i += 1
            continue
        j = i
        while j < n:
            t = doc[j]
            if j > i and "\n" in doc[j - 1].whitespace_:
                break
            if t.is_upper and t.is_alpha or j > i and (t.text in {"'", "’", "&", "-", ":"} or t.is_digit):
                j += 1
            else:
                break
        span = doc[i:j]
        while len(span) and not span[-1].is_alpha:
            span = span[:-1]
        i = max(j, i + 1)
        if not len(span):
            continue
        line = _line_of(doc, span)
        if line.upper() == line:  # a heading in capitals, not a title inside prose
            continue
        prev = doc[span.start - 1] if span.start else None
        after_cue = prev is not None and (prev.lower_ in cues or prev.text in ",(" and span.start > 1
                                          and doc[span.start - 2].lower_ in cues)
        letters = sum(len(t) for t in span if t.is_alpha)
        in_brackets = prev is not None and prev.text == "(" and letters >= 4  # "Jiyoung Park (MY TINY FRIENDS)", not "(MC)"
        if len(span) >= 2 and letters >= 6 or after_cue or in_brackets:
            yield Candidate(span.start, span.end, Label.WORK, 0.85, "caps_title",
                            cues.get(prev.lower_) if prev is not None else None)


def cue_titles(doc: Doc) -> Iterator[Candidate]:
    """'her debut feature, In Between Days', 'the documentary The Day After', 'a film called Salt',
    'starred in Rocky', 'the Dragon Quest series'."""
    cues = work_cues()
    phrases = title_cues()
    heads = _heads(tuple(phrases))
    for tok in doc:
        kind, start, titles_only = None, None, False
        two = doc[tok.i:tok.i + 2].text.lower() if tok.lower_ in heads else None
        if two in phrases and phrases[two][0] == "before":
            kind, start = phrases[two][1] or None, tok.i + 2
        elif (two in phrases or tok.lower_ in phrases) and phrases.get(two, phrases.get(tok.lower_))[0] == "list":
            # "films including A, B and C", "shows such as A and B": only after a plural work word
            n = 2 if two in phrases else 1
            if any(t.lower_.rstrip("s") in cues and t.lower_.endswith("s") for t in doc[max(0, tok.i - 4):tok.i]):
                start, titles_only = tok.i + n, True
        elif tok.lemma_ == "play" and tok.pos_ == "VERB":
            # "played Edgar Stiles in Mob City", "playing Anne-Marie in Hollyoaks"
            k = next((t.i for t in doc[tok.i + 1:min(len(doc), tok.i + 7)] if t.lower_ in {"in", "on"}), None)
            if k is not None and all(_is_cap(t) or t.is_punct for t in doc[tok.i + 1:k]) and k > tok.i + 1:
                start = k + 1
        elif tok.lower_ in cues and tok.pos_ == "NOUN" or tok.lower_ in {"called", "titled", "entitled"}:
            kind, start = cues.get(tok.lower_), tok.i + 1
        if start is None or start >= len(doc):
            continue
        if doc[start].text in {",", ":"}:
            start += 1
        if start >= len(doc) or not _is_cap(doc[start]) or doc[start].ent_type_ in {"DATE", "NORP"}:
            continue
        in_list = doc[_title_end(doc, start, min(len(doc), start + 10)):].text[:1] == ","
        end = _title_end(doc, start, min(len(doc), start + 10), in_list)
        if end < len(doc) and doc[end].text in {"'s", "’s"}:
            continue  # "appeared in Sara Lind's “Quiet Water”": the owner, not the title
        while end > start and not doc[start:end].text.isupper():
            yield Candidate(start, end, Label.WORK, 0.7, "cue_title", kind)
            start, end = _next_in_list(doc, end, titles_only)  # "appeared in Casualty, Doctors and Hollyoaks"
    # "the Final Fantasy, Dragon Quest, and Kingdom Hearts series"
    for tok in doc:
        if tok.i == 0 or tok.lower_ not in phrases or phrases[tok.lower_][0] != "after":
            continue
        end = tok.i
        while end > 0:
            start = end
            while start > 0 and (_is_cap(doc[start - 1]) or doc[start - 1].lower_ in TITLE_GLUE - {"and", "the"}) \
                    and "\n" not in doc[start - 1].whitespace_:
                start -= 1
            if start == end:
                break
            yield Candidate(start, end, Label.WORK, 0.7, "cue_title", phrases[tok.lower_][1] or None)
            k = start - 1
            while k >= 0 and doc[k].lower_ in {",", "and", "&", "or"}:
                k -= 1
            if k == start - 1:
                break
            end = k + 1


def _next_in_list(doc: Doc, end: int, titles_only: bool = False) -> tuple[int, int]:
    """The next capitalised title of a list 'A, B and C' after a title ending at `end`; unless the
    list is known to hold only titles, a name the model takes for a person ends it."""
    k = end
    while k < len(doc) and doc[k].lower_ in {",", "and", "&", "or"}:
        k += 1
    stop = {"DATE"} if titles_only else {"DATE", "PERSON"}
    if k == end or k >= len(doc) or not _is_cap(doc[k]) or doc[k].ent_type_ in stop:
        return end, end
    return k, _title_end(doc, k, min(len(doc), k + 10), in_list=True)


def year_titles(doc: Doc) -> Iterator[Candidate]:
    """'The Last Day of the Year (2015)' - a capitalised run right before a year in brackets."""
    for tok in doc:
        if tok.text == "(" and tok.i + 2 < len(doc) and re.fullmatch(r"(19|20)\d\d", doc[tok.i + 1].text) \
                and doc[tok.i + 2].text == ")" and tok.i > 0:
            end = tok.i
            while end > 0 and doc[end - 1].text in {'"', "”", "’", "'"}:
                end -= 1
            start = end
            while start > 0 and (_is_cap(doc[start - 1]) or doc[start - 1].lower_ in TITLE_GLUE
                                 or doc[start - 1].text in {"-", ":"}) \
                    and "\n" not in doc[start - 1].whitespace_ and start > end - 10:
                start -= 1
            while start < end and not _is_cap(doc[start]):
                start += 1
            if end > start:
                yield Candidate(start, end, Label.WORK, 0.75, "year_title")


def definitions(doc: Doc) -> Iterator[Candidate]:
    """'Song of Freedom is a 1936 British film', 'Avex Trax, a Japanese record label,': a name
    followed by 'is a' or an apposition takes the type of the defining noun."""
    works, roles, heads = work_cues(), role_words(), definition_heads()
    for sent in doc.sents:
        for be in sent:
            if not (be.lemma_ == "be" or be.text == ",") or be.i + 2 >= sent.end:
                continue
            det = doc[be.i + 1]
            if det.lower_ not in {"a", "an", "the"} and not (be.text == "," and det.lower_ in {"a", "an"}):
                continue
            head = _defining_head(doc, det.i + 1, sent.end)
            if head is None:
                continue
            word = head.lower_
            label = (Label.WORK if word in works else Label(heads[word]) if word in heads
                     else Label.PERSON if word in roles else None)
            if label is None:
                continue
            end = be.i
            if be.lemma_ == "be" and end > sent.start and doc[end - 1].text == ",":
                # "Ocean Waves, also known as ..., is a 1993 film": skip the aside
                aside = next((k for k in range(end - 2, sent.start, -1) if doc[k].text == ","
                              and doc[k + 1].lower_ in {"also", "originally", "formerly", "or", "aka"}), None)
                end = aside if aside is not None else end
            while end > sent.start and doc[end - 1].text == ")":  # "X (EM: HE; ...) is a series"
                opener = next((k for k in range(end - 2, sent.start - 1, -1) if doc[k].text == "("), None)
                if opener is None:
                    break
                end = opener
            start = _name_start(doc, sent.start, end)
            if start is None or (be.text == "," and start != sent.start and not doc[start:end].ents):
                continue
            kind = works.get(word) if label == Label.WORK else (roles.get(word) or None) if label == Label.PERSON else None
            yield Candidate(start, end, label, 0.8, "definition", kind)


def _defining_head(doc: Doc, i: int, limit: int):
    """The head noun of 'a 1936 British film', 'an American reality television series'."""
    head = None
    for tok in doc[i:min(limit, i + 8)]:
        if tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_lower:  # the tagger calls "telenovela" a PROPN
            head = tok
        elif tok.pos_ in {"ADJ", "NUM", "PROPN", "ADV", "CCONJ"} or tok.text in {"-", ","} and head is None:
            continue
        else:
            break
    return head


def _name_start(doc: Doc, lo: int, end: int) -> int | None:
    """Start of the capitalised name that ends right before `end` (None if there is none)."""
    if end <= lo or not (_is_cap(doc[end - 1]) or doc[end - 1].is_digit or doc[end - 1].text in {"!", "?"}):
        return None
    start = end
    while start > lo and (_is_cap(doc[start - 1]) or doc[start - 1].lower_ in TITLE_GLUE
                          or doc[start - 1].is_digit or doc[start - 1].text in {"-", ":", "&", "!", "?", "'"}):
        start -= 1
    while start < end and not _is_cap(doc[start]):
        start += 1
    if start >= end or end - start > 12 or any(t.pos_ in {"VERB", "PRON"} for t in doc[start:end]):
        return None
    return start


def bracket_names(doc: Doc) -> Iterator[Candidate]:
    """'Brad [Rust Gray]' - an editor's bracketed completion of a person's name."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end + 2 >= len(doc) or doc[ent.end].text != "[":
            continue
        close = next((k for k in range(ent.end + 1, min(len(doc), ent.end + 6)) if doc[k].text == "]"), None)
        if close and all(_is_cap(t) for t in doc[ent.end + 1:close]):
            yield Candidate(ent.start, close + 1, Label.PERSON, 0.9, "bracket_name")


def cue_orgs(doc: Doc) -> Iterator[Candidate]:
    """'fashion house Miu Miu', 'the distributor Tribeca Films' - a name after an organisation cue."""
    cues = org_cues()
    longest = max(len(c.split()) for c in cues)
    heads = _heads(tuple(cues))
    for tok in doc:
        if tok.lower_ not in heads:
            continue  # no cue phrase starts with this token
        for n in range(longest, 0, -1):
            if tok.i + n >= len(doc):
                continue
            phrase = doc[tok.i:tok.i + n].text.lower()
            if phrase in cues:
                i = tok.i + n
                if not doc[i].text[:1].isupper() or doc[i].ent_type_ in {"GPE", "DATE"}:
                    break
                end = _title_end(doc, i, min(len(doc), i + 6))
                if end > i:
                    yield Candidate(i, end, Label.ORG, 0.75, "cue_org", cues[phrase])
                break


def cast_lists(doc: Doc) -> Iterator[Candidate]:
    """'starring Gig Young, Red Buttons and Susannah York': the names in a cast list are people,
    whatever the model took them for; 'as Role' asides are skipped."""
    cues = cast_cues()
    first_words = {c[0] for c in cues}
    lower = [t.lower_ for t in doc]
    for at, low in enumerate(lower):
        if low not in first_words:
            continue
        tok = doc[at]
        cue = next((c for c in cues if tuple(lower[tok.i:tok.i + len(c)]) == c), None)
        if cue is None:
            continue
        i = tok.i + len(cue)
        while i < len(doc) and doc[i].text in {":", ","}:
            i += 1
        for _ in range(12):  # a list is not endless
            if i >= len(doc) or not doc[i].is_title or doc[i].ent_type_ in {"DATE", "GPE"} and i > tok.i + len(cue):
                break
            end = i
            while end < len(doc) and end - i < 4 and (doc[end].is_title or doc[end].text in {"-", "'"} and end > i
                                                      or doc[end].text == "." and len(doc[end - 1]) == 1):
                end += 1
            if end - i >= 2 or is_first_name(doc[i].text):
                yield Candidate(i, end, Label.PERSON, 0.7, "cast_list")
            k = end
            if k < len(doc) and doc[k].lower_ == "as":  # "A as Role,"
                k += 1
                while k < len(doc) and (doc[k].is_title or doc[k].lower_ in TITLE_GLUE) and doc[k].text != ",":
                    k += 1
            if k < len(doc) and doc[k].text == "(":
                close = next((m for m in range(k, min(len(doc), k + 8)) if doc[m].text == ")"), None)
                k = close + 1 if close is not None else k
            if k < len(doc) and doc[k].lower_ in {",", "and", "&"}:
                k += 1
                if k < len(doc) and doc[k].lower_ == "and":
                    k += 1
                i = k
            else:
                break


def role_names(doc: Doc) -> Iterator[Candidate]:
    """'the actor and screenwriter Sreenivasan', 'director So Yong Kim': a name after a role word."""
    words = role_words()
    for tok in doc:
        if tok.lower_ not in words or not words[tok.lower_] or not tok.is_lower or tok.i + 1 >= len(doc):
            continue
        i = tok.i + 1
        if not doc[i].is_title or doc[i].ent_type_ in {"DATE", "GPE", "NORP"} or doc[i].lower_ in words:
            continue
        end = i
        while end < len(doc) and end - i < 4 and (doc[end].is_title or doc[end].text == "-" and end > i) \
                and "\n" not in doc[end - 1].whitespace_:
            end += 1
        while end > i and not doc[end - 1].is_alpha:
            end -= 1
        if end > i:
            yield Candidate(i, end, Label.PERSON, 0.7, "role_name", None)


def strip_role_prefix(span: Span) -> tuple[int, list[str]]:
    """'Filmmaker Jiyoung Park' -> start after 'Filmmaker', roles ['director'];
    'Vice Admiral James Greer' -> start at 'James'."""
    roles, start = [], span.start
    words, titles = role_words(), honorifics()
    for tok in span:
        if tok.i >= span.end - 1:
            break
        parts = [p for p in re.split(r"[/-]", tok.lower_) if p]
        if parts and all(p in words for p in parts):
            roles += [words[p] for p in parts if words[p]]
        elif tok.lower_.rstrip(".") in titles or tok.text in "/-.":
            pass
        else:
            break
        start = tok.i + 1
    return start, roles


def _line_of(doc: Doc, span: Span) -> str:
    text = text_of(doc)
    s = text.rfind("\n", 0, span.start_char) + 1
    e = text.find("\n", span.end_char)
    return text[s:e if e >= 0 else len(text)].strip()


RULES = (quoted_titles, caps_titles, cue_titles, year_titles, definitions, bracket_names, cue_orgs,
         role_names, cast_lists)
