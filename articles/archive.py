"""Reading an archive folder: every `*.txt` (archive format) and `*.jsonl` file, recursively.

Symbolic links are followed, each folder once, never in a loop. A file that can't be used is
skipped with a reason; a file read with a caveat gives a warning. Nothing here stops on bad input.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from articles.cleanup import clean_line, clean_text, decode, looks_binary
from articles.model import Article, Problem
from articles.parsing import parse_article_text, parse_date, split_byline

ARTICLE_SUFFIXES = (".txt", ".jsonl")
# A file read whole that is larger is not an article but a mistake (a database dump, a disk
# image); a large JSON Lines file is read in parts (index/json_lines_parts.py), whatever its size.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A candidate article file: `path` is relative to the archive root, with `/` separators;
    the file is `name` in `folder`. The files of a folder share its `Path`: a scan of a million
    files held a `Path` of its own for each, 690 MB, 400 MB more than its names and numbers."""

    path: str
    folder: Path
    name: str
    size: int
    mtime_ns: int

    @property
    def absolute(self) -> Path:
        return self.folder / self.name


@dataclass(slots=True)
class ArchiveScan:
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class FileContents:
    """What one source file yielded. `skipped` is set when nothing in it could be used."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: Problem | None = None
    content_hash: str = ""
    # The numbers of the lines of a JSON Lines file that are not stories.
    broken_lines: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class JsonLinesPart:
    """Bytes `start` to `end` of a JSON Lines file, whole lines, the first numbered `first_line`:
    the parts of a large file are read in parallel."""

    start: int
    end: int
    first_line: int


def content_hash(data: bytes | memoryview) -> str:
    """What tells a file's contents from any other's (the manifest compares it)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def is_article_file(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def scan_archive(root: Path) -> ArchiveScan:
    """List the article files under `root`, sorted by path, and the ones that can't be used.

    Folder links are followed once: a link to a folder that holds the archive or the link
    itself is a loop, a link to a folder of the archive that is read anyway would read it
    twice, and a second link to a folder outside is read under the first one's name only.
    Each link not followed is reported, with why."""
    scan = ArchiveScan()
    real_root = os.path.realpath(root)
    # Every folder read, by device and inode, with the path it was read under.
    folders_read: dict[tuple[int, int], str] = {}

    def on_error(error: OSError) -> None:
        scan.skipped.append(Problem(_relative(root, error.filename), _reason(error)))

    for directory, subdirectories, filenames in os.walk(root, followlinks=True, onerror=on_error):
        folder_relative = _relative(root, directory)
        info = os.stat(directory)
        read_as = folders_read.setdefault((info.st_dev, info.st_ino), folder_relative)
        if read_as != folder_relative:
            scan.skipped.append(
                Problem(
                    folder_relative, f"the same folder as {read_as}, read already: not read twice"
                )
            )
            subdirectories.clear()
            continue
        real_directory = os.path.realpath(directory)
        subdirectories[:] = [
            name
            for name in sorted(subdirectories)
            if not name.startswith(".")
            and not _link_not_followed(root, directory, name, real_root, real_directory, scan)
        ]
        for name in subdirectories:
            if is_article_file(name):
                path = _relative(root, os.path.join(directory, name))
                scan.skipped.append(Problem(path, "a folder, not a file (its contents are read)"))
        # Relative paths are built from the folder's, worked out once: `os.path.relpath` per file
        # was most of the time of a no-change re-index of 100,000 files.
        folder = Path(directory)
        prefix = "" if folder_relative == "." else folder_relative + "/"
        for name in sorted(filenames):
            if not is_article_file(name):
                continue
            relative = prefix + _escaped(name)
            try:
                info = os.stat(os.path.join(directory, name))
            except OSError as error:
                scan.skipped.append(Problem(relative, _reason(error, folder / name)))
                continue
            if not stat.S_ISREG(info.st_mode):
                # Reading a pipe would wait forever and a device (/dev/zero) never ends.
                scan.skipped.append(Problem(relative, "not a regular file (a pipe or a device)"))
                continue
            scan.files.append(SourceFile(relative, folder, name, info.st_size, info.st_mtime_ns))
    scan.files.sort(key=lambda source: source.path)
    return scan


def _link_not_followed(
    root: Path,
    directory: str,
    name: str,
    real_root: str,
    real_directory: str,
    scan: ArchiveScan,
) -> bool:
    """Whether folder `name` of `directory` is a link that must not be followed (reported if
    so): one back up to a folder it is in or that holds the archive would walk everything
    around it (36,000 files for `loop -> ..` beside a home folder), and one to a folder of the
    archive that is read anyway would read its stories twice."""
    path = os.path.join(directory, name)
    if not os.path.islink(path):
        return False
    target = os.path.realpath(path)
    if _is_within(real_root, target):
        reason = f"a link to {target}, which holds the archive: a loop, not followed"
    elif _is_within(real_directory, target):
        reason = f"a link to {target}, a folder it is in: a loop, not followed"
    elif _is_within(target, real_root) and not _is_hidden(os.path.relpath(target, real_root)):
        inside = _relative(real_root, target)
        reason = f"a link to {inside} in the archive, read anyway: not read twice"
    else:
        return False  # a folder outside, or a hidden one the archive does not read itself
    scan.skipped.append(Problem(_relative(root, path), reason))
    return True


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _is_hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in Path(relative).parts)


def read_source(source: SourceFile) -> FileContents:
    """Read and parse one source file into articles, never raising for bad content."""
    try:
        if source.size > MAX_FILE_BYTES:
            return FileContents(skipped=Problem(source.path, "larger than 256 MB"))
        data = source.absolute.read_bytes()
    except OSError as error:
        return FileContents(skipped=Problem(source.path, _reason(error, source.absolute)))
    contents = FileContents(content_hash=content_hash(data))
    if not data.strip():
        contents.skipped = Problem(source.path, "empty file")
        return contents
    if looks_binary(data):
        contents.skipped = Problem(source.path, "binary data, not text")
        return contents
    text, decode_warning = decode(data)
    if decode_warning:
        contents.warnings.append(Problem(source.path, decode_warning))
    if source.path.lower().endswith(".jsonl"):
        _read_json_lines(source.path, text, 1, contents)
        if contents.broken_lines:
            problem = broken_lines_problem(source.path, contents.broken_lines)
            if contents.articles:
                contents.warnings.append(problem)
            else:
                contents.skipped = problem
    else:
        _read_text_article(source.path, text, contents)
    return contents


def read_json_lines_part(source: SourceFile, part: JsonLinesPart) -> FileContents:
    """Read the stories of one part of a JSON Lines file. The lines that are not stories are
    listed, not reported: the file's message is made once all its parts are read."""
    try:
        with source.absolute.open("rb") as file:
            file.seek(part.start)
            data = file.read(part.end - part.start)
    except OSError as error:
        return FileContents(skipped=Problem(source.path, _reason(error, source.absolute)))
    text, decode_warning = decode(data)
    contents = FileContents()
    if decode_warning:
        contents.warnings.append(Problem(source.path, decode_warning))
    _read_json_lines(source.path, text, part.first_line, contents)
    return contents


def broken_lines_problem(path: str, broken_lines: Sequence[int]) -> Problem:
    """The one message about the lines of a JSON Lines file that are not stories."""
    shown = ", ".join(str(number) for number in broken_lines[:10])
    more = f" and {len(broken_lines) - 10} more" if len(broken_lines) > 10 else ""
    return Problem(path, f"line(s) {shown}{more}: not a JSON object with a title or body; skipped")


def read_file(path: Path, root: Path | None = None) -> FileContents:
    """Read one file given by path (for `newsreader entities FILE...`)."""
    root = root or path.parent
    info = path.stat()
    source = SourceFile(
        _relative(root, path), path.parent, path.name, info.st_size, info.st_mtime_ns
    )
    return read_source(source)


def iter_articles(root: Path) -> Iterator[Article]:
    """Every usable article under `root`, skipping bad files silently (for tools and tests)."""
    for source in scan_archive(root).files:
        yield from read_source(source).articles


def _read_text_article(path: str, text: str, contents: FileContents) -> None:
    try:
        parsed = parse_article_text(text)
    except ValueError as error:
        contents.skipped = Problem(path, str(error))
        return
    contents.warnings.extend(Problem(path, message) for message in parsed.warnings)
    contents.articles.append(
        Article(
            id=path,
            path=path,
            title=parsed.title,
            body=parsed.body,
            date=parsed.date,
            author=parsed.author,
        )
    )


def _read_json_lines(path: str, text: str, first_line: int, contents: FileContents) -> None:
    for line_number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article = _article_from_record(f"{path}#{line_number}", path, record)
        except (ValueError, TypeError, AttributeError, RecursionError):
            contents.broken_lines.append(line_number)
            continue
        if article is None:
            contents.broken_lines.append(line_number)
            continue
        if isinstance(record.get("date"), str) and record["date"] and article.date is None:
            contents.warnings.append(
                Problem(path, f"line {line_number}: invalid date {record['date']!r}; no date used")
            )
        contents.articles.append(article)


def _article_from_record(article_id: str, path: str, record: object) -> Article | None:
    if not isinstance(record, dict):
        return None
    title = clean_line(_text_field(record, "title"))
    body = clean_text(_text_field(record, "body") or _text_field(record, "text")).strip("\n")
    if not title and not body.strip():
        return None
    author = clean_line(_text_field(record, "author")) or None
    if author is None:
        author, body = split_byline(body)
    return Article(
        id=article_id,
        path=path,
        title=title or clean_line(body.split("\n", 1)[0])[:120] or "(untitled)",
        body=body,
        date=parse_date(_text_field(record, "date")[:10]),
        author=author,
        source=clean_line(_text_field(record, "source")) or None,
        url=clean_line(_text_field(record, "url")) or None,
    )


def _text_field(record: dict[str, object], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _relative(root: str | Path, path: str | os.PathLike[str] | None) -> str:
    if path is None:
        return "."
    try:
        relative = Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        relative = os.fsdecode(path)
    return _escaped(relative)


def _escaped(name: str) -> str:
    # A name that is not valid UTF-8 can't be stored or printed as it is: show its bytes escaped.
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _reason(error: OSError, path: Path | None = None) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if path is not None and path.is_symlink() and not path.exists():
        return "broken symbolic link (its target does not exist)"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return "file disappeared while reading"
    return error.strerror or str(error)
