"""Near-duplicate documents: one report copied by ten sites counts as one source.

MinHash signatures over word shingles, banded into an LSH index (datasketch), find the
documents whose shingle sets have a Jaccard similarity of about `THRESHOLD` or more:
syndicated copies, reprints with a changed headline or a sentence added. Every candidate
pair the index returns is checked against the estimated Jaccard before it is linked, and
linked documents form groups (union-find), so A~B and B~C put A, B and C together.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping

from dronewatch.model import Document

THRESHOLD = 0.8   # estimated Jaccard similarity of the shingle sets
NUM_PERM = 128    # MinHash permutations: the error of the estimate is about 1/sqrt(128) = 0.09
SHINGLE = 5       # words per shingle

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """The set of k-word shingles of a text, lower-cased; a text shorter than k words is one."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


class _Groups:
    """Union-find over string keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra  # the smaller id stays the root: groups are named stably


def near_duplicates(documents: Iterable[Document], threshold: float = THRESHOLD,
                    num_perm: int = NUM_PERM) -> dict[str, str]:
    """Map every document id to the id of its near-duplicate group.

    The group id is the smallest document id of the group; a document with no near-duplicate
    is its own group. Documents with no words at all are never linked.
    """
    from datasketch import MinHash, MinHashLSH  # imported on use: numpy/scipy are slow to load

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    # One set of permutations for every signature (a MinHash draws its own, which costs more
    # than hashing a whole article), and CRC-32 of each shingle instead of SHA-1: stable
    # across processes like SHA-1, several times cheaper, and 32 bits is all MinHash keeps.
    template = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
    signatures: dict[str, MinHash] = {}
    groups = _Groups()
    for doc in documents:
        groups.find(doc.id)
        grams = shingles(doc.text or "")
        if not grams or doc.id in signatures:
            continue
        mh = MinHash(num_perm=num_perm, hashfunc=zlib.crc32, permutations=template.permutations)
        mh.update_batch(grams)
        for other in lsh.query(mh):
            if mh.jaccard(signatures[other]) >= threshold:
                groups.union(doc.id, other)
        lsh.insert(doc.id, mh)
        signatures[doc.id] = mh
    return {doc_id: groups.find(doc_id) for doc_id in groups.parent}


def _outlet_key(outlet: str | None) -> str | None:
    if not outlet:
        return None
    return " ".join(_WORD.findall(outlet.lower())) or None


def source_groups(documents: Iterable[Document],
                  duplicates: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map every document id to its *source*: near-duplicates are one source, and so are
    documents of one outlet (two articles of one newspaper are not independent confirmation).
    Documents with no outlet and no near-duplicate are each their own source."""
    docs = list(documents)
    if duplicates is None:
        duplicates = near_duplicates(docs)
    groups = _Groups()
    by_outlet: dict[str, str] = {}
    for doc in docs:
        groups.union(doc.id, duplicates.get(doc.id, doc.id))
        key = _outlet_key(doc.outlet)
        if key is not None:
            first = by_outlet.setdefault(key, doc.id)
            groups.union(doc.id, first)
    return {doc.id: groups.find(doc.id) for doc in docs}
