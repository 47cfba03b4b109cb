"""Telegram Desktop channel exports (`result.json`, "Export chat history" as JSON).

    {"name": "Минобороны России", "type": "public_channel", "id": 1234567890,
     "messages": [{"id": 41, "type": "message", "date": "2025-10-24T07:31:05",
                   "text": ["Дежурными средствами ПВО ", {"type": "bold", "text": "перехвачены"}, ...],
                   "text_entities": [...]}, ...]}

Each message with non-empty text becomes a Document: id `<channel>/<message id>`, `published`
the date part of `date`, `outlet` the channel name, `url` `https://t.me/<username>/<id>` when
the export carries the channel's public username (a top-level `username`; Telegram Desktop
itself does not write one, so `url` is null and the channel part of the id is the name,
slugified), `source` `file:<message id>`.

The file is read as a stream: the top-level keys are decoded one by one and the `messages`
list one message at a time (stdlib `json.JSONDecoder.raw_decode` over a growing buffer), so
memory holds one message, not the export; `max_bytes` bounds a single message.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from typing import IO, Any, Iterator

from dronewatch.ingest.common import CHUNK, _json_type, normalise_published, too_large
from dronewatch.model import Document, Rejection

SNIFF_CHARS = 1 << 16  # the `messages` key must start within this many leading bytes
_WS = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_USERNAME_PREFIX = re.compile(r"^(?:@|(?:https?://)?(?:t\.me|telegram\.me)/)", re.I)


class ExportError(ValueError):
    """The export cannot be read on from here (invalid JSON, a message over the limit)."""


class _Stream:
    """Decoded text of a byte stream, read in chunks; `pos` indexes into `buf`."""

    def __init__(self, fh: IO[bytes] | None, prefix: bytes = b"") -> None:
        self.read = getattr(fh, "read1", fh.read) if fh is not None else None
        self.dec = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = self.dec.decode(prefix)
        self.pos = 0
        self.base = 0  # characters dropped from the front of `buf`
        self.eof = self.read is None

    def more(self, want: int = CHUNK) -> bool:
        """Append at least `want` more bytes (decoded); False at end of input."""
        if self.pos:
            self.buf = self.buf[self.pos:]
            self.base += self.pos
            self.pos = 0
        if self.eof:
            return False
        got = 0
        parts = []
        while got < want:
            data = self.read(max(want - got, CHUNK))
            if not data:
                self.eof = True
                try:
                    parts.append(self.dec.decode(b"", final=True))
                except UnicodeDecodeError:
                    raise ExportError("invalid JSON: the file ends early (truncated?)") from None
                break
            got += len(data)
            parts.append(self.dec.decode(data))
        self.buf += "".join(parts)
        return got > 0

    def peek(self) -> str:
        """The next non-blank character ('' at end of input), not consumed."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def expect(self, chars: str) -> str:
        c = self.peek()
        if not c or c not in chars:
            if not c:
                raise ExportError("invalid JSON: the file ends early (truncated?)")
            raise ExportError(f"invalid JSON: expected {' or '.join(map(repr, chars))}, got "
                              f"{c!r} at character {self.base + self.pos}")
        self.pos += 1
        return c

    def value(self, limit: int) -> Any:
        """The next JSON value, decoded; reads on until it is complete."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if exc.pos < len(self.buf) - 16 and not exc.msg.startswith("Unterminated"):
                    # not for want of input: a syntax error, reported where it is
                    raise ExportError(f"invalid JSON: {exc.msg} at character "
                                      f"{self.base + exc.pos}") from None
                pending = len(self.buf) - self.pos
                if pending > limit:
                    raise ExportError(too_large(pending, limit, "message")) from None
                if not self.more(max(pending, CHUNK)):  # doubles: no quadratic re-parsing
                    raise ExportError("invalid JSON: the file ends early (truncated?)") from None
                continue
            if end >= len(self.buf) and not self.eof and self.more():
                continue  # a number may go on in the next chunk
            self.pos = end
            return obj


def events(stream: _Stream, limit: int) -> Iterator[tuple]:
    """("key", name, value) for each top-level key but `messages`, ("message", i, obj) for
    each item of `messages`, in file order. Raises ExportError where the JSON breaks."""
    stream.expect("{")
    if stream.peek() == "}":
        return
    while True:
        key = stream.value(limit)
        if not isinstance(key, str):
            raise ExportError("invalid JSON: expected a key")
        stream.expect(":")
        if key == "messages" and stream.peek() == "[":
            stream.pos += 1
            yield ("messages",)
            if stream.peek() == "]":
                stream.pos += 1
            else:
                i = 0
                while True:
                    yield ("message", i, stream.value(limit))
                    i += 1
                    if stream.expect(",]") == "]":
                        break
        else:
            yield ("key", key, stream.value(limit))
        if stream.expect(",}") == "}":
            return


def sniff(head: bytes) -> bool:
    """Whether `head` (the first bytes of a JSON input) starts a Telegram export: a top-level
    object whose `messages` key, holding a list, begins within it."""
    try:
        stream = _Stream(None, head)
        if stream.peek() != "{":
            return False
        for ev in events(stream, SNIFF_CHARS):
            if ev[0] == "messages":
                return True
    except (ValueError, UnicodeDecodeError):
        pass
    return False


def is_telegram_export(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(SNIFF_CHARS))
    except OSError:
        return False


def read_telegram(path: str, *, max_bytes: int) -> Iterator[Document | Rejection]:
    with open(path, "rb") as fh:
        yield from read_telegram_stream(fh, path, max_bytes=max_bytes)


def read_telegram_stream(fh: IO[bytes], name: str, *, max_bytes: int,
                         head: bytes = b"") -> Iterator[Document | Rejection]:
    """Documents from an export read from `fh` (`head`: bytes already read from it)."""
    header: dict[str, Any] = {}
    channel: Channel | None = None
    try:
        for ev in events(_Stream(fh, head), max_bytes):
            if ev[0] == "key":
                header[ev[1]] = ev[2]
            elif ev[0] == "messages":
                if "name" not in header and not head and _seekable(fh):
                    # `name` written after the messages (not Telegram Desktop's order): one
                    # extra pass that decodes and drops every message to find it
                    yield from _read_twice(fh, name, max_bytes, header)
                    return
                channel = Channel.from_header(header)
            elif ev[0] == "message":
                if channel is None:
                    channel = Channel.from_header(header)
                item = channel.document(ev[2], name, ev[1])
                if item is not None:
                    yield item
    except ExportError as exc:
        yield Rejection(name, f"{exc}; rest of the export skipped")
    except UnicodeDecodeError:
        yield Rejection(name, "not UTF-8 text")


def _seekable(fh: IO[bytes]) -> bool:
    try:
        return fh.seekable()
    except (AttributeError, OSError, ValueError):
        return False


def _read_twice(fh: IO[bytes], name: str, max_bytes: int,
                header: dict[str, Any]) -> Iterator[Document | Rejection]:
    fh.seek(0)
    try:
        for ev in events(_Stream(fh), max_bytes):
            if ev[0] == "key":
                header.setdefault(ev[1], ev[2])
    except (ExportError, UnicodeDecodeError):
        pass  # reported by the second pass
    fh.seek(0)
    channel = Channel.from_header(header)
    for ev in events(_Stream(fh), max_bytes):
        if ev[0] == "message":
            item = channel.document(ev[2], name, ev[1])
            if item is not None:
                yield item


def documents_from_export(obj: dict[str, Any], name: str) -> Iterator[Document | Rejection]:
    """Documents from an export already parsed whole (a small `.json` file)."""
    channel = Channel.from_header(obj)
    for i, msg in enumerate(obj.get("messages") or []):
        item = channel.document(msg, name, i)
        if item is not None:
            yield item


def username_of(value: Any) -> str | None:
    """A public username from '@name', 'name' or 't.me/name'; None when it is not one."""
    if not isinstance(value, str):
        return None
    u = _USERNAME_PREFIX.sub("", value.strip()).strip("/")
    return u if _USERNAME.fullmatch(u) else None


def slugify(name: str) -> str:
    """'Минобороны России' -> 'минобороны-россии' (letters of any script kept)."""
    s = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "-", s).strip("-")


class Channel:
    def __init__(self, name: str | None, username: str | None, chat_id: Any) -> None:
        self.name = name
        self.username = username
        slug = slugify(name) if name else ""
        if not slug and isinstance(chat_id, (int, str)) and not isinstance(chat_id, bool):
            slug = f"chat-{chat_id}"
        self.key = username or slug or "telegram"

    @classmethod
    def from_header(cls, header: dict[str, Any]) -> "Channel":
        name = header.get("name")
        name = name.strip() if isinstance(name, str) and name.strip() else None
        return cls(name, username_of(header.get("username")), header.get("id"))

    def document(self, msg: Any, name: str, index: int) -> Document | Rejection | None:
        """One message -> a Document, a Rejection, or None (service message, no text)."""
        if not isinstance(msg, dict):
            return Rejection(f"{name}[{index}]", f"message is not a JSON object (got {_json_type(msg)})")
        if msg.get("type", "message") != "message":
            return None  # service messages (and kinds added later)
        mid = msg.get("id")
        if isinstance(mid, str) and mid.strip().isdigit():
            mid = int(mid)
        if not isinstance(mid, int) or isinstance(mid, bool):
            source = f"{name}[{index}]"
            mid = None
        else:
            source = f"{name}:{mid}"
        raw = msg["text"] if "text" in msg else msg.get("text_entities", "")
        text = entity_text(raw)
        if text is None:
            return Rejection(source, "'text' is not a string or a list of text entities "
                                     f"(got {_json_type(raw)})")
        if not text.strip():
            return None
        if mid is None:
            return Rejection(source, "message without a numeric 'id'")
        published, err = normalise_published(msg.get("date"))
        if err:
            return Rejection(source, err.replace("'published'", "'date'"))
        url = f"https://t.me/{self.username}/{mid}" if self.username else None
        return Document(id=f"{self.key}/{mid}", text=text, published=published, url=url,
                        outlet=self.name, source=source)


def entity_text(value: Any) -> str | None:
    """The plain text of a message: a string, or the concatenated pieces of a list of
    strings and entity objects ({"type": "bold", "text": "..."}); None when malformed."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return None
    parts = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
            parts.append(piece["text"])
        else:
            return None
    return "".join(parts)
