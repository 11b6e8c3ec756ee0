"""What the entity rules share: the `Candidate` they yield, per-Doc memos, and the token tests
for capitalised runs and common words. The rules themselves are in `ner_titles.py` (works) and
`ner_names.py` (people and organisations); `ner_decide.py` decides among their candidates.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

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
QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "'": "'"}
# words before a quote that mark a saying, not a title
NOT_TITLE_BEFORE = {"message", "messages", "word", "words", "phrase", "term", "slogan", "motto",
                     "saying", "said", "says", "tagline", "theme", "mantra", "quote", "question"}


_ROMAN = re.compile(r"[IVX]{1,4}")
YEAR_LIKE = re.compile(r"(1[89]|20)\d\d")  # a number that reads as a year, never a title's first word
_ROMANCE_ARTICLES = {"el", "la", "le", "les", "il", "lo", "los", "las", "gli", "une", "una", "l'"}
_ENGLISH_LINKS = {"and", "or", "but", "then", "which", "who", "that", "when", "while", "with", "was", "is"}
_DATE_PREPOSITIONS = {"in", "on", "since", "from", "until", "during", "by"}
_AFTER_LINK = {"with", "in", "on", "at", "for", "to", "from", "by", "and", "or", "is"}  # never in a title after "and"


# doc.user_data memos
_TEXT_KEY, _TOKENS_KEY, _LOWER_KEY = "interview_ie.text", "interview_ie.token_texts", "interview_ie.lower"
_LEMMA_KEY = "interview_ie.lemma"
_OBJECTS_KEY, _ENTS_KEY = "interview_ie.tokens", "interview_ie.model_ents"  # hold the Doc: see `forget`


def tokens(doc: Doc) -> list[Token]:
    """The Doc's Token objects, made once per Doc (`doc[i]` makes a new one on every call, and a
    slice `doc[i:j]` a new Span): rules that step through a text index this list."""
    toks = doc.user_data.get(_OBJECTS_KEY)
    if toks is None:
        toks = doc.user_data[_OBJECTS_KEY] = list(doc)
    return toks


def span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, cut from the Doc's text without making the Span."""
    if end <= start:
        return ""
    toks = tokens(doc)
    last = toks[end - 1]
    return text_of(doc)[toks[start].idx:last.idx + len(last.text)]


def model_ents(doc: Doc) -> tuple[Span, ...]:
    """The model's entities, as `doc.ents` gave them before `film_entities` set its own: read
    once per Doc instead of once per rule."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = doc.ents
    return ents


def forget(doc: Doc) -> None:
    """Drops the memos that refer back to the Doc (Tokens, Spans): a stage calls it when it is
    done, so that a Doc is freed as soon as it is dropped (no reference cycle through user_data)."""
    doc.user_data.pop(_OBJECTS_KEY, None)
    doc.user_data.pop(_ENTS_KEY, None)


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Sets `text_of(doc)` to the text the Doc was made from, which it equals."""
    doc.user_data[_TEXT_KEY] = text


def token_texts(doc: Doc) -> frozenset[str]:
    """The texts of a Doc's tokens, collected once per Doc."""
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None:
        texts = doc.user_data[_TOKENS_KEY] = frozenset(t.text for t in doc)
    return texts


def lowers(doc: Doc) -> list[str]:
    """`tok.lower_` of every token, in order, collected once per Doc: the rules that look for
    words all over a text scan these strings and make a Token only where a word is found."""
    lower = doc.user_data.get(_LOWER_KEY)
    if lower is None:
        lower = doc.user_data[_LOWER_KEY] = [t.lower_ for t in doc]
    return lower


def lemmas(doc: Doc) -> list[str]:
    """`tok.lemma_` of every token, in order, collected once per Doc (after the lemmatizer)."""
    lemma = doc.user_data.get(_LEMMA_KEY)
    if lemma is None:
        strings = doc.vocab.strings
        lemma = doc.user_data[_LEMMA_KEY] = [strings[h] for h in doc.to_array(LEMMA).tolist()]
    return lemma


@lru_cache(maxsize=None)
def prefixes_of(phrases: tuple[str, ...]) -> frozenset[str]:
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


def is_cap(tok) -> bool:
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


def title_end(doc: Doc, i: int, limit: int, in_list: bool = False) -> int:
    """End of a title-like run of tokens that starts at i (capitalised words and glue words);
    inside a list, 'and' ends it."""
    toks = tokens(doc)
    j = i
    last_cap = i
    while j < limit:
        tok = toks[j]
        if "\n" in tok.text or (j > i and "\n" in toks[j - 1].whitespace_):
            break
        if is_cap(tok) and j > i and tok.ent_type_ == "DATE" and toks[j - 1].lower_ in _DATE_PREPOSITIONS:
            break  # "Vexa Interactive in April 2009": the date is not part of the name
        if tok.lower_ in {"for", "by"} and j > i and j + 1 < limit and toks[j + 1].ent_type_ == "ORG":
            break  # "The Pages for RTV One": made for a broadcaster, not part of the title
        if tok.lower_ in {"and", "or"} and j > i and j + 1 < limit and toks[j + 1].lower_ in _AFTER_LINK:
            break  # "Morning Star and with Ann Lee in Overboard": a clause goes on, not the title
        if j > i and tok.is_alpha and not toks[j - 1].whitespace_ and toks[j - 1].is_alpha:
            last_cap = j + 1  # one word the tokenizer split: "Gonna", "Wanna", "Gotta"
        elif is_cap(tok) or (j > i and (tok.is_digit and len(tok) <= 3 or _ROMAN.fullmatch(tok.text))):
            last_cap = j + 1  # "Tam Lok 2", "Rocky IV"; never a year ("Sandhyam in 2017")
        elif j == i and tok.is_digit and len(tok) <= 4 and not YEAR_LIKE.fullmatch(tok.text) and j + 1 < limit \
                and is_cap(toks[j + 1]):
            last_cap = j + 1  # a title that starts with a number: "3 Ladders"
        elif j > i and tok.is_alpha and tok.is_lower and not tok.is_stop and not common_word(doc, tok):
            last_cap = j + 1  # a title in another language: "Bailando por un pañuelo"
        elif j > i and tok.is_alpha and tok.is_lower and len(tok) <= 3 and tok.lower_ not in TITLE_GLUE \
                and not tok.is_stop \
                and j + 1 < limit \
                and toks[j + 1].is_alpha and not common_word(doc, toks[j + 1]):
            pass  # its short function words ("un", "ti", "di")
        elif tok.lower_ in TITLE_GLUE and not (in_list and tok.lower_ in {"and", "or"}) or (tok.text in "-:" and j > i) \
                or tok.text == "&" and j > i and not in_list:  # "Rank & File"
            pass
        elif j > i and tok.is_alpha and tok.is_lower and toks[i].lower_ in _ROMANCE_ARTICLES \
                and tok.lower_ not in _ENGLISH_LINKS and (last_cap == j or not toks[j - 1].is_stop) and (not tok.is_stop or j + 1 < limit and toks[j + 1].is_lower
                                                           and toks[j + 1].is_alpha and not toks[j + 1].is_stop):
            last_cap = j + 1  # titles in sentence case after an article: "La casa di carta", "El mar no tiene fondo"
        else:
            break
        j += 1
    return last_cap


def line_of(doc: Doc, span: Span) -> str:
    text = text_of(doc)
    s = text.rfind("\n", 0, span.start_char) + 1
    e = text.find("\n", span.end_char)
    return text[s:e if e >= 0 else len(text)].strip()




def starts_line(doc: Doc, i: int) -> bool:
    """Whether token i is the first word of its line."""
    toks = tokens(doc)
    return i == 0 or "\n" in toks[i - 1].whitespace_ or toks[i - 1].is_space and "\n" in toks[i - 1].text
