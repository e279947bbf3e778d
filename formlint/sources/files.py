"""Files and directories as documents.

Files given by name are read whatever their extension (the format is sniffed from the content).
Directories are walked recursively in sorted order, reading the file types formlint has parsers
for (``WALK_SUFFIXES``) and skipping dot-folders, ``node_modules``, ``__pycache__`` and
virtualenvs. Two layouts are recognised as documents made of several files: an Altinn 3 app
(``App/ui`` + ``App/options`` + ``App/config/texts``) becomes ONE document, and a NAV Form.io form
(``forms/<id>.json``) carries its ``translations/<id>.json`` as a sibling so translated findings
are tied to the form.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from formlint.document import FetchedDocument
from formlint.model import Location, Problem
from formlint.parse.registry import ALTINN_APP_MEDIA_TYPE, ParseOptions

SKIP_DIRS = frozenset(
    {
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)
# In a directory walk only files of these types are read (a file given by name is read whatever its
# name): a form repository also holds code, images and READMEs that would each be a parse error.
WALK_SUFFIXES = frozenset({".json", ".html", ".htm", ".xhtml", ".njk", ".pdf", ".docx", ".odt"})
# Parts of an Altinn app that hold form text; bin/obj/models/logic are code and are not read.
ALTINN_PARTS = (("ui",), ("options",), ("config", "texts"))


@dataclass(frozen=True, slots=True)
class FileToRead:
    """A file :func:`find` named but did not read: read by whoever lints it, so that a run on
    worker processes sends them names, not bytes (the one process that walks the inputs had
    every file to read, and to send, while the workers waited for it)."""

    path: Path  # as the inputs named it: the document's name in every report
    max_bytes: int
    base: Path  # the folder a relative ``path`` is read from (the caller's working folder)

    def read(self) -> FetchedDocument | Problem:
        return _file_doc(self.path, self.max_bytes, self.base)


def collect(
    paths: list[Path], *, max_bytes: int | None = None
) -> Iterator[FetchedDocument | Problem]:
    """Every document under ``paths``, in order, with a one-line Problem for what cannot be read."""
    for item in find(paths, max_bytes=max_bytes):
        yield item.read() if isinstance(item, FileToRead) else item


def find(
    paths: list[Path], *, max_bytes: int | None = None
) -> Iterator[FetchedDocument | Problem | FileToRead]:
    """What :func:`collect` gives, in the same order, but each single file as a FileToRead (an
    Altinn app, many files read as one document, is read here)."""
    limit = ParseOptions().max_bytes if max_bytes is None else max_bytes
    base = Path.cwd()
    # A file inside an Altinn app (as pre-commit passes them: App/ui/Task_1/layouts/Side1.json) is
    # read as its whole app, so its texts and options resolve; each app once.
    paths = _promote_app_files(paths)
    inputs = [_expand(p) for p in paths]
    # A translation file is read with its form whenever the run reads that form (given by name
    # or found in any folder walked: `lint forms/ translations/` reads each translation once).
    forms = {
        f.resolve() for items in inputs for f in items if isinstance(f, Path) and _is_form_path(f)
    }
    for items in inputs:
        for item in items:
            if isinstance(item, Problem):
                yield item
            elif isinstance(item, _App):
                yield _altinn_doc(item.root, limit)
            elif not (_is_translation_path(item) and _form_for(item).resolve() in forms):
                yield FileToRead(item, limit, base)


def _promote_app_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        target = p
        if p.is_file() and "App" in p.parts:
            i = len(p.parts) - 1 - p.parts[::-1].index("App")
            root = Path(*p.parts[:i]) if i > 0 else Path(".")
            if _altinn_root(root) is not None:
                target = root
        key = target.resolve()
        if key not in seen:
            seen.add(key)
            out.append(target)
    return out


def _is_form_path(p: Path) -> bool:
    return p.parent.name == "forms" and p.suffix.lower() == ".json"


def _is_translation_path(p: Path) -> bool:
    return p.parent.name == "translations" and p.suffix.lower() == ".json"


def _form_for(translation: Path) -> Path:
    return translation.parent.parent / "forms" / translation.name


@dataclass(frozen=True, slots=True)
class _App:
    """An Altinn app found among the inputs: read as one document."""

    root: Path


def _expand(path: Path) -> list[Path | _App | Problem]:
    """The files (and Altinn apps) one input names, in order, or the Problem that it cannot be
    read."""
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        return [_problem(path, exc)]
    if not exists:
        return [Problem("no such file or directory", Location(str(path)))]
    if not is_dir:
        return [path]
    return _walk_dir(path)


def _walk_dir(top: Path) -> list[Path | _App | Problem]:
    app_root = _altinn_root(top)
    if app_root is not None:
        return [_App(app_root)]
    files: list[Path] = []
    apps: list[Path] = []  # app roots (directories holding App/)
    errors: list[Path | _App | Problem] = []

    def onerror(exc: OSError) -> None:
        errors.append(_problem(Path(exc.filename or top), exc))

    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and n not in SKIP_DIRS)
        if (d / "App" / "ui").is_dir():
            # the whole app is one document; its other files (README, .csproj, tests) are code
            apps.append(d)
            dirnames[:] = []
            continue
        files.extend(
            d / f
            for f in filenames
            if not f.startswith(".") and Path(f).suffix.lower() in WALK_SUFFIXES
        )
    found: list[tuple[str, Path | _App]] = [(str(p), p) for p in files]
    found += [(str(a), _App(a)) for a in apps]
    return errors + [item for _key, item in sorted(found, key=lambda t: t[0])]


def _altinn_root(path: Path) -> Path | None:
    """The app root when ``path`` is an Altinn app (holds ``App/ui``) or is its ``App`` folder."""
    if (path / "App" / "ui").is_dir():
        return path
    if path.name == "App" and (path / "ui").is_dir():
        return path.parent
    return None


def _altinn_doc(root: Path, limit: int) -> FetchedDocument | Problem:
    siblings: dict[str, bytes] = {}
    total = 0
    app = root / "App"
    for parts in ALTINN_PARTS:
        base = app.joinpath(*parts)
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(
                n for n in dirnames if not n.startswith(".") and n not in SKIP_DIRS
            )
            for name in sorted(filenames):
                p = Path(dirpath) / name
                try:
                    body = p.read_bytes()
                except OSError as exc:
                    return _problem(p, exc)
                total += len(body)
                if total > limit:
                    return Problem(
                        f"Altinn app too large (over {limit // (1024 * 1024)} MiB), not parsed",
                        Location(str(root)),
                    )
                siblings[p.relative_to(root).as_posix()] = body
    return FetchedDocument(
        url=str(root), body=b"", media_type=ALTINN_APP_MEDIA_TYPE, siblings=siblings
    )


def _translation_for(form: Path) -> Path:
    return form.parent.parent / "translations" / form.name


def _file_doc(name: Path, limit: int, base: Path) -> FetchedDocument | Problem:
    """The file ``name`` (read from ``base`` when relative) as a document named ``name``."""
    path = base / name
    try:
        size = path.stat().st_size
        if size > limit:
            return Problem(
                f"too large ({size / (1024 * 1024):.1f} MiB; limit {limit // (1024 * 1024)} MiB), not read",
                Location(str(name)),
            )
        body = path.read_bytes()
    except OSError as exc:
        return _problem(name, exc)
    # A form's translation file is read with it; a translation file read on its own brings its
    # form for context (the form's title, components and anchors name the translated strings).
    siblings: dict[str, bytes] = {}
    other = (
        _translation_for(path)
        if _is_form_path(path)
        else _form_for(path)
        if _is_translation_path(path)
        else None
    )
    if other is not None:
        try:
            if other.is_file() and other.stat().st_size <= limit:
                siblings[other.relative_to(path.parent.parent).as_posix()] = other.read_bytes()
        except OSError:
            pass  # a file that cannot be read is reported when it is read on its own
    return FetchedDocument(url=str(name), body=body, siblings=siblings)


def _problem(path: Path, exc: OSError) -> Problem:
    reason = {
        PermissionError: "permission denied",
        FileNotFoundError: "no such file or directory",
        IsADirectoryError: "is a directory",
        NotADirectoryError: "not a directory",
    }.get(type(exc), exc.strerror or type(exc).__name__)
    return Problem(reason, Location(str(path)))
