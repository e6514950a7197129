"""Read an article file: UTF-8 (with or without BOM), Windows-1252 with a warning, HTML stripped to text."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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
        warnings.append("is HTML; used its main text (navigation, captions, links and comments left out)")
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


def html_to_text(html: str) -> tuple[str, str]:
    """The main text of an HTML page, one paragraph a block, and its headline.

    trafilatura finds the story and leaves out what is not it: navigation, bylines, captions,
    related links, sharing tools, newsletters and readers' comments. Imported here: it is large
    and only HTML needs it.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes on odd pages are not the user's concern
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    if doc is None:
        return "", ""
    lines = [" ".join(line.split()) for line in (doc.text or "").split("\n")]
    return "\n\n".join(line for line in lines if line), " ".join((doc.title or "").split())
