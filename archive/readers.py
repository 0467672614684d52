"""Reading article files: paths and uploads in, decoded and normalised articles out.

Nothing here touches the database. :func:`collect_inputs` turns the paths a user gave
into :class:`InputFile` items (folders recursively); :func:`read_input` turns one input
into :class:`RawArticle` items (a JSON file may hold many) or :class:`ReadFailure` items
that name the file and say what is wrong with it, so that a batch can go on.

Supported: plain text (``.txt``, ``.text``, or no extension), JSON (one object or a list
of objects) and JSON Lines (``.jsonl``, ``.ndjson``) whose records carry ``body`` and
optionally ``title``, ``url``, ``publisher`` and ``published``, and HTML pages (``.html``,
``.htm``), whose main text and metadata are read with trafilatura.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .untrusted import CONTROL_CHARACTERS, is_web_url, without_controls

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

# Bytes looked at to tell binary files from text ones.
_SNIFF_BYTES = 8192
# charset-normalizer's "chaos" (0 = clean text, 1 = noise): above this the guess is refused.
_MAX_CHAOS = 0.2
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from a file: normalised text and what the file says about it."""

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    notes: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file (or one record of it) that could not be read, and why, in plain words."""

    origin: str
    reason: str
    #: A valid file that simply holds no articles (such as a folder's expected.json): when
    #: it was found while walking a folder, the batch passes over it instead of failing.
    not_articles: bool = False

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(slots=True)
class InputFile:
    """A file to read: a path on disk, or an uploaded file (any binary file object)."""

    origin: str
    path: Path | None = None
    stream: IO[bytes] | None = None
    size: int | None = None
    suffix: str = field(default="")
    #: Found while walking a folder (rather than named by the user).
    in_folder: bool = False

    @classmethod
    def from_path(cls, path: Path, origin: str) -> InputFile:
        return cls(origin=origin, path=path, suffix=path.suffix.lower())

    @classmethod
    def from_upload(cls, name: str, stream: IO[bytes], size: int | None) -> InputFile:
        base = os.path.basename(name.replace("\\", "/")) or "upload"
        return cls(origin=base, stream=stream, size=size, suffix=Path(base).suffix.lower())


class _Refused(Exception):
    """Raised inside this module: the file cannot be read, for the reason given."""


# --- normalisation --------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFC, no byte-order mark, ``\\n`` newlines, no control characters (tab and newline
    aside; NUL included, which PostgreSQL cannot store and SQLite would hand to every page):
    the form that is hashed and stored, the same on both databases."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", without_controls(text))


def _controls_note(*texts: str | None) -> tuple[str, ...]:
    """A note saying how many control characters the texts held (they are not kept)."""
    found = sum(len(CONTROL_CHARACTERS.findall(text)) for text in texts if text)
    if not found:
        return ()
    return (f"removed {found:,} control character{'s' if found > 1 else ''} (such as NUL)",)


def _url_note(url: str | None) -> tuple[str, ...]:
    """A note when ``url`` is no web address: it is kept as text, never made a link."""
    if not url or is_web_url(url):
        return ()
    shown = url if len(url) <= 60 else url[:59] + "…"
    return (f"the address {shown!r} is not a web (http or https) one: kept as text, not linked",)


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: one Source per text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- finding files --------------------------------------------------------------------------


def collect_inputs(paths: Iterable[str | Path]) -> Iterator[InputFile | ReadFailure]:
    """The files named by ``paths``, folders walked recursively in name order.

    A file named directly is always read (an unsupported type is reported); inside a
    folder, hidden files and files of other types are passed over silently. The origin
    of a file found in a folder is its path relative to that folder.
    """
    for given in paths:
        path = Path(given)
        shown = str(given)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.exists():
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    yield ReadFailure(shown, f"unsupported file type '{path.suffix}' ({_KINDS})")
                else:
                    yield InputFile.from_path(path, path.name)
            else:
                yield ReadFailure(shown, "no such file or folder")
        except OSError as error:
            yield ReadFailure(shown, _os_reason(error))


_KINDS = "expected .txt, .json, .jsonl, .html or a text file without extension"


def _walk(root: Path) -> Iterator[InputFile | ReadFailure]:
    # Each real folder and file once, however many links lead to it: a folder holding a
    # link to itself was walked forever (memory growing), and one link read each file 41
    # times.
    seen_folders: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            identity = _identity(folder)
            if identity in seen_folders:
                continue
            seen_folders.add(identity)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield ReadFailure(_relative(folder, root) or str(folder), _os_reason(error))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(path)
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                try:
                    identity = _identity(path)
                except OSError as error:
                    yield ReadFailure(_relative(path, root), _os_reason(error))
                    continue
                if identity in seen_files:
                    continue
                seen_files.add(identity)
                item = InputFile.from_path(path, _relative(path, root))
                item.in_folder = True
                yield item
        # Depth first, in name order: push in reverse so the first name comes out first.
        stack.extend(reversed(subfolders))


def _identity(path: Path) -> tuple[int, int]:
    """The device and inode a path leads to, links followed."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return error.strerror or str(error)


# --- reading one file -----------------------------------------------------------------------


def read_input(item: InputFile, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    """The articles in one file, or failures that say why they could not be read.

    The size is checked before anything is read, so a huge file costs nothing. JSON Lines
    are read one line at a time and each record is held to ``max_bytes`` on its own.
    """
    try:
        if item.suffix and item.suffix not in SUPPORTED_SUFFIXES:
            # An upload in the admin arrives here without passing through iter_inputs.
            raise _Refused(f"unsupported file type '{item.suffix}' ({_KINDS})")
        size = _size(item)
        if size == 0:
            raise _Refused("empty file")
        # The limit holds for a file of any kind (a JSON Lines file of 50 MB was read whole),
        # and for each record (see _article_from_record).
        if size is not None and size > max_bytes:
            raise _Refused(f"too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})")
        if item.suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(item, max_bytes)
            return
        data = _read_bytes(item, max_bytes)
        if not data.strip():
            raise _Refused("empty file" if not data else "no text (only whitespace)")
        if item.suffix in JSON_SUFFIXES:
            yield from _read_json(item.origin, data, max_bytes)
        elif item.suffix in HTML_SUFFIXES or (not item.suffix and _HTML_START.match(data)):
            yield _read_html(item.origin, data)
        else:
            decoded, note = _decode(data)
            text = normalise_text(decoded)
            if not text.strip():
                raise _Refused("no text (only whitespace)")
            notes = ((note,) if note else ()) + _controls_note(decoded)
            yield RawArticle(origin=item.origin, text=text, notes=notes)
    except NotArticles as refused:
        yield ReadFailure(item.origin, str(refused), not_articles=True)
    except _Refused as refused:
        yield ReadFailure(item.origin, str(refused))
    except OSError as error:
        yield ReadFailure(item.origin, _os_reason(error))


def _size(item: InputFile) -> int | None:
    if item.path is not None:
        stat = item.path.stat()
        if not item.path.is_file():
            raise _Refused("not a regular file")
        return stat.st_size
    return item.size


def _open(item: InputFile) -> IO[bytes]:
    if item.path is not None:
        return item.path.open("rb")
    assert item.stream is not None
    if hasattr(item.stream, "seek"):
        item.stream.seek(0)
    return _Unclosable(item.stream)


class _Unclosable(io.BufferedIOBase):
    """An uploaded file read through ``with``: leave it open for its owner."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def read(self, size: int | None = -1) -> bytes:
        return self._stream.read(size if size is not None else -1)

    def readline(self, size: int | None = -1) -> bytes:
        return self._stream.readline(size if size is not None else -1)

    def __iter__(self):
        return iter(self._stream)

    def close(self) -> None:
        pass  # the owner of the upload closes it


def _read_bytes(item: InputFile, max_bytes: int) -> bytes:
    with _open(item) as stream:
        # One byte more than allowed tells a file that grew (or lied about its size).
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Refused(f"too large (over {_megabytes(max_bytes)}, the limit)")
    return data


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


# --- decoding -------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: a BOM's encoding, else UTF-8, else a declared or detected one.

    Refuses (with a reason) binary data and text whose encoding cannot be detected with
    confidence: a wrong guess would store mojibake that nobody notices.
    """
    return _decode(data, declared)[0]


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = _no_controls(data.decode(encoding))
                return text, None if encoding == "utf-8-sig" else f"decoded as {encoding}"
            except UnicodeDecodeError as error:
                raise _Refused(f"not valid {encoding.upper()} despite its byte-order mark") from (
                    error
                )
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise _Refused("binary file (it contains NUL bytes), not text")
    try:
        return _no_controls(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _no_controls(data.decode(declared)), f"decoded as {declared} (declared)"
        except (LookupError, UnicodeDecodeError):
            pass
    text, encoding = _guess(data)
    return _no_controls(text), (
        f"not UTF-8: decoded as {encoding}, a guess (check names with accents)"
    )


#: What news is written in when it is not UTF-8, most likely first: preferred to any other
#: encoding the detector finds no better (it read a cp1252 "Pedro Sánchez" as cp1257's
#: "Pedro Sįnchez", and a new leader was created).
LIKELY_ENCODINGS = ("cp1252", "latin-1")
# How much more "chaos" (charset-normalizer's measure) than the detector's best guess a likely
# encoding may show and still be preferred: the detector is unsure within this.
_UNSURE = 0.05


def _guess(data: bytes) -> tuple[str, str]:
    """The text of ``data`` (not UTF-8) and the encoding it was read in.

    The detector's best guess, unless cp1252 or latin-1 read the bytes about as cleanly;
    between guesses that read them equally well, the one whose words with accents the
    gazetteer knows best. Refuses what no guess reads cleanly.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    candidates: list[tuple[str, str, float]] = []  # (encoding, text, chaos)
    if best is not None:
        candidates.append((best.encoding, str(best), best.chaos))
    for encoding in LIKELY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((encoding, text, mess_ratio(text[:100_000], _MAX_CHAOS + _UNSURE)))
    acceptable = [c for c in candidates if c[2] <= _MAX_CHAOS]
    if not acceptable:
        raise _Refused(
            "not UTF-8, and its encoding could not be detected with confidence "
            "(is it a binary file? save it as UTF-8 and try again)"
        )
    cleanest = min(chaos for _, _, chaos in acceptable)
    unsure = [c for c in acceptable if c[2] <= cleanest + _UNSURE]

    def rank(candidate: tuple[str, str, float]) -> tuple[int, int]:
        encoding, text, _ = candidate
        likely = next(
            (i for i, name in enumerate(LIKELY_ENCODINGS) if _same_encoding(name, encoding)),
            len(LIKELY_ENCODINGS),
        )
        return (-_known_words(text), likely)

    encoding, text, _ = min(unsure, key=rank)
    return text, encoding


def _same_encoding(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


_WORD_WITH_ACCENTS = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")


def _known_words(text: str) -> int:
    """How many words with letters outside ASCII in ``text`` the gazetteer's names hold."""
    words = gazetteer_words()
    if not words:
        return 0
    return sum(1 for word in _WORD_WITH_ACCENTS.findall(text[:200_000]) if word in words)


@functools.cache
def gazetteer_words() -> frozenset[str]:
    """The words with letters outside ASCII of the gazetteer's names (``fixtures/knowledge``:
    leaders and their aliases, countries, capitals, demonyms); empty without it."""
    from django.conf import settings

    folder = Path(getattr(settings, "DIPLO_KNOWLEDGE_DIR", "") or ".")
    names: list[str] = []
    try:
        for leader in json.loads((folder / "leaders.json").read_text("utf-8")):
            names += [leader.get("name") or "", *(leader.get("aliases") or [])]
        for country in json.loads((folder / "countries.json").read_text("utf-8")):
            names += [country.get("name") or "", country.get("capital") or ""]
            names += [*(country.get("aliases") or []), *(country.get("demonyms") or [])]
    except (OSError, ValueError, TypeError, AttributeError):
        return frozenset()
    return frozenset(
        word
        for name in names
        if isinstance(name, str)
        for word in _WORD_WITH_ACCENTS.findall(unicodedata.normalize("NFC", name))
    )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _no_controls(text: str) -> str:
    """Refuse text made of control characters: a binary file that happens to decode."""
    sample = text[:_SNIFF_BYTES]
    if "\x00" in sample:
        raise _Refused("binary file (it contains NUL characters), not text")
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise _Refused("binary file (too many control characters), not text")
    return text


# --- JSON -----------------------------------------------------------------------------------


def _read_json(origin: str, data: bytes, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    try:
        loaded = json.loads(decode_bytes(data))
    except json.JSONDecodeError as error:
        raise _Refused(f"malformed JSON ({error.msg} at line {error.lineno})") from error
    if isinstance(loaded, dict):
        records = [loaded]
    elif isinstance(loaded, list):
        records = loaded
    else:
        raise _Refused("JSON must be an object or a list of objects with a 'body'")
    if not records:
        raise _Refused("no articles (an empty JSON list)")
    if not any(isinstance(record, dict) and "body" in record for record in records):
        raise NotArticles("JSON without article records (no object has a 'body')")
    many = len(records) > 1
    for number, record in enumerate(records, start=1):
        name = f"{origin}#{number}" if many else origin
        yield _article_from_record(name, record, max_bytes)


class NotArticles(_Refused):
    """A JSON file that is valid but holds no articles (such as a folder's expected.json)."""


def _read_jsonl(item: InputFile, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    found = False
    read = 0
    with _open(item) as stream:
        for number, line in enumerate(_limited_lines(stream, max_bytes), start=1):
            read += len(line) if line is not None else max_bytes + 1
            if read > max_bytes:
                # A stream whose size was not known (or that grew): the limit all the same.
                yield ReadFailure(
                    f"{item.origin}#{number}",
                    f"past the file size limit ({_megabytes(max_bytes)}): "
                    "this record and the rest of the file were not read",
                )
                return
            name = f"{item.origin}#{number}"
            if line is None:
                yield ReadFailure(name, f"record too large (the limit is {_megabytes(max_bytes)})")
                continue
            if not line.strip():
                continue
            found = True
            try:
                record = json.loads(decode_bytes(line))
            except json.JSONDecodeError as error:
                yield ReadFailure(name, f"malformed JSON ({error.msg})")
                continue
            except _Refused as refused:
                yield ReadFailure(name, str(refused))
                continue
            yield _article_from_record(name, record, max_bytes)
    if not found:
        raise _Refused("no records (the JSON Lines file is blank)")


def _limited_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes``; None stands for a longer one (skipped, not held)."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


#: The fields of an article record, each text (or null, or absent).
RECORD_FIELDS = ("body", "title", "url", "publisher", "published")


def _article_from_record(origin: str, record: Any, max_bytes: int) -> RawArticle | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(origin, "not a JSON object")
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            # Never coerced: {"title": {"nested": ...}} became a title.
            return ReadFailure(
                origin, f"the field '{name}' is {_json_kind(value)}, not text: record refused"
            )
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        return ReadFailure(origin, "no 'body' text in the record")
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return ReadFailure(
            origin, f"record too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})"
        )
    notes: list[str] = []
    published = None
    if record.get("published") not in (None, ""):
        published = parse_date(record["published"])
        if published is None:
            notes.append(f"ignored the published date {record['published']!r} (not a date)")
    fields = [record.get(name) for name in RECORD_FIELDS]
    notes += _controls_note(*fields)
    url = _string(record.get("url"))
    notes += _url_note(url)
    return RawArticle(
        origin=origin,
        text=normalise_text(_no_surrogates(body)),
        title=_string(record.get("title")),
        url=url,
        publisher=_string(record.get("publisher")),
        published=published,
        notes=tuple(notes),
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _no_surrogates(text: str) -> str:
    # JSON may escape a lone surrogate ("\\ud800"), which no database can store as text.
    return text.encode("utf-8", "replace").decode("utf-8") if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(without_controls(_no_surrogates(str(value))).split())
    return unicodedata.normalize("NFC", text) or None


def parse_date(value: Any) -> datetime.date | None:
    """A date from ``2023-06-10``, ``2023-06-10T08:00:00Z`` and the like; None otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# --- HTML -----------------------------------------------------------------------------------


def _read_html(origin: str, data: bytes) -> RawArticle:
    import trafilatura

    declared = _META_CHARSET.search(data[:4096])
    html = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise _Refused("no article text found in the HTML page")
    title = _string(getattr(document, "title", None))
    text = normalise_text(text)
    first, _, rest = text.lstrip().partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        # The page's headline opens the extracted text; it is the title, not the story
        # (whose first line may be a dateline the engine reads).
        text = rest.lstrip()
    url = _string(getattr(document, "url", None))
    return RawArticle(
        origin=origin,
        text=text,
        title=title,
        url=url,
        notes=_url_note(url) + _controls_note(html),
        publisher=_string(getattr(document, "sitename", None)),
        published=parse_date(getattr(document, "date", None) or ""),
    )
