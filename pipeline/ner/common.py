"""What the entity rules share: the token tests for capitalised runs and the words of titles.
The rules are declared in `registry.py`; they are in `titles.py` (works) and `names.py` (people
and organisations); `decide.py` decides among their candidates.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import YEAR
from ..view import DocView

# lowercase words allowed inside a title ("The First Hour of the Week")
TITLE_GLUE = {"of", "the", "a", "an", "and", "in", "on", "at", "for", "to", "with", "from", "my",
              "your", "our", "his", "her", "their", "is", "or", "by", "'s", "’s",
              # articles and prepositions of titles in other languages
              "de", "la", "le", "les", "du", "des", "del", "el", "los", "las", "di", "da", "il", "lo",
              "der", "die", "das", "den", "und", "et", "y"}
QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "'": "'"}
# words before a quote that mark a saying, not a title
NOT_TITLE_BEFORE = {"message", "messages", "word", "words", "phrase", "term", "slogan", "motto",
                     "saying", "said", "says", "tagline", "theme", "mantra", "quote", "question"}
# right before a name in quotes: the name cited as a word ('The name "X" was chosen'), not a title
YEAR_NUMBER = re.compile(r"\b\d{3,4}\b")  # a year written out in a life's bracket
LIFETIME = (12, 115)  # the years between a birth and a death
NAME_CITED = {"name", "names", "nickname", "inscription", "inscriptions", "branded with"}


_ROMAN = re.compile(r"[IVX]{1,4}")
_ROMANCE_ARTICLES = {"el", "la", "le", "les", "il", "lo", "los", "las", "gli", "une", "una", "l'"}
_ENGLISH_LINKS = {"and", "or", "but", "then", "which", "who", "that", "when", "while", "with", "was", "is"}
_DATE_PREPOSITIONS = {"in", "on", "since", "from", "until", "during", "by"}
_AFTER_LINK = {"with", "in", "on", "at", "for", "to", "from", "by", "and", "or", "is"}  # never in a title after "and"


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


def occurrences(v: DocView, name: str) -> Iterator[tuple[int, int]]:
    """`whole_word(v.text, name)`, found through the view's index of where each word starts
    instead of a search of the whole text for each name: the rules look up every name of a
    document, which made a long text quadratic. A name that starts with a word character can only
    start where a word of the text starts, and that word is the name's first word."""
    first = _FIRST_WORD.match(name)
    if first is None:
        yield from whole_word(v.text, name)
        return
    text, n, free = v.text, len(name), 0  # free: where whole_word would search next
    for i in v.word_starts.get(first.group(), ()):
        end = i + n
        if i >= free and text.startswith(name, i) and (end == len(text) or not _word_char(text[end])):
            yield i, end
            free = end


_FIRST_WORD = re.compile(r"\w+")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w on str


def skip_space(v: DocView, i: int) -> int:
    """The first token from i that is not white space (`len(v)` when there is none)."""
    toks = v.tokens
    while i < len(toks) and toks[i].is_space:
        i += 1
    return i


def is_cap(tok) -> bool:
    return tok.text[:1].isupper()


def title_end(v: DocView, i: int, limit: int, in_list: bool = False) -> int:
    """End of a title-like run of tokens that starts at i (capitalised words and glue words);
    inside a list, 'and' ends it."""
    toks = v.tokens
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
        elif j == i and tok.is_digit and len(tok) <= 4 and not YEAR.fullmatch(tok.text) and j + 1 < limit \
                and is_cap(toks[j + 1]):
            last_cap = j + 1  # a title that starts with a number: "3 Ladders"
        elif j > i and tok.is_alpha and tok.is_lower and not tok.is_stop and not v.common_word(tok):
            last_cap = j + 1  # a title in another language: "Bailando por un pañuelo"
        elif j > i and tok.is_alpha and tok.is_lower and len(tok) <= 3 and tok.lower_ not in TITLE_GLUE \
                and not tok.is_stop \
                and j + 1 < limit \
                and toks[j + 1].is_alpha and not v.common_word(toks[j + 1]):
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
