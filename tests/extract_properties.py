"""What `tests/test_extract_properties.py` and `bench/properties.py` feed the extractor and
what they require of it: hypothesis strategies for report-like text (figures written every
way, weapons, places, dates, in English, Russian and Ukrainian, mixed with arbitrary
Unicode) and for JSONL lines, and the checks every input must pass.

The fragments are written for these tests; none comes from a real report.
"""

from __future__ import annotations

import io
import json
from datetime import date

import orjson
from hypothesis import strategies as st

from dronewatch.ingest.common import FIRST_YEAR, LAST_YEAR
from dronewatch.model import Claim, Document

NUMBER_WORDS = ["twelve", "a dozen", "hundreds of", "двадцать", "двадцять п'ять", "сто",
                "1,000,000,000", "200,000", "0", "-5", "1.5", "½", "٣٤", "12 000", "１２"]
WEAPONS = ["drones", "drone", "missiles", "cruise missiles", "Shahed", "glide bombs",
           "беспилотников", "ракет", "БпЛА", "дронів", "naval drones", "КАБ"]
VERBS = ["shot down", "destroyed", "intercepted", "launched", "уничтожены", "збито",
         "were fired at", "hit", "killed", "injured", "перехвачены", "атакував"]
PLACES = ["over Belgorod Oblast", "над Курской областью", "над Київщиною", "in Odesa",
          "over the Black Sea", "near Moscow", "у Харкові", "over Kursk and Bryansk regions",
          "in the Republic of Crimea", "somewhere", "над территорией Брянской области"]
WHEN = ["overnight", "on Tuesday", "last week", "between 3 and 9 November", "в ночь на 4 ноября",
        "у ніч на 15 листопада", "since February 2022", "on 31 February", "yesterday",
        "за прошедшую неделю", "in 2099"]
CLAIMANTS = ["the Defence Ministry said", "the governor wrote", "Повітряні сили ЗСУ",
             "Минобороны России сообщило", "according to an early report", ""]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NUMBER_WORDS),
        st.integers(-10, 10**12).map(str),
        st.integers(0, 10**9).map(lambda n: f"{n:,}"),
        st.integers(0, 10**6).map(lambda n: f"{n:,}".replace(",", " ")),
        st.floats(allow_nan=True, allow_infinity=True).map(str))


def _date_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WHEN),
        st.dates().map(lambda d: d.isoformat()),
        st.dates().map(lambda d: d.strftime("%d %B %Y")),
        st.dates().map(lambda d: d.strftime("%d.%m.%Y")))


sentence = st.builds(
    lambda n, w, v, p, t, c: f"{n} {w} {v} {p} {t}, {c}.",
    _number(), st.sampled_from(WEAPONS), st.sampled_from(VERBS), st.sampled_from(PLACES),
    _date_text(), st.sampled_from(CLAIMANTS))

# report-like text, arbitrary Unicode (surrogates excepted: not valid in a document), and
# the two mixed
texts = st.one_of(
    st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=400),
    st.lists(st.one_of(sentence, st.text(st.characters(exclude_categories=["Cs"]),
                                          max_size=40)), max_size=8).map(" ".join))

# publication days a document can have once read (ingest/common.py refuses one outside
# 1900-2100); `published` for a JSONL line may be anything
readable_days = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)).map(date.isoformat)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                      st.sampled_from(["2025-02-30", "yesterday", "", "9999-12-31",
                                       "0001-01-01", "2025-10-25T03:00:00+03:00"]))

documents = st.builds(lambda text, day, doc_id: Document(id=doc_id or "d", text=text,
                                                         published=day),
                      texts, st.one_of(st.none(), readable_days), st.text(max_size=20))

def _dumps(value) -> bytes:
    """JSON as any writer may produce it (integers beyond 64 bits included)."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=30)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)

# JSONL lines: documents of every shape, valid and not, and bytes that are not JSON
jsonl_lines = st.one_of(
    st.builds(lambda text, day, doc_id, extra: _dumps(
        {"id": doc_id, "text": text, "published": day, **extra}),
        st.one_of(texts, _json_values), st.one_of(published, _json_values),
        st.one_of(st.text(max_size=20), _json_values),
        st.dictionaries(st.sampled_from(["url", "title", "outlet", "x"]), _json_values,
                        max_size=3)),
    st.binary(max_size=200),
    _json_values.map(_dumps))


def check_document(doc: Document) -> int:
    """Extract `doc`: no exception escapes, every evidence span lies inside the text, every
    claim survives `Claim.from_dict(claim.to_dict())`. Returns the number of claims."""
    from dronewatch.extract import extract_document

    problems: list[str] = []
    claims = extract_document(doc, problems)
    assert all(isinstance(p, str) and p for p in problems)
    for claim in claims:
        for span in claim.evidence:
            assert 0 <= span.start < span.end <= len(doc.text), (span, len(doc.text))
        record = claim.to_dict()
        again = Claim.from_dict(orjson.loads(orjson.dumps(record)))
        assert again.to_dict() == record
    return len(claims)


def check_jsonl(lines: list[bytes]) -> int:
    """Read `lines` as a JSONL input and extract every document as `dronewatch extract`
    does (extract/pool.py's `process`): nothing raises, and a line is a document or one
    rejection."""
    from dronewatch.extract import pool
    from dronewatch.ingest import read_jsonl_stream
    from dronewatch.model import Rejection

    pool._configure("jsonl", 0)
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n"
    claims = 0
    for item in read_jsonl_stream(io.BytesIO(data), "stdin", max_bytes=1 << 20):
        result = pool.process(item)
        if isinstance(item, Rejection):
            assert result.errors and not result.rendered
            continue
        assert not any(r.startswith("extraction failed") for _, r in result.errors), result.errors
        for raw in result.rendered:
            Claim.from_dict(orjson.loads(raw))
        claims += len(result.rendered)
    return claims
