"""HTML pages: the article text (trafilatura), its title and publication date (htmldate).

trafilatura and htmldate are imported on first use: they are slow to import and most
runs read JSONL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from dronewatch.ingest.common import read_file_bytes, text_of
from dronewatch.model import Document, Rejection


def read_html(path: str, *, max_bytes: int) -> Iterator[Document | Rejection]:
    data = read_file_bytes(path, max_bytes)
    yield data if isinstance(data, Rejection) else html_document(data, Path(path).stem, path)


def html_document(data: bytes, doc_id: str, source: str) -> Document | Rejection:
    html = text_of(data, source)
    if isinstance(html, Rejection):
        return html
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, favor_precision=True, include_comments=False)
    if not text or not text.strip():
        return Rejection(source, "no article text found")
    try:
        published = find_date(html, original_date=True, extensive_search=False,
                              outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page with a date we cannot read still has its text
        published = None
    title, url, outlet = _meta(data)
    return Document(id=doc_id, text=text, published=published, url=url, title=title,
                    outlet=outlet, source=source)


_META = {
    "title": ('//meta[@property="og:title"]/@content', "//title//text()", "//h1//text()"),
    "url": ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'),
    "outlet": ('//meta[@property="og:site_name"]/@content',),
}


def _meta(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(title, url, outlet): og:title / <title> / <h1>, canonical link / og:url, og:site_name."""
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(data, parser=lxml_html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - metadata is optional
        return None, None, None
    out = []
    for xpaths in _META.values():
        value = None
        for xpath in xpaths:
            found = " ".join(" ".join(str(t) for t in tree.xpath(xpath)[:1 if "@" in xpath else None]).split())
            if found:
                value = found
                break
        out.append(value)
    return out[0], out[1], out[2]
