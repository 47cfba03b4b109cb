"""A response body's Content-Encoding undone a little at a time, every layer bounded.

httpx decodes each received chunk whole, so a body compressed twice (`gzip, gzip`) of 2 KB
became gigabytes before a size check could see it. Here each layer hands at most `STEP`
bytes to the next, so the caller counts the output as it grows and stops at its limit with
memory at about STEP per layer, whatever the ratio.

    decoder = BodyDecoder(response.headers.get("content-encoding", ""))
    for raw in response.iter_raw():
        for piece in decoder.feed(raw): ...      # pieces of at most STEP bytes
"""

from __future__ import annotations

import zlib
from typing import Iterator

STEP = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"  # all that is undone here; others are refused
_GZIP, _ZLIB, _RAW = 16 + zlib.MAX_WBITS, zlib.MAX_WBITS, -zlib.MAX_WBITS


class DecodingError(Exception):
    """A body that cannot be decoded, in one line."""


class _Layer:
    def __init__(self, coding: str):
        self.coding = coding
        self.raw_fallback = coding == "deflate"  # servers that send raw deflate, no header
        self.inflate = zlib.decompressobj(_GZIP if coding in ("gzip", "x-gzip") else _ZLIB)

    def step(self, data: bytes) -> tuple[bytes, bytes]:
        """(at most STEP bytes of output, the input not consumed yet)."""
        try:
            out = self.inflate.decompress(data, STEP)
        except zlib.error as exc:
            if not self.raw_fallback:
                raise DecodingError(f"cannot decode the {self.coding} body ({exc})") from None
            self.inflate = zlib.decompressobj(_RAW)
            self.raw_fallback = False
            return self.step(data)
        self.raw_fallback = False
        return out, self.inflate.unconsumed_tail


class BodyDecoder:
    def __init__(self, content_encoding: str):
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for c in codings:
            if c not in ("gzip", "x-gzip", "deflate"):
                raise DecodingError(f"unsupported Content-Encoding {c!r} (asked for "
                                    f"{ACCEPT_ENCODING})")
        self.layers = [_Layer(c) for c in reversed(codings)]  # the last applied comes off first

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of `data` (the next raw bytes), in pieces of at most STEP."""
        return self._through(0, data)

    def _through(self, i: int, data: bytes) -> Iterator[bytes]:
        if i == len(self.layers):
            if data:
                yield data
            return
        layer = self.layers[i]
        while True:
            out, data = layer.step(data)
            if out:
                yield from self._through(i + 1, out)
            if not data and len(out) < STEP:  # input used up and nothing held back
                return
