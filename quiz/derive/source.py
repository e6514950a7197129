"""Read an article file: UTF-8 (with or without BOM), Windows-1252 with a warning, HTML stripped to text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024
"""An article larger than this is refused: news articles are a few kilobytes."""


class ArticleError(Exception):
    """An article that cannot be used, with what to do about it."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class Source:
    """An article's text as it will be stored (UTF-8, LF line ends), its title if known, and warnings."""

    text: str
    title: str = ""
    warnings: tuple[str, ...] = ()


_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (a .docx or .odt document?)",
    b"\xd0\xcf\x11\xe0": "an old Word/Office document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML_HINT = re.compile(r"^\s*(<!doctype html|<html|<head|<body)|</(p|div|h[1-6]|li|span|a)>", re.I)
_SAVE_AS_TEXT = "save the article's text as a plain .txt file (UTF-8) and try again"


def read_article(path: Path) -> Source:
    """Read and decode one article file, or raise ArticleError naming the file and the fix."""
    try:
        if path.is_dir():
            raise ArticleError("is a folder; pass the article's text file", path)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"is {size / 1_048_576:.1f} MB, too large for one news article; split it", path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file; check the path", path) from None
    except OSError as exc:
        raise ArticleError(f"cannot be read ({exc.strerror or exc})", path) from None
    try:
        return decode(raw)
    except ArticleError as exc:
        raise ArticleError(exc.message, path) from None


def decode(raw: bytes) -> Source:
    """Bytes to text: UTF-8 (BOM allowed), UTF-16 with BOM, else Windows-1252; HTML is stripped."""
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise ArticleError(f"is {what}, not text; {_SAVE_AS_TEXT}")
    warnings: list[str] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    elif b"\x00" in raw[:4096]:
        raise ArticleError(f"is a binary file, not text; {_SAVE_AS_TEXT}")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            warnings.append("is not UTF-8; read it as Windows-1252 (save it as UTF-8 to be sure)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _binary_share(text) > 0.05:
        raise ArticleError(f"looks like a binary file, not text; {_SAVE_AS_TEXT}")
    title = ""
    if _HTML_HINT.search(text[:20000]):
        text, title = html_to_text(text)
        warnings.append("is HTML; used the text of its paragraphs and headings")
        if not text.strip():
            raise ArticleError(f"is HTML without readable paragraphs; {_SAVE_AS_TEXT}")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        raise ArticleError("is empty; pass a file with the article's text")
    return Source(text, title, tuple(warnings))


def _binary_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (c < " " and c not in "\n\t") or c == "\ufffd")
    return bad / len(sample)


# --------------------------------------------------------------------------- HTML

_BLOCK = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "article", "section",
    "main", "ul", "ol", "table", "pre", "dd", "dt",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "figure", "figcaption", "form",
         "button", "svg", "iframe", "template", "select", "head"}  # fmt: skip
# Page parts named for what they hold: readers' comments, links to other stories, sharing, adverts.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-section|discussion|related|more-stories|most-read|recommended|share|"
    r"sharing|social|newsletter|promo|advert|advertisement|ad|ads|byline|caption|sidebar|breadcrumbs?|nav|menu)(?:$|[\s_-])",
    re.I,
)
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}


class _TextParser(HTMLParser):
    """Collects the visible text of an HTML page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.h1 = ""
        self.in_h1 = False
        self.furniture: list[str] = []
        """Open tags of the page furniture being skipped (nested tags of the same name counted)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        if tag == "title":
            self.in_title = True
        if self.furniture and tag == self.furniture[0]:
            self.furniture.append(tag)
        elif not self.furniture and any(_FURNITURE.search(v or "") for k, v in attrs if k in ("class", "id")):
            self.furniture.append(tag)
            self.skip += 1
        if tag in _SKIP:
            self.skip += 1
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if self.furniture and tag == self.furniture[0]:
            self.furniture.pop()
            if not self.furniture:
                self.skip -= 1
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """The visible text of an HTML page (scripts, navigation and captions left out) and its title."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n\n".join(line for line in lines if line)
    title = " ".join((parser.h1 or parser.title).split())
    return text, title
