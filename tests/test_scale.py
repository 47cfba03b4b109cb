"""--engine ray gives exactly what the local engine gives: the same claims from `extract`,
the same store content from `ingest`, on a local Ray instance started once for the module."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import orjson
import pytest

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'dronewatch[scale]')")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from corpus import articles  # noqa: E402

from dronewatch.cli import run_extract  # noqa: E402
from dronewatch.scale.ray_engine import (extract_to_shards, ingest_on_ray,  # noqa: E402
                                         plan_pieces, usable_paths)
from dronewatch.store import ingest, open_store  # noqa: E402
from dronewatch.store.write import content_digest  # noqa: E402

GENERATED = 240

# Written for this test: a report with a breakdown, a casualty post, a copy of the first
# under another id (a duplicate for ingest), an article without a publication date, and
# three bad lines (not JSON, text not a string, no text).
OWN = [
    {"id": "own-1", "outlet": "Test Wire", "published": "2025-11-03",
     "text": "Air defence units destroyed 31 drones overnight, the Defence Ministry said on "
             "Monday: 12 over Bryansk Oblast, 11 over Kursk Oblast and 8 over Oryol Oblast."},
    {"id": "own-2", "outlet": "Regional Desk", "published": "2025-11-03",
     "text": "Two people were injured when debris from a downed drone fell on a garage in "
             "Kursk, the regional governor wrote on Telegram."},
    {"id": "own-3", "outlet": "Copy Desk", "published": "2025-11-03",
     "text": "Air defence units destroyed 31 drones overnight, the Defence Ministry said on "
             "Monday: 12 over Bryansk Oblast, 11 over Kursk Oblast and 8 over Oryol Oblast."},
    {"id": "own-4", "outlet": "Undated Post",
     "text": "Ukraine's air force said it shot down 44 of 60 Shahed drones launched overnight."},
]
BAD_LINES = ['{"id": "broken", "text": ', '{"id": "own-5", "text": 17}', '{"id": "own-6"}']


SPLIT = 32 * 1024  # pieces of this many bytes: the generated file is read in ~20 tasks


def bad_line_sources(corpus: list[str]) -> list[str]:
    """Where the local reader reports the bad lines: file:line."""
    return sorted(f"{path}:{n}" for path in corpus
                  for n, line in enumerate(Path(path).read_text().splitlines(), 1)
                  if line in BAD_LINES)


def canonical(records) -> list[bytes]:
    return sorted(orjson.dumps(orjson.loads(r), option=orjson.OPT_SORT_KEYS) for r in records)


@pytest.fixture(scope="module")
def ray_instance():
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR")
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    generated = folder / "generated.jsonl"
    with open(generated, "w", encoding="utf-8") as fh:
        for n, article in enumerate(articles(GENERATED, seed=5)):
            if n in (80, 160):  # bad lines deep in a file that is read in pieces
                fh.write(BAD_LINES[n // 80 - 1] + "\n")
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    own = folder / "own.jsonl"
    own.write_text("\n".join([json.dumps(a) for a in OWN] + BAD_LINES) + "\n", encoding="utf-8")
    return [str(generated), str(own)]


@pytest.fixture(scope="module")
def local_claims(corpus) -> list[bytes]:
    out = io.BytesIO()
    stats = run_extract(corpus, out)
    assert stats.documents == GENERATED + len(OWN)
    return canonical(out.getvalue().splitlines())


@pytest.mark.parametrize("fmt,split", [("parquet", None), ("jsonl", None), ("parquet", SPLIT)])
def test_extract_on_ray_gives_the_local_claims(ray_instance, corpus, local_claims, tmp_path,
                                              fmt, split):
    errors: list[tuple[str, str]] = []
    counts = extract_to_shards(corpus, str(tmp_path / "out"), fmt=fmt, split_bytes=split,
                               report=lambda s, r: errors.append((s, r)))
    shards = sorted((tmp_path / "out").glob(f"claims-*.{fmt}"))
    assert shards, "no claim shards written"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        records = [r for f in shards for r in pq.read_table(f).column("record").to_pylist()]
    else:
        records = [line for f in shards for line in f.read_bytes().splitlines()]
    assert canonical(records) == local_claims
    assert counts.documents == GENERATED + len(OWN)
    assert counts.claims == len(local_claims)
    # each bad line is one rejection: on stderr and in the rejections shards
    assert counts.errors == len(BAD_LINES) + 2
    assert sorted(s for s, _ in errors) == bad_line_sources(corpus)
    assert f"{corpus[1]}:5" in bad_line_sources(corpus)
    if split:  # one shard per piece: read, extract and write ran fused, one task a piece
        pieces = plan_pieces(usable_paths(corpus, print), split, print)
        assert len(pieces) > 10 and len(shards) == len(pieces)
    rejected = [json.loads(line) for f in (tmp_path / "out").glob("rejections-*.jsonl")
                for line in f.read_text().splitlines()]
    assert sorted(r["source"] for r in rejected) == sorted(s for s, _ in errors)


def test_extract_on_ray_reports_missing_and_unsupported_inputs(ray_instance, corpus, tmp_path):
    text_file = tmp_path / "note.txt"
    text_file.write_text("Five drones were shot down over Belgorod Oblast.")
    errors: list[tuple[str, str]] = []
    counts = extract_to_shards([str(tmp_path / "gone.jsonl"), str(text_file), corpus[1]],
                               str(tmp_path / "out"), fmt="jsonl",
                               report=lambda s, r: errors.append((s, r)))
    reasons = dict(errors)
    assert reasons[str(tmp_path / "gone.jsonl")] == "no such file or directory"
    assert "unsupported input" in reasons[str(text_file)]
    assert counts.documents == len(OWN)
    assert counts.errors == 2 + len(BAD_LINES)  # own.jsonl holds each bad line once


@pytest.mark.parametrize("split", [None, SPLIT])
def test_ingest_on_ray_stores_what_the_local_ingest_stores(ray_instance, corpus, tmp_path, split):
    def digest(url: str) -> str:
        with open_store(url) as store, store.reader() as conn:
            return content_digest(conn)

    local_db, ray_db = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    with open_store(local_db) as store:
        local = ingest(store, corpus, batch_size=64)
    ray_errors: list[str] = []
    with open_store(ray_db) as store:
        on_ray = ingest_on_ray(store, corpus, batch_size=64, split_bytes=split,
                               report=lambda s, r: ray_errors.append(s))
    assert (on_ray.read, on_ray.stored, on_ray.claims, on_ray.duplicates, on_ray.errors) == \
           (local.read, local.stored, local.claims, local.duplicates, local.errors)
    assert local.duplicates >= 1 and local.incidents
    assert sorted(ray_errors) == bad_line_sources(corpus)
    assert digest(ray_db) == digest(local_db)
