"""The library articles' entities kept on disk, so `quiz add` analyses only what is new.

One file per article text, named by the text's SHA-256, in a folder named by a digest of the code
that reads entities (every module of quiz.derive, its gazetteer, the text folding it uses, the
pysbd version): a changed article is another file, and a changed reader another folder, so a
stale analysis is never used. Folders of other versions are removed when a new one is made. A
file that cannot be read is treated as missing and the article analysed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import cache
from importlib import metadata
from pathlib import Path

import quiz.core.text
import quiz.derive
from quiz.derive.mentions import Entity

FORMAT = "quiz entities 1"
_FIELDS = tuple(f.name for f in fields(Entity))
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, IndexError)


READER = Path(quiz.derive.__file__).parent


@cache
def reader_digest(package: Path = READER) -> str:
    """A digest of everything that decides an article's entities (the code of `package`, quiz.derive)."""
    h = hashlib.sha256(FORMAT.encode())
    for path in sorted(package.glob("*.py")) + sorted(package.glob("*.toml")) + [Path(quiz.core.text.__file__)]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("pysbd").encode())
    return h.hexdigest()[:16]


class EntityCache:
    """Entities of article texts under `root`, for one version of the reader."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / reader_digest()

    def _path(self, text: str) -> Path:
        return self.folder / (hashlib.sha256(text.encode("utf-8")).hexdigest() + ".marshal")

    def get(self, text: str) -> list[Entity] | None:
        try:
            fmt, rows = marshal.loads(self._path(text).read_bytes())
            if fmt != FORMAT:
                return None
            return [Entity(**dict(zip(_FIELDS, row, strict=True))) for row in rows]
        except _UNREADABLE:
            return None

    def put(self, text: str, entities: list[Entity]) -> None:
        """Keep these entities (quietly not, when the cache folder cannot be written)."""
        rows = [tuple(getattr(e, name) for name in _FIELDS) for e in entities]
        with contextlib.suppress(OSError):
            if not self.folder.is_dir():
                self._make_folder()
            fd, tmp = tempfile.mkstemp(prefix=".entities-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps((FORMAT, rows)))
                os.replace(tmp, self._path(text))
            finally:
                Path(tmp).unlink(missing_ok=True)

    def _make_folder(self) -> None:
        if self.root.is_dir():
            for old in self.root.iterdir():
                if old.is_dir() and old.name != self.folder.name:
                    shutil.rmtree(old, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    def entities(self, texts: Sequence[str], analyse: Callable[[list[str]], list[list[Entity]]]) -> list[list[Entity]]:
        """Each text's entities, from the cache or from `analyse` (then kept)."""
        found = [self.get(t) for t in texts]
        missing = [t for t, ents in zip(texts, found, strict=True) if ents is None]
        fresh = dict(zip(missing, analyse(missing), strict=True)) if missing else {}
        for text, ents in fresh.items():
            self.put(text, ents)
        return [ents if ents is not None else fresh[t] for t, ents in zip(texts, found, strict=True)]
