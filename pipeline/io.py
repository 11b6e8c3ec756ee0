"""Side effects at the edge: finding input files, reading and decoding them, writing tables.

A file that cannot be used becomes a SourceDoc with `error` set, naming the file and the cause;
it never raises, so one bad file never loses the others.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .gold import GoldDoc, GoldError, parse_gold
from .records import SourceDoc
from .vocab import EvalTable, Table

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# leading bytes of formats that are often saved under a text name by mistake
_MAGIC = {b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or Office document)",
          b"\x7fELF": "an executable", b"\x1f\x8b": "a gzip archive",
          b"RIFF": "a RIFF media file", b"ID3": "an MP3 file"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def doc_id_for(path: Path, root: Path) -> str:
    """`root/sub/a.txt` -> `sub/a` (SPEC: relative path, no extension, `/` separators)."""
    rel = path.relative_to(root)
    return rel.with_suffix("").as_posix()


def discover(root: Path) -> Iterator[Path]:
    """Input files under `root`, recursively, in a stable order; symlinked folders not followed."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def read_source(path: Path, root: Path, max_chars: int) -> SourceDoc:
    """Reads and decodes one file; problems come back as `SourceDoc.error`."""
    doc_id = doc_id_for(path, root)
    rel = path.relative_to(root).as_posix()

    def fail(cause: str, sha: str = "") -> SourceDoc:
        return SourceDoc(doc_id, rel, sha, "", error=f"{rel}: {cause}")

    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as e:  # RuntimeError: symlink loop on some Pythons
        return fail(f"cannot resolve path ({_reason(e)})")
    if not real.is_relative_to(root.resolve()):
        return fail(f"path leads outside the input folder (to {real})")
    if not real.is_file():
        return fail("not a regular file")
    try:
        size = real.stat().st_size
        if size > max_chars * 4:  # no encoding needs more than 4 bytes a character
            return fail(f"too large ({size:,} bytes; the limit is --max-chars {max_chars:,})")
        data = real.read_bytes()
    except OSError as e:
        return fail(f"cannot read ({_reason(e)})")
    sha = hashlib.sha256(data).hexdigest()
    text, encoding, cause = decode(data)
    if cause:
        return fail(cause, sha)
    fmt = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text) else "text"
    if fmt == "html":
        text = html_to_text(text)
        if not text.strip():
            return fail("HTML page with no main text", sha)
    if len(text) > max_chars:
        return fail(f"too large ({len(text):,} characters; the limit is --max-chars {max_chars:,})", sha)
    return SourceDoc(doc_id, rel, sha, text, encoding=encoding, format=fmt)


def decode(data: bytes) -> tuple[str, str | None, str | None]:
    """bytes -> (text, encoding, error cause). Never translates newlines, so offsets stay exact."""
    if not data.strip():
        return "", None, "empty file" if not data else "only whitespace"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _nonblank(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                return "", None, f"undecodable as {enc} despite its byte-order mark ({e.reason})"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return "", None, f"binary content: {what}, not text"
    if b"\x00" in data[:8192]:
        return "", None, "binary content (NUL bytes)"
    try:
        return _nonblank(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow import, needed only off the UTF-8 path

    best = from_bytes(data).best()
    if best is None:
        return "", None, "undecodable: no text encoding fits these bytes"
    return _nonblank(str(best), best.encoding)


def _nonblank(text: str, enc: str) -> tuple[str, str | None, str | None]:
    if not text.strip():
        return "", enc, "only whitespace"
    control = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\r\f\v")
    if control > 0.1 * min(len(text), 4096):
        return "", enc, "binary content (control characters)"
    return text, enc, None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> str:
    """The main text of a page (trafilatura), comments and page chrome left out."""
    import trafilatura  # heavy import, needed only for HTML inputs

    return trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True, deduplicate=False) or ""


def _reason(e: BaseException) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def write_tables(out: Path, tables: Mapping[Table | EvalTable, pa.Table]) -> None:
    """Writes every table into a fresh folder beside `out`, then swaps it in.

    An interrupted run leaves the previous `out` (or its `.old` copy, restored by the next run).
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name.value}.parquet", compression="zstd")
        old = out.parent / f".{out.name}.old"
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def recover(out: Path) -> None:
    """Puts back the previous output folder if a run died between the two renames."""
    old = out.parent / f".{out.name}.old"
    if old.exists() and not out.exists():
        os.replace(old, out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def read_gold(path: Path) -> list[GoldDoc]:
    """A gold file (JSON Lines, SPEC "Gold annotations"); errors name the file, the line, the cause."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise GoldError(f"{path}: cannot read ({_reason(e)})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GoldError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    return parse_gold(text, str(path))


def read_tables(out: Path, columns: Mapping[Table, Collection[str]],
                optional: Collection[Table] = ()) -> dict[Table, list[dict]]:
    """The given columns of each table of an output folder (`NAME.parquet`, a file or a folder of
    parts), as rows; a missing optional table reads as empty. ValueError names the file and cause."""
    if not out.is_dir():
        raise ValueError(f"{out}: not a folder (expected the output folder of a run)")
    tables: dict[Table, list[dict]] = {}
    for name, cols in columns.items():
        path = next((p for p in (out / f"{name.value}.parquet", out / name.value) if p.exists()), None)
        if path is None:
            if name not in optional:
                raise ValueError(f"{out}: no {name.value}.parquet (is this the output folder of a run?)")
            tables[name] = []
            continue
        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as e:
            raise ValueError(f"{path}: unreadable as Parquet ({e})") from None
        missing = [c for c in cols if c not in table.schema.names]
        if missing:
            raise ValueError(f"{path}: column(s) {', '.join(missing)} missing")
        tables[name] = table.select(list(cols)).to_pylist()
    return tables


def write_eval(out: Path, tables: Mapping[EvalTable, pa.Table]) -> None:
    """Writes the evaluation tables into `out`, replaced whole; refuses a folder holding anything else
    (`--out` pointing at the run's own output folder would otherwise lose it)."""
    ours = {f"{t.value}.parquet" for t in EvalTable}
    if out.exists():
        others = sorted(p.name for p in out.iterdir()) if out.is_dir() else [out.name]
        others = [n for n in others if n not in ours]
        if others:
            raise ValueError(f"{out}: holds other files ({', '.join(others[:3])}); "
                             "choose an empty or evaluation-only folder for --out")
    write_tables(out, tables)
