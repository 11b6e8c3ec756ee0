"""Reading one input: decoding (encodings, line endings, binary, undecodable), HTML, and the file
system cases (too large, unreadable, links, clashes) - each bad file an error naming its cause."""
from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.runtime.inputs import Decoded, decode, doc_ids, has_tags, html_to_text, looks_like_html, plausibility
from pipeline.runtime.io import discover, read_source, read_sources
from pipeline.output.schemas import to_table
from pipeline.vocab import Table

from .odd_folder import KOREAN, MENU, PAGE, WESTERN, sample

def fits(text: str, codec: str) -> bool:
    try:
        return bool(text.encode(codec))
    except UnicodeEncodeError:  # latin-1 has no curly quotes or dashes
        return False


CRLF = "Q: Where were you born?\r\nA: In a small town.\r\n\r\nShe directed her first film in 2009.\r\n"


@pytest.mark.parametrize("data,text,encoding", [
    (CRLF.encode(), CRLF, "utf-8"),
    (codecs.BOM_UTF8 + CRLF.encode(), CRLF, "utf-8-sig"),
    (codecs.BOM_UTF16_LE + CRLF.encode("utf-16-le"), CRLF, "utf-16"),
    (codecs.BOM_UTF16_BE + CRLF.encode("utf-16-be"), CRLF, "utf-16"),
    (codecs.BOM_UTF16_LE + KOREAN[1].encode("utf-16-le"), KOREAN[1], "utf-16"),
    (codecs.BOM_UTF32_LE + WESTERN[1].encode("utf-32-le"), WESTERN[1], "utf-32"),
    (WESTERN[1].encode(), WESTERN[1], "utf-8"),
    ("Line one\rline two (old Mac line ends)".encode(), "Line one\rline two (old Mac line ends)", "utf-8"),
    # UTF-8 with a stray CP1252 byte, as in a file pasted together from two sources
    ("Le réalisateur était là, ".encode() * 2 + b"caf\xe9.", "Le réalisateur était là, " * 2 + "café.",
     "utf-8+cp1252"),
    *[(t.encode(enc), t, "cp949") for t in KOREAN for enc in ("cp949", "euc_kr")],
    *[(t.encode(enc), t, "cp1252") for t in WESTERN for enc in ("latin-1", "cp1252") if fits(t, enc)],
    (b"It\x92s fine", "It’s fine", "cp1252"),
    (b"caf\xe9", "café", "cp1252"),
])
def test_decodes(data, text, encoding):
    assert decode(data) == Decoded(text, encoding, None)


@pytest.mark.parametrize("text,codec,encoding", [
    # the preference for CP949/CP1252 breaks ties only: other encodings win on the evidence
    ("Příliš žluoučký kůň úpěl ďábelské ódy. Toto je český text o filmu.", "cp1250", "cp1250"),
    ("Фильм снял режиссёр из Москвы.", "cp1251", "cp1251"),
    ("这部电影讲述了一个家庭的故事。", "gb2312", "gb18030"),
    ("這部電影講述了一個家庭的故事。", "big5", "big5"),
    ("映画監督にお話を伺いました。", "shift_jis", "cp932"),
])
def test_other_legacy_encodings_still_win_on_the_evidence(text, codec, encoding):
    assert decode(text.encode(codec)) == Decoded(text, encoding, None)


NOISE = bytes(b or 1 for b in random.Random(7).randbytes(3000))


@pytest.mark.parametrize("data,cause", [
    (b"", "empty file (0 bytes)"),
    (b" \r\n\t\n", "only whitespace (5 bytes)"),
    (codecs.BOM_UTF8, "only whitespace (decoded as utf-8-sig)"),
    (codecs.BOM_UTF16_LE + "\u3000\n".encode("utf-16-le"), "only whitespace (decoded as utf-16)"),
    (b"text\x00with a NUL", "binary content: NUL bytes (first at byte 4)"),
    (b"\x89PNG\r\n\x1a\n" + NOISE[:100], "binary content: a PNG image, not text"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "binary content: a PDF file, not text"),
    (b"\xff\xd8\xff\xe0" + NOISE[:100], "binary content: a JPEG image, not text"),
    (b"PK\x03\x04" + NOISE[:100], "binary content: a ZIP archive (or Office document), not text"),
    (bytes(range(1, 32)) * 10, "binary content: 260 control characters in the first 310 (decoded as utf-8)"),
    (NOISE, "undecodable: no text encoding fits these bytes"),
    (b"The film \x8d\xa1bc was shown.", "undecodable: the best guess (cp949) gives implausible text"),
    (codecs.BOM_UTF16_LE + b"H\x00i", "undecodable as utf-16 despite its byte-order mark (truncated data at byte 4)"),
])
def test_rejects_with_the_cause(data, cause):
    d = decode(data)
    assert d.text == "" and d.error == cause


@pytest.mark.parametrize("text,expected", [
    ("plain ASCII", 1.0),
    ("김 감독은 서울에서 태어났다.", 1.0),
    ("The director 김지현 was born", 1.0),
    ("Café crème", 1.0),
    ("Cafй crиme", 0.0),        # Cyrillic letters inside Latin words: CP1252 read as CP1251
    ("It뭩 fine", 0.0),          # a Hangul syllable glued to Latin letters
    ("뭩", 0.0),                 # outside the 2,350 syllables of KS X 1001
    ("ｱ霈ﾒｿｵ", 0.2),             # half-width katakana around an ideograph: CP949 read as CP932
    ("A\x85B", 0.0),            # a C1 control character
])
def test_plausibility(text, expected):
    assert plausibility(text) == pytest.approx(expected)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises_and_always_explains(data):
    d = decode(data)
    assert (d.error is None) == bool(d.text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(str.strip),
       st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_unicode_round_trips_exactly(text, codec):
    data = text.encode(codec)  # Python writes a BOM for utf-16/utf-32
    assert decode(data).text == text


@pytest.mark.parametrize("text,is_html", [
    (PAGE, True), (MENU, True), ("<!doctype html><p>x</p>", True), (" \n<HTML><body>x</body></HTML>", True),
    ("Plain text about <b>bold</b> claims.", False), ("5 < 6 and 7 > 3", False), ("", False),
])
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


@pytest.mark.parametrize("html,expected", [
    (PAGE, "Rocío Ortega was born in Valparaíso in 1984."),
    (MENU, None),                 # only a menu: no main text
    ("<html><body></body></html>", None),
])
def test_html_to_text(html, expected):
    text = html_to_text(html)
    if expected is None:
        assert text == ""
    else:
        assert expected in text.replace("\n", " ")
        assert "Copyright" not in text and "Home" not in text


# --- the file system ---------------------------------------------------------------------------

def write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("name,data,max_chars,text,fmt,cause", [
    ("a.txt", CRLF.encode(), 1000, CRLF, "text", None),
    ("page.txt", PAGE.encode(), 10_000, None, "html", None),
    ("page.html", PAGE.encode(), 10_000, None, "html", None),
    ("menu.txt", MENU.encode(), 10_000, None, None, "HTML page with no main text"),
    ("big.txt", b"x" * 41, 10, None, None, "too large (41 bytes; the limit is --max-chars 10 characters)"),
    ("long.txt", b"x" * 11, 10, None, None, "too large (11 characters; the limit is --max-chars 10)"),
    ("ok.txt", b"x" * 10, 10, "x" * 10, "text", None),
    ("sub/empty.md", b"", 10, None, None, "empty file (0 bytes)"),
])
def test_read_source(tmp_path, name, data, max_chars, text, fmt, cause):
    src = read_source(write(tmp_path, name, data), tmp_path, max_chars)
    assert src.doc_id == name.rsplit(".", 1)[0] and src.path == name
    if cause is None:
        assert src.error is None and src.format == fmt
        assert src.text == text if text is not None else "Valparaíso" in src.text
        assert src.sha256 and len(src.sha256) == 64
    else:
        assert src.error == f"{name}: {cause}" and src.text == ""


def test_crlf_is_kept_so_offsets_stay_exact(tmp_path):
    src = read_source(write(tmp_path, "crlf.txt", sample(4, "\r\n").encode()), tmp_path, 10**6)
    assert "\r\n" in src.text and src.text == sample(4, "\r\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permission bits; "
                    "test_unreadable_file_message covers the message")
def test_unreadable_file(tmp_path):
    p = write(tmp_path, "locked.txt", b"some text")
    p.chmod(0)
    try:
        assert read_source(p, tmp_path, 100).error == "locked.txt: cannot read (Permission denied)"
    finally:
        p.chmod(0o644)


def test_unreadable_file_message(tmp_path, monkeypatch):
    p = write(tmp_path, "locked.txt", b"some text")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    assert read_source(p, tmp_path, 100).error == "locked.txt: cannot read (Permission denied)"


@pytest.mark.parametrize("make,cause", [
    (lambda d, out: (d / "loop.txt").symlink_to("loop.txt"), "cannot resolve path (Symlink loop"),
    (lambda d, out: (d / "loop.txt").symlink_to("other.txt") or (d / "other.txt").symlink_to("loop.txt"),
     "cannot resolve path"),
    (lambda d, out: (d / "loop.txt").symlink_to(write(out, "secret.txt", b"outside")),
     "path leads outside the input folder (to "),
    (lambda d, out: (d / "loop.txt").symlink_to("../" + out.name + "/secret.txt") or write(out, "secret.txt", b"x"),
     "path leads outside the input folder (to "),
    (lambda d, out: (d / "loop.txt").symlink_to("missing.txt"), "cannot resolve path (No such file or directory)"),
    (lambda d, out: os.mkfifo(d / "loop.txt"), "not a regular file"),
])
def test_links_and_special_files_are_rejected(tmp_path, make, cause):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    make(folder, outside)
    assert list(discover(folder))[0].name == "loop.txt"
    src = read_source(folder / "loop.txt", folder, 100)
    assert src.error.startswith(f"loop.txt: {cause}"), src.error


def test_a_link_inside_the_folder_is_read(tmp_path):
    write(tmp_path, "a.txt", b"The film premiered in 2015.")
    (tmp_path / "b.txt").symlink_to("a.txt")
    assert read_source(tmp_path / "b.txt", tmp_path, 100).text == "The film premiered in 2015."


def test_discover_skips_hidden_and_other_files_and_symlinked_folders(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "d.htm", "sub/e.TXT", ".hidden.txt", "image.png", "notes.docx"):
        write(tmp_path, name, b"x")
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "linked.txt").symlink_to(tmp_path / "sub", target_is_directory=True)
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "a.md", "b.txt", "c.html", "d.htm", "sub/e.TXT"]


def test_files_that_would_share_a_doc_id_keep_their_extension(tmp_path):
    for name in ("a.md", "a.txt", "b.txt", "sub/c.txt", "sub/c.html"):
        write(tmp_path, name, f"The file {name}.".encode())
    srcs = list(read_sources(list(discover(tmp_path)), tmp_path, 100))
    assert [(s.doc_id, s.path, s.error) for s in srcs] == [
        ("a.md", "a.md", None), ("a.txt", "a.txt", None), ("b", "b.txt", None),
        ("sub/c.html", "sub/c.html", None), ("sub/c.txt", "sub/c.txt", None)]


@pytest.mark.parametrize("rels,expected", [
    (["a.txt", "b.md"], ["a", "b"]),
    (["a.md", "a.txt"], ["a.md", "a.txt"]),
    # keeping the extension clashes again with a file named like it: both get a hash of their path
    (["a.md", "a.txt", "a.txt.md"], ["a.md", "a.txt~18b7cb09", "a.txt.md~1ad138a3"]),
    # a byte that is not UTF-8 is spelled like a real backslash name
    (["caf\\xe9.txt", "caf\udce9.txt"], ["caf\\xe9.txt~f1a0c199", "caf\\xe9.txt~9c035039"]),
])
def test_doc_ids_are_unique_and_depend_only_on_the_clashing_names(rels, expected):
    assert doc_ids(rels) == expected
    assert len(set(expected)) == len(expected)
    assert doc_ids(rels + ["other/z.txt"])[:len(rels)] == expected


def test_a_file_name_that_is_not_utf8_gets_a_storable_doc_id(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as f:
        f.write(b"A text.")
    [path] = discover(tmp_path)
    src = read_source(path, tmp_path, 100)
    assert src.doc_id == "caf\\xe9" and src.path == "caf\\xe9.txt"
    row = {"doc_id": src.doc_id, "path": src.path, "sha256": src.sha256, "status": "ok", "error": None,
           "n_chars": 7, "subject_id": None, "text": src.text, "encoding": src.encoding, "format": src.format}
    assert to_table(Table.DOCUMENTS, [row]).num_rows == 1


def test_a_plain_text_named_html_is_read_as_text(tmp_path):
    src = read_source(write(tmp_path, "notes.html", CRLF.encode()), tmp_path, 1000)
    assert (src.text, src.format, src.error) == (CRLF, "text", None)


@pytest.mark.parametrize("text,tagged", [
    ("<p>x</p>", True), ("a<br/>b", True), ("<!-- c -->", True), ("<DIV class=x>", True),
    ("5 < 6 and 7 > 3", False), ("a <-> b", False), ("<3 you", False), ("", False),
])
def test_has_tags(text, tagged):
    assert has_tags(text) is tagged


def unlistable(monkeypatch, folder: Path) -> None:
    """Listing `folder` fails as it would without permission (root lists any folder)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_becomes_an_error_row(tmp_path, monkeypatch):
    for name in ("a.txt", "locked/b.txt", "z.txt"):
        write(tmp_path, name, b"The film premiered in 2015.")
    unlistable(monkeypatch, tmp_path / "locked")
    srcs = list(read_sources(list(discover(tmp_path)), tmp_path, 100))
    assert [(s.doc_id, s.error) for s in srcs] == [  # a folder's files first, then its sub-folders
        ("a", None), ("z", None),
        ("locked", "locked: cannot list folder (Permission denied): the files in it were not read")]


def test_an_input_folder_that_cannot_be_listed_stops_the_run(tmp_path, monkeypatch):
    unlistable(monkeypatch, tmp_path)
    with pytest.raises(PermissionError):
        list(discover(tmp_path))
