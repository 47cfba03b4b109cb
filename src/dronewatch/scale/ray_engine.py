"""The extractor on Ray Data: `dronewatch extract --engine ray` and `ingest --engine ray`.

    documents (JSONL / Parquet files, any path Ray's filesystem layer reads)
      -> DocumentFiles: read tasks parse each file exactly as the local readers do
      -> map_batches(ExtractBatch): an actor pool; each actor builds the extractor once
      -> ClaimShards: each write task writes its claims (and its rejections) as shards

Rows between the stages are plain Arrow tables of strings (ITEM_SCHEMA, RESULT_SCHEMA):
documents, rendered claims and error lines, never pipeline objects. Ray is imported
lazily by every function here, so the base install does not need it.
"""

from __future__ import annotations

import importlib
import os
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import orjson

from dronewatch.ingest.common import DEFAULT_MAX_BYTES, document_from_obj
from dronewatch.model import Document, Rejection

SUFFIXES = (".jsonl", ".parquet")
ROWS_PER_BLOCK = 1024  # documents per block out of a read task
BATCH_SIZE = 256       # documents per call of an extractor actor
ERROR_LINES_BACK = 200  # error lines a write task sends back to the driver to print
DOC_FIELDS = ("id", "text", "published", "url", "title", "outlet", "source")


class RayMissing(RuntimeError):
    """Ray is not installed: the one line says how to get it."""


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RayMissing("--engine ray needs Ray: pip install 'dronewatch[scale]'") from None
    return ray


# ----------------------------------------------------------------------------- schemas

def _schema(names: Iterable[str], lists: Iterable[str] = ()):
    import pyarrow as pa

    return pa.schema([(n, pa.string()) for n in names] +
                     [(n, pa.list_(pa.string())) for n in lists])


def item_schema():
    """One input item: a raw JSONL line and its source (parsed by the extractor actor,
    so the read task stays light), a document (reason null) or a rejection (source and
    reason)."""
    import pyarrow as pa

    return _schema((*DOC_FIELDS, "reason")).append(pa.field("line", pa.binary()))


def result_schema():
    """One extracted item: the document fields (text only when kept), its rendered claims
    (FORMAT.md JSON) and its error lines."""
    return _schema((*DOC_FIELDS, "reason"), ("claims", "error_sources", "error_reasons"))


def item_row(item: Document | Rejection) -> dict:
    if isinstance(item, Rejection):
        return {"source": item.source, "reason": item.reason}
    return {name: getattr(item, name) for name in DOC_FIELDS}


def item_from_row(row: dict) -> Document | Rejection:
    if row.get("line") is not None:  # exactly what the local JSONL reader makes of the line
        from dronewatch.ingest.jsonl import parse_line

        return parse_line(row["line"], row["source"])
    if row.get("reason") is not None:
        return Rejection(row["source"], row["reason"])
    return Document(**{name: row.get(name) for name in DOC_FIELDS})


# ----------------------------------------------------------------------------- reading

def _plain(value):
    """A Parquet cell as the JSON reader would give it (dates and timestamps as ISO text)."""
    iso = getattr(value, "isoformat", None)
    return iso() if iso is not None else value


def parquet_items(f, path: str) -> Iterator[Document | Rejection]:
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(f).iter_batches(batch_size=ROWS_PER_BLOCK):
        for row in batch.to_pylist():
            yield document_from_obj({k: _plain(v) for k, v in row.items()}, f"{path}[{n}]")
            n += 1


def jsonl_rows(f, path: str, max_bytes: int) -> Iterator[dict]:
    """The rows of a JSONL file as the local reader splits it: a rejection, or a raw line
    that an extractor actor parses (parsing is most of reading; the actors scale, the one
    read task per file would not)."""
    from dronewatch.ingest.jsonl import jsonl_lines

    for item in jsonl_lines(f, path, max_bytes=max_bytes):
        yield item_row(item) if isinstance(item, Rejection) else {"source": item[0],
                                                                 "line": bytes(item[1])}


def document_files(names: dict[str, str], max_bytes: int):
    """A Ray datasource over JSONL and Parquet files; the class is made on first use so
    that importing this module does not import Ray."""
    from ray.data.datasource import FileBasedDatasource

    class DocumentFiles(FileBasedDatasource):
        _FILE_EXTENSIONS = [s.lstrip(".") for s in SUFFIXES]

        def __init__(self, names: dict[str, str], max_bytes: int):
            super().__init__(list(names), file_extensions=self._FILE_EXTENSIONS)
            self.names, self.max_bytes = names, max_bytes

        def _open_input_source(self, filesystem, path: str, **open_args):
            if path.lower().endswith(".parquet"):  # Parquet needs random access
                return filesystem.open_input_file(path)
            return super()._open_input_source(filesystem, path, **open_args)

        def _read_stream(self, f, path: str):
            import pyarrow as pa

            schema = item_schema()
            path = self.names.get(path) or self.names.get(os.path.abspath(path), path)
            if path.lower().endswith(".parquet"):
                items = map(item_row, parquet_items(f, path))
            else:  # the local JSONL reader's lines: same documents, same rejections
                items = jsonl_rows(f, path, self.max_bytes)
            rows: list[dict] = []
            for row in items:
                rows.append(row)
                if len(rows) >= ROWS_PER_BLOCK:
                    yield pa.Table.from_pylist(rows, schema=schema)
                    rows = []
            if rows:
                yield pa.Table.from_pylist(rows, schema=schema)

    return DocumentFiles(names, max_bytes)


def usable_paths(paths: Iterable[str], report: Callable[[str, str], None]) -> dict[str, str]:
    """{path for Ray: the name error lines and `Document.source` use} of the inputs Ray can
    read, in input order. Local folders are walked here, in the order the local engine
    walks them, and local files keep the name they were given, so both engines store the
    same thing; a missing local path or one of another kind gets its error line here (Ray
    would end the whole run on it). URIs (s3://, gs://, ...) go to Ray as they are."""
    from dronewatch.ingest import walk

    out: dict[str, str] = {}
    for path in paths:
        if "://" in path:
            out[path] = path
        elif not os.path.exists(path):
            report(path, "no such file or directory")
        elif os.path.isdir(path):
            for file in walk(path):
                if file.lower().endswith(SUFFIXES):
                    out[os.path.abspath(file)] = file
        elif path.lower().endswith(SUFFIXES):
            out[os.path.abspath(path)] = path
        else:
            report(path, "unsupported input for --engine ray (expected .jsonl, .parquet "
                         "or a folder of them)")
    return out


# ----------------------------------------------------------------------------- extracting

class ExtractBatch:
    """The map_batches callable: built once per actor, so each worker imports and sets up
    the extractor once; the pipeline itself never travels through the object store.
    Its settings are class attributes (`configured` makes a subclass) rather than
    constructor arguments, which Ray would keep in the object store for actor restarts."""

    TIMEOUT = 60.0
    KEEP_TEXT = False

    def __init__(self):
        from dronewatch import cli

        self.cli, self.keep_text = cli, self.KEEP_TEXT
        cli._configure("jsonl", self.TIMEOUT)
        importlib.import_module("dronewatch.extract")

    def __call__(self, batch):
        import pyarrow as pa

        rows = []
        for row in batch.to_pylist():
            item = item_from_row(row)
            result = self.cli.process(item)
            out = item_row(item)
            if not self.keep_text:
                out["text"] = None
            out["claims"] = [r.decode("utf-8") for r in result.rendered]  # JSONL lines, \n kept
            out["error_sources"] = [s for s, _ in result.errors]
            out["error_reasons"] = [r for _, r in result.errors]
            rows.append(out)
        return pa.Table.from_pylist(rows, schema=result_schema())


def configured(timeout: float, keep_text: bool) -> type[ExtractBatch]:
    return type("ExtractBatch", (ExtractBatch,), {"TIMEOUT": timeout, "KEEP_TEXT": keep_text})


# ----------------------------------------------------------------------------- the cluster

def connect(address: str | None, cpus: int | None) -> int:
    """Join the cluster at `address`, or start a local Ray with `cpus` CPUs (all when
    None); a Ray already started in this process is used as it is. Returns its CPUs."""
    ray = import_ray()
    import logging

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # no per-run INFO lines on stderr
    if not ray.is_initialized():
        kwargs = dict(include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=cpus, **kwargs)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def extracted(names: dict[str, str], *, workers: int, max_bytes: int = DEFAULT_MAX_BYTES,
              timeout: float = 60.0, keep_text: bool = False, ordered: bool = False):
    """The Ray dataset of RESULT_SCHEMA rows for `paths` (lazy: nothing runs yet)."""
    ray = import_ray()
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = ordered
    # Reading and writing are light next to extracting: they take no CPU of their own
    # (num_cpus=0), so the `workers` actors (one CPU each) can hold every CPU from the start.
    ds = ray.data.read_datasource(document_files(names, max_bytes), num_cpus=0)
    return ds.map_batches(configured(timeout, keep_text), batch_size=BATCH_SIZE,
                          batch_format="pyarrow", num_cpus=1,
                          # more batches queued per actor: with 4 (the default) an actor
                          # waited for its next batch about a third of the time here
                          compute=ray.data.ActorPoolStrategy(size=workers,
                                                             max_tasks_in_flight_per_actor=8))


# ----------------------------------------------------------------------------- writing

def _filesystem(path: str):
    """(pyarrow filesystem, path in it) for a local folder or a URI (s3://, gs://, ...)."""
    import pyarrow.fs as pafs

    if "://" in path:
        return pafs.FileSystem.from_uri(path)
    return pafs.LocalFileSystem(), os.path.abspath(path)


def claim_table(records: list[str]):
    """Parquet shard rows: the flat claim columns of `dronewatch export`, plus `record`,
    the FORMAT.md JSON of the claim (lossless)."""
    import pyarrow as pa

    from dronewatch.export.parquet import schema
    from dronewatch.export.rows import row
    from dronewatch.model import Claim

    sch = schema("claim").append(pa.field("record", pa.string()))
    rows = []
    for raw in records:
        r = row(Claim.from_dict(orjson.loads(raw)))
        r["record"] = raw.rstrip("\n")
        rows.append(r)
    return pa.Table.from_pylist(rows, schema=sch)


@dataclass
class ShardCounts:
    documents: int = 0
    claims: int = 0
    errors: int = 0
    lines: list[tuple[str, str]] = field(default_factory=list)  # the first error lines
    shards: int = 0


def claim_shards(out_dir: str, fmt: str):
    """A Ray Datasink writing `claims-<task>-<uid>.parquet|jsonl` and
    `rejections-<task>-<uid>.jsonl` ({"source", "reason"} per line) under `out_dir`."""
    from ray.data import Datasink

    class ClaimShards(Datasink):
        def __init__(self):
            self.out_dir, self.fmt = out_dir, fmt
            self.counts = ShardCounts()

        def on_write_start(self, schema=None) -> None:
            fs, base = _filesystem(self.out_dir)
            fs.create_dir(base, recursive=True)

        def write(self, blocks, ctx) -> ShardCounts:
            fs, base = _filesystem(self.out_dir)
            name = f"{ctx.task_idx:05d}-{uuid.uuid4().hex[:8]}"
            counts = ShardCounts()
            claims_out = rejections = parquet = None
            try:
                for block in blocks:
                    records: list[str] = []
                    for row in block.to_pylist():
                        counts.documents += row["reason"] is None
                        records.extend(row["claims"] or ())
                        for source, reason in zip(row["error_sources"] or (),
                                                  row["error_reasons"] or ()):
                            if rejections is None:
                                rejections = fs.open_output_stream(f"{base}/rejections-{name}.jsonl")
                            rejections.write(orjson.dumps({"source": source, "reason": reason},
                                                          option=orjson.OPT_APPEND_NEWLINE))
                            counts.errors += 1
                            if len(counts.lines) < ERROR_LINES_BACK:
                                counts.lines.append((source, reason))
                    if not records:
                        continue
                    counts.claims += len(records)
                    if claims_out is None:
                        claims_out = fs.open_output_stream(f"{base}/claims-{name}.{self.fmt}")
                        counts.shards = 1
                    if self.fmt == "parquet":
                        import pyarrow.parquet as pq

                        table = claim_table(records)
                        if parquet is None:
                            parquet = pq.ParquetWriter(claims_out, table.schema)
                        parquet.write_table(table)
                    else:
                        claims_out.write("".join(records).encode("utf-8"))  # each ends in \n
            finally:
                if parquet is not None:
                    parquet.close()
                for stream in (claims_out, rejections):
                    if stream is not None:
                        stream.close()
            return counts

        def on_write_complete(self, write_result) -> None:
            total = self.counts
            for c in write_result.write_returns:
                total.documents += c.documents
                total.claims += c.claims
                total.errors += c.errors
                total.shards += c.shards
                total.lines.extend(c.lines[:max(0, ERROR_LINES_BACK - len(total.lines))])

    return ClaimShards()


def extract_to_shards(paths: list[str], out_dir: str, *, fmt: str = "parquet",
                      address: str | None = None, cpus: int | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 60.0,
                      report: Callable[[str, str], None] | None = None) -> ShardCounts:
    """`dronewatch extract --engine ray` as a function: claims of `paths` as shards in
    `out_dir`. Error lines go to `report` (the first ERROR_LINES_BACK of each write task;
    all of them are in the rejections shards)."""
    if fmt not in ("parquet", "jsonl"):
        raise ValueError(f"--engine ray writes parquet or jsonl shards, not {fmt}")
    report = report or (lambda s, r: None)
    refused: list[str] = []
    usable = usable_paths(paths, lambda s, r: (refused.append(s), report(s, r)))
    missing = len(refused)
    if not usable:
        return ShardCounts(errors=missing)
    workers = connect(address, cpus)
    sink = claim_shards(out_dir, fmt)
    extracted(usable, workers=workers, max_bytes=max_bytes, timeout=timeout).write_datasink(
        # at most `workers` write tasks at once: a task that asks for no CPU may otherwise
        # start a fresh worker process each (a second of CPU to import) on a busy machine
        sink, ray_remote_args={"num_cpus": 0}, concurrency=workers)
    counts = sink.counts
    for source, reason in counts.lines:
        report(source, reason)
    counts.errors += missing
    return counts


class PrecomputedExtractor:
    """The extractor `store.pipeline.ingest_documents` calls, answering from the results
    the cluster sent back. A document renamed since (its id was taken by another, so its
    claim ids must name the new id) is extracted again here; that is rare."""

    def __init__(self, timeout: float, keep: int):
        from collections import OrderedDict

        from dronewatch import cli

        self.cli, self.keep = cli, keep
        self.results: OrderedDict = OrderedDict()  # id(doc) -> (doc id then, Result)
        cli._configure("jsonl", timeout)

    def remember(self, doc: Document, result) -> None:
        self.results[id(doc)] = (doc.id, result)
        while len(self.results) > self.keep:  # older batches were stored or skipped already
            self.results.popitem(last=False)

    def map(self, docs: list[Document]) -> list:
        out = []
        for doc in docs:
            id_then, result = self.results.pop(id(doc), (None, None))
            out.append(result if result is not None and id_then == doc.id
                       else self.cli.process(doc))
        return out

    def close(self, ok: bool = True) -> None:
        self.results.clear()


def extracted_documents(paths: list[str], extractor: PrecomputedExtractor, *,
                        address: str | None = None, cpus: int | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 60.0,
                        report: Callable[[str, str], None] | None = None):
    """The documents and rejections of `paths` in input order, extracted on Ray and streamed
    back a batch at a time; each document's result goes to `extractor` on the way."""
    from dronewatch.cli import Result

    report = report or (lambda s, r: None)
    usable = usable_paths(paths, report)
    if not usable:
        return
    workers = connect(address, cpus)
    ds = extracted(usable, workers=workers, max_bytes=max_bytes, timeout=timeout,
                   keep_text=True, ordered=True)
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=BATCH_SIZE * 4):
        for row in batch.to_pylist():
            item = item_from_row(row)
            if isinstance(item, Document):
                errors = list(zip(row["error_sources"] or (), row["error_reasons"] or ()))
                extractor.remember(item, Result(rendered=[c.encode("utf-8") for c in row["claims"] or ()],
                                                errors=errors, document=True))
            yield item


def ingest_on_ray(store, paths: list[str], *, address: str | None = None, cpus: int | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 60.0,
                  batch_size: int = 500, report=None, rebuild: bool = True, advance=None):
    """`dronewatch ingest --engine ray`: extraction on Ray, storing exactly as the local
    ingest does (same batches, same duplicate and rename rules, same store content)."""
    from dronewatch.store.pipeline import ingest_documents

    extractor = PrecomputedExtractor(timeout, keep=2 * batch_size)
    items = extracted_documents(paths, extractor, address=address, cpus=cpus,
                                max_bytes=max_bytes, timeout=timeout, report=report)
    return ingest_documents(store, items, timeout=timeout, batch_size=batch_size, report=report,
                            advance=advance, rebuild=rebuild, extractor=extractor)


__all__ = ["extract_to_shards", "extracted_documents", "ingest_on_ray", "connect", "ShardCounts", "RayMissing"]
