"""RSS and Atom feeds: the items of a feed's bytes (feedparser, which never fetches here),
and the `Document` an item's article page becomes (the HTML path of `ingest.html`).

    feed = parse_feed(response.content, response.url, response.headers.get("content-type"))
    for item in feed.items: ...                     # FeedItem: key, link, title, published
    doc = page_document(page_response, item, outlet=feed.outlet)   # Document | Rejection
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from dronewatch.ingest.common import (MAX_ID, MAX_OUTLET, MAX_TITLE, MAX_URL,
                                      normalise_published, out_of_window)
from dronewatch.ingest.html import html_document
from dronewatch.model import Document, Rejection

MIN_WORDS = 12  # fewer words extracted from a page: a menu, a paywall stub, a video page
PAGE_TYPES = ("text/html", "application/xhtml+xml", "")  # "": servers that send no type
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(slots=True)
class FeedItem:
    key: str  # the entry's id / guid, else its link: what "seen before" is decided on
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD from the entry, as written (no time-zone shift)


@dataclass(slots=True)
class Feed:
    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # reasons for entries that had no key


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Feed | str:
    """The feed's items in feed order, or the one-line reason the bytes are not a feed."""
    import feedparser

    if not data.strip():  # feedparser fails on b"" (AttributeError) instead of saying so
        return "empty response (no feed in the body)"
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)
    why = parsed.get("bozo_exception")
    detail = " ".join(str(why).split())[:120] if why else "no RSS or Atom elements"
    if not parsed.version and not parsed.entries:
        return f"not an RSS or Atom feed ({detail})"
    feed = Feed(title=_clean(parsed.feed.get("title")))
    for n, entry in enumerate(parsed.entries, 1):
        link = _clean(entry.get("link"))
        key = _clean(entry.get("id")) or link
        if not key:
            feed.skipped.append(f"entry {n} has neither an id nor a link")
            continue
        published, why = _entry_date(entry)
        if why:  # refused at the door: grouping cannot take a day near year 1 or 9999
            feed.skipped.append(f"entry {key[:80]!r}: {why}; skipped")
            continue
        feed.items.append(FeedItem(key=key, link=link, title=_clean(entry.get("title")),
                                   published=published))
    if parsed.bozo and not feed.items:  # broken XML that yielded nothing usable
        return f"malformed feed, no usable items ({detail})"
    return feed


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _entry_date(entry) -> tuple[str | None, str | None]:
    """(the date part of the entry's published (else updated) date as written, None) --
    feedparser's parsed tuple (converted to UTC) only when the text is in a form we do not
    read -- or (None, why) for a date outside the plausible years."""
    for name in ("published", "updated"):
        day, err = normalise_published(entry.get(name))
        if day:
            return day, None
        if err and "outside the years" in err:
            return None, err
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            why = out_of_window(date(*parsed[:3]))
            return (None, why) if why else (time.strftime("%Y-%m-%d", parsed), None)
    return None, None


def document_id(link: str) -> str:
    """A readable, stable id from the article link: host and path, no scheme or fragment
    ('https://news.example/a/b?id=3#top' -> 'news.example/a/b?id=3')."""
    parts = urlsplit(link)
    doc_id = (parts.netloc.lower() + parts.path.rstrip("/")
              + (f"?{parts.query}" if parts.query else ""))
    if len(doc_id) > MAX_ID:
        digest = hashlib.blake2b(link.encode(), digest_size=8).hexdigest()
        doc_id = f"{doc_id[:MAX_ID - 18]}~{digest}"
    return doc_id


def clean_link(link: str) -> str:
    """The link without its fragment (one article, one URL)."""
    return urlunsplit(urlsplit(link)._replace(fragment=""))


def outlet_of(feed_title: str | None, url: str) -> str:
    return (feed_title or urlsplit(url).hostname or url)[:MAX_OUTLET]


def utf8_page(data: bytes, charset: str | None) -> bytes | None:
    """The page as UTF-8 bytes (what `html_document` reads): the charset of the HTTP header,
    else of a <meta> in the first 2 KB, else UTF-8. None when it cannot be decoded."""
    if not charset:
        m = _META_CHARSET.search(data[:2048])
        charset = m.group(1).decode("ascii") if m else "utf-8"
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return text.encode("utf-8")


def page_document(data: bytes, *, url: str, content_type: str, charset: str | None,
                  item: FeedItem, outlet: str) -> Document | Rejection:
    """The article of one feed item's page: text (trafilatura), title (the entry's, else the
    page's), date (the entry's, else htmldate's), url (the item's link), outlet (the feed's)."""
    if b"\x00" in data[:8192]:
        return Rejection(url, "binary content, not an article page")
    if content_type not in PAGE_TYPES:
        return Rejection(url, f"not an HTML page (content type {content_type})")
    page = utf8_page(data, charset)
    if page is None:
        return Rejection(url, f"cannot decode the page as {charset or 'UTF-8'}")
    link = item.link or url
    doc = html_document(page, document_id(link), link)
    if isinstance(doc, Rejection):
        return Rejection(url, doc.reason)
    words = len(doc.text.split())
    if words < MIN_WORDS:
        return Rejection(url, f"no article text found (only {words} words)")
    doc.url = link
    doc.title = (item.title or doc.title or "")[:MAX_TITLE] or None  # a feed's, unchecked
    doc.published = item.published or doc.published
    doc.outlet = outlet
    return doc


__all__ = ["parse_feed", "page_document", "document_id", "clean_link", "outlet_of", "Feed",
           "FeedItem", "MAX_URL"]
