"""Name keys: the folded form by which names are compared within and across documents and
against gold (SPEC matching)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import unaccented


@lru_cache(maxsize=262144)
def key(name: str) -> str:
    """Folds case, accents, quotes, a leading 'the', a possessive and punctuation (SPEC matching)."""
    s = unaccented(name).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").strip(" \"'\u201c\u201d")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    return re.sub(r"[\W_]+", "", s)
