"""Helpers shared by the input readers: size limits, decoding, ids, dates.

Every reader yields `Document` or `Rejection` (dronewatch.model); nothing here raises
for bad input. Sizes are checked with `os.stat` before a file is read, and JSONL is
read line by line with a bounded buffer, so memory never grows with input size.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from email.utils import parsedate_to_datetime
from typing import IO, Any, Iterator

from dronewatch.model import Document, Rejection

DEFAULT_MAX_BYTES = 5_000_000
SNIFF_BYTES = 8192  # NUL bytes in this many leading bytes: a binary file
CHUNK = 1 << 16

BOM = b"\xef\xbb\xbf"
# a report's date outside these years is a typo or a hostile input; near year 1 or 9999 the
# incident grouping's day arithmetic would leave the calendar (OverflowError)
FIRST_YEAR, LAST_YEAR = 1900, 2100
# characters of the short fields: ids and URLs live in indexed columns (PostgreSQL refuses an
# index entry over ~2.7 KB), and a megabyte "title" is an attack, not a headline
MAX_ID, MAX_URL, MAX_TITLE, MAX_OUTLET = 400, 2000, 1000, 200
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s*$)")


def mb(n: int) -> str:
    """Bytes in decimal megabytes, as the error lines show them: 52400000 -> '52.4 MB'."""
    return f"{n / 1_000_000:.1f} MB"


def too_large(size: int, max_bytes: int, what: str = "file") -> str:
    return f"{what} too large ({mb(size)} > {mb(max_bytes)} limit)"


def stat_size(path: str) -> int:
    return os.stat(path).st_size


def is_binary(head: bytes) -> bool:
    return b"\x00" in head[:SNIFF_BYTES]


def decode(data: bytes) -> str | None:
    """UTF-8 (a leading BOM dropped) or None when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def derive_id(text: str) -> str:
    """A stable id for a document that has none: a hash of its text."""
    return "doc_" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def normalise_published(value: Any) -> tuple[str | None, str | None]:
    """(ISO date 'YYYY-MM-DD' or None, error or None).

    Accepts an ISO date, an ISO date-time (the date part is kept, as written: no time-zone
    shift) and an RFC 2822 date ('Sat, 25 Oct 2025 10:00:00 GMT'). null / "" -> None.
    """
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"'published' is not a string (got {type(value).__name__})"
    if not value.strip():
        return None, None
    day: date | None = None
    m = _ISO_DATE.match(value)
    if m:
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    else:
        try:
            day = parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    if day is None:
        return None, f"invalid 'published' date {shorten(value)!s} (expected YYYY-MM-DD)"
    why = out_of_window(day)
    return (None, why) if why else (day.isoformat(), None)


def out_of_window(day: date) -> str | None:
    """Why `day` is refused as a publication date, None when it is plausible."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return (f"'published' date {day.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR} "
            f"(refused: no report is dated so)")


def shorten(value: Any, n: int = 40) -> str:
    s = repr(value)
    return s if len(s) <= n else s[: n - 3] + "..."


def _optional_str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    if v is None or isinstance(v, str):
        return v or None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return None


def document_from_obj(obj: Any, source: str) -> Document | Rejection:
    """Validate one FORMAT.md document object (already parsed JSON)."""
    if not isinstance(obj, dict):
        return Rejection(source, f"not a JSON object (got {_json_type(obj)})")
    if "text" not in obj or obj["text"] is None:
        return Rejection(source, "missing 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        return Rejection(source, f"'text' is not a string (got {_json_type(text)})")
    if not text.strip():
        return Rejection(source, "empty text")
    doc_id = obj.get("id")
    if doc_id is None or doc_id == "":
        doc_id = derive_id(text)
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        return Rejection(source, f"'id' is not a string (got {_json_type(doc_id)})")
    else:
        doc_id = str(doc_id).strip() or derive_id(text)
    published, err = normalise_published(obj.get("published"))
    if err:
        return Rejection(source, err)
    doc = Document(id=doc_id, text=text, published=published, url=_optional_str(obj, "url"),
                   title=_optional_str(obj, "title"), outlet=_optional_str(obj, "outlet"),
                   source=source)
    for name, value, limit in (("id", doc.id, MAX_ID), ("url", doc.url, MAX_URL),
                               ("title", doc.title, MAX_TITLE), ("outlet", doc.outlet, MAX_OUTLET)):
        if value and len(value) > limit:
            return Rejection(source, f"'{name}' is {len(value):,} characters long (at most "
                                     f"{limit:,})")
    return doc


def _json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def iter_lines(fh: IO[bytes], max_bytes: int, prefix: bytes = b"") -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line bytes without the line ending, size) for each line of `fh`.

    A line longer than `max_bytes` comes back as (n, None, size): it is skipped in chunks,
    never held whole, so memory stays at about max_bytes + CHUNK whatever the input.
    `prefix` holds bytes already read from `fh` (a sniffed head).
    """
    read = getattr(fh, "read1", fh.read)
    buf = bytearray(prefix)
    start = 0
    lineno = 0
    eof = False
    scanned = 0  # bytes of buf (from start) already known to hold no newline
    while True:
        nl = buf.find(b"\n", start + scanned)
        if nl >= 0:
            scanned = 0
            lineno += 1
            size = nl - start
            if size > max_bytes:
                yield lineno, None, size
            else:
                end = nl - 1 if nl > start and buf[nl - 1] == 0x0D else nl
                yield lineno, bytes(buf[start:end]), size
            start = nl + 1
            continue
        if start:
            del buf[:start]
            start = 0
        scanned = len(buf)
        if eof:
            if buf:
                lineno += 1
                size = len(buf)
                line = bytes(buf[:-1] if buf.endswith(b"\r") else buf)
                yield (lineno, None, size) if size > max_bytes else (lineno, line, size)
            return
        if len(buf) > max_bytes:  # an over-size line: count the rest of it without keeping it
            lineno += 1
            size = len(buf)
            buf = bytearray()
            while True:
                data = read(CHUNK)
                if not data:
                    eof = True
                    break
                nl = data.find(b"\n")
                if nl >= 0:
                    size += nl
                    buf += data[nl + 1:]
                    break
                size += len(data)
            scanned = 0
            yield lineno, None, size
            continue
        data = read(CHUNK)
        if data:
            buf += data
        else:
            eof = True


def read_head(fh: IO[bytes]) -> bytes:
    """Up to SNIFF_BYTES leading bytes (fewer only at end of input)."""
    read = getattr(fh, "read1", fh.read)
    head = b""
    while len(head) < SNIFF_BYTES:
        data = read(SNIFF_BYTES - len(head))
        if not data:
            break
        head += data
    return head


def read_file_bytes(path: str, max_bytes: int) -> bytes | Rejection:
    """A whole small file's bytes, or why not: its size is checked before it is read."""
    size = stat_size(path)
    if size > max_bytes:
        return Rejection(path, too_large(size, max_bytes))
    with open(path, "rb") as fh:
        return fh.read(max_bytes + 1)


def text_of(data: bytes, source: str) -> str | Rejection:
    """The text of a file's bytes, or the one-line reason it has none."""
    if is_binary(data):
        return Rejection(source, "binary file")
    text = decode(data)
    if text is None:
        return Rejection(source, "not UTF-8 text")
    if not text.strip():
        return Rejection(source, "empty text")
    return text

