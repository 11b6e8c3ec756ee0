"""Bytes -> text for one input file: byte-order marks, binary sniffing, charset detection, HTML.

Pure functions, no file system: `io.py` (local folders) and `engine_ray.py` (Ray Data, any
pyarrow file system) read the bytes and both turn them into a SourceDoc with `source_of`.
`decode` never translates newlines (`\r\n` stays two characters), so offsets into its text are
exact; a file that cannot be text comes back with a cause, never as an exception.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import PurePosixPath
from typing import NamedTuple

from ..records import SourceDoc

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
BYTES_PER_CHAR = 4  # no encoding needs more, so a file this much larger than --max-chars is too large

# leading bytes of formats that are often saved under a text name by mistake
_MAGIC = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or Office document)",
          b"\xd0\xcf\x11\xe0": "an old Office document", b"{\\rtf": "an RTF document",
          b"\x7fELF": "an executable", b"\x1f\x8b": "a gzip archive", b"7z\xbc\xaf": "a 7-Zip archive",
          b"Rar!": "a RAR archive", b"RIFF": "a RIFF media file", b"ID3": "an MP3 file",
          b"OggS": "an Ogg media file"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# When charset detection finds several decodings equally good, the legacy encodings this corpus
# is known to hold win: Korean (CP949, a superset of EUC-KR) and Western European (CP1252, which
# is also how browsers read "latin-1"). Short texts often leave the detector with a tie.
PREFERRED = ("cp949", "cp1252")
# A file that is not valid UTF-8 is still taken for UTF-8 with stray legacy bytes (pasted together
# from several sources) when its valid multi-byte characters outnumber the stray bytes this much:
# legacy text forms valid UTF-8 sequences only by chance (CP949 Korean: about one pair in ten).
_UTF8_PER_STRAY = 3
MIN_PROSE_WORDS = 5  # an HTML page's main text has at least one line this long
_SAMPLE = 100_000  # characters judged for plausibility; the start of a file speaks for it
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TAG = re.compile(r"<(?:/?[a-z][a-z0-9]*[\s/>]|!--|!doctype\s)", re.I)
# Unicode name prefixes that are one writing system for our purposes: CJK text mixes Hanja or
# Kanji with Hangul or Kana inside one word.
_FAMILY = {"HANGUL": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK",
           "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK", "MODIFIER": None, "COMBINING": None}


def doc_id_of(rel: str) -> str:
    """`sub/a.txt` (relative to the input folder, `/` separators) -> `sub/a` (SPEC)."""
    return PurePosixPath(rel).with_suffix("").as_posix()


def too_many_bytes(size: int, max_chars: int) -> str | None:
    """The cause when a file of `size` bytes cannot hold at most `max_chars` characters."""
    if size <= max_chars * BYTES_PER_CHAR:
        return None
    return f"too large ({size:,} bytes; the limit is --max-chars {max_chars:,} characters)"


def printable(name: str) -> str:
    """A file name that is not valid UTF-8 arrives with surrogate escapes, which Arrow cannot
    store: its bad bytes are spelled `\\xNN`."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def doc_ids(rels: Sequence[str]) -> list[str]:
    """The doc_ids of files given by their paths relative to the input folder (`/` separators),
    unique over all of them. A doc_id is the path without its extension (SPEC); files that would
    share one keep their extension (`a.md` and `a.txt`), and any still alike (an escaped byte
    spelled like a real backslash name) get `~` and 8 hex digits of a hash of their path's bytes.
    A file's doc_id therefore depends only on the names of the files it would clash with."""
    ids = [printable(doc_id_of(r)) for r in rels]
    for rename in (printable, lambda r: f"{printable(r)}~{_path_hash(r)}"):
        counts = Counter(ids)
        if len(counts) == len(ids):
            break
        ids = [rename(r) if counts[i] > 1 else i for r, i in zip(rels, ids, strict=True)]
    return ids


def _path_hash(rel: str) -> str:
    return hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def source_of(doc_id: str, rel: str, data: bytes, max_chars: int, named_html: bool) -> SourceDoc:
    """The bytes of one file (at most `max_chars * BYTES_PER_CHAR`) -> its SourceDoc: decoded,
    the main text of an HTML page taken, or `error` naming the file and the cause."""
    sha = hashlib.sha256(data).hexdigest()
    text, encoding, cause = decode(data)

    def fail(cause: str) -> SourceDoc:
        return SourceDoc(doc_id, rel, sha, "", encoding=encoding, error=f"{rel}: {cause}")

    if cause:
        return fail(cause)
    fmt = "html" if looks_like_html(text) or named_html and has_tags(text) else "text"
    if fmt == "html":
        text = html_to_text(text)
        if not text.strip():
            return fail("HTML page with no main text")
    if len(text) > max_chars:
        return fail(f"too large ({len(text):,} characters; the limit is --max-chars {max_chars:,})")
    return SourceDoc(doc_id, rel, sha, text, encoding=encoding, format=fmt)


class Decoded(NamedTuple):
    text: str
    encoding: str | None
    error: str | None  # the cause when the bytes are not usable text


def decode(data: bytes) -> Decoded:
    """bytes -> text, trying in turn: a byte-order mark, binary signatures, UTF-8 (tolerating a
    few stray legacy bytes), then charset detection with a plausibility tie-break."""
    if not data:
        return Decoded("", None, "empty file (0 bytes)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _usable(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                return Decoded("", None, f"undecodable as {enc} despite its byte-order mark ({e.reason} "
                                         f"at byte {e.start})")
    if not data.strip():
        return Decoded("", None, f"only whitespace ({len(data):,} bytes)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return Decoded("", None, f"binary content: {what}, not text")
    if b"\x00" in data:
        return Decoded("", None, f"binary content: NUL bytes (first at byte {data.index(0):,})")
    try:
        return _usable(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _utf8_with_strays(data)
    if mostly_utf8 is not None:
        return _usable(mostly_utf8, "utf-8+cp1252")
    return _detect(data)


def _usable(text: str, enc: str) -> Decoded:
    if not text.strip():
        return Decoded("", enc, f"only whitespace (decoded as {enc})")
    sample = text[:4096]
    control = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v")
    if control > 0.1 * len(sample):
        return Decoded("", enc, f"binary content: {control} control characters in the first "
                                f"{len(sample):,} (decoded as {enc})")
    return Decoded(text, enc, None)


# a byte that is not UTF-8, as `surrogateescape` spells it -> that byte read as CP1252 (Latin-1
# for the five bytes CP1252 leaves undefined)
_STRAY = {0xDC00 + b: bytes([b]).decode("latin-1" if b in b"\x81\x8d\x8f\x90\x9d" else "cp1252")
          for b in range(0x80, 0x100)}
_ESCAPED = re.compile("[\udc80-\udcff]")


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 with a few bytes of another encoding, those read as CP1252; None unless valid UTF-8
    characters outnumber the stray bytes `_UTF8_PER_STRAY` times."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = sum(1 for _ in _ESCAPED.finditer(text))
    valid = sum(1 for _ in _NON_ASCII.finditer(text)) - strays
    return text.translate(_STRAY) if valid >= _UTF8_PER_STRAY * strays else None


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # slow import, needed only off the UTF-8 path

    # the preferred encodings are tried on their own too: the detector's shortlist can miss them
    matches = [*from_bytes(data), *from_bytes(data, cp_isolation=list(PREFERRED))]
    best: dict[str, tuple] = {}
    for i, m in enumerate(matches):
        if not _ascii_compatible(m.encoding):  # UTF-16/32 without a BOM, EBCDIC: not in NUL-free text
            continue
        text = str(m)
        names = [e for e in PREFERRED if e in m.could_be_from_charset]
        enc = names[0] if names else m.encoding
        prior = PREFERRED.index(enc) if names else len(PREFERRED)
        fit = round(plausibility(text) - m.chaos, 3)
        key = (-fit, prior, -m.coherence, i, enc)
        if text not in best or key < best[text][0]:
            best[text] = (key, text)
    if not best:
        return Decoded("", None, "undecodable: no text encoding fits these bytes")
    (neg_fit, _, _, _, enc), text = min(best.values())
    if -neg_fit < 0.5:
        return Decoded("", enc, f"undecodable: the best guess ({enc}) gives implausible text")
    return _usable(text, enc)


@lru_cache(maxsize=None)
def _ascii_compatible(encoding: str) -> bool:
    probe = "Aa0 .,?\n"
    return probe.encode(encoding) == probe.encode("ascii")


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that look like ordinary text of a real script: not a
    control, private or unassigned character, not a rare Hangul syllable outside the 2,350 of
    KS X 1001 or a half-width katakana (both typical of a wrong CJK decoding), and not a letter
    in a word that mixes writing systems ("Cafй", "Seoul梯"). 1.0 for pure ASCII."""
    text = text[:_SAMPLE]
    total = odd = 0
    for m in _NON_ASCII.finditer(text):
        total += 1
        odd += _odd_char(m.group())
    for w in _WORD.finditer(text):
        word = w.group()
        if not word.isascii() and len({_family(c) for c in word} - {None}) > 1:
            odd += sum(1 for c in word if not c.isascii())
    return 1.0 - min(odd, total) / total if total else 1.0


def _odd_char(c: str) -> bool:
    if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"):
        return True
    if "\uac00" <= c <= "\ud7a3":
        return len(c.encode("euc_kr")) != 2  # outside KS X 1001: written as an 8-byte sequence
    return "\uff61" <= c <= "\uff9f"


def _family(c: str) -> str | None:
    first = unicodedata.name(c, "UNKNOWN").split(" ", 1)[0]
    return _FAMILY.get(first, first)


def looks_like_html(text: str) -> bool:
    """A whole page, whatever the file is called."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def has_tags(text: str) -> bool:
    """Any markup at all: a file named .html without any is plain text."""
    return _TAG.search(text) is not None


def html_to_text(html: str) -> str:
    """The main text of a page (trafilatura), comments and page chrome left out; "" when the page
    has no prose: trafilatura falls back to menus and link lists, whose lines are all short."""
    import trafilatura  # heavy import, needed only for HTML inputs

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True, deduplicate=False) or ""
    return text if any(len(line.split()) >= MIN_PROSE_WORDS for line in text.splitlines()) else ""
