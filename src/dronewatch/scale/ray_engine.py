"""The extractor on Ray Data: `dronewatch extract --engine ray` and `ingest --engine ray`.

    documents (JSONL / Parquet files, any path Ray's filesystem layer reads)
      -> pieces: whole files, or ranges of a big local JSONL file cut at line ends
      -> DocumentPieces: one read task per piece, parsing lines as the local reader does
      -> map_batches(extract_batch): a task function; the extractor is set up once per
         Ray worker process and reused by every later task there
      -> ClaimShards: claims (and rejections) written as shards

Read, extract and write ask for the same CPU and are all task-based, so Ray fuses them
into one task per piece: documents and claims never cross the object store, and the
driver only receives counts. (An actor pool, tried first, cannot fuse with the read or
the write: on 2 cores its actors waited for batches ~45% of the time.) Rows between the
steps are plain Arrow tables of strings (ITEM_SCHEMA, RESULT_SCHEMA), never pipeline
objects. Ray is imported lazily by every function here, so the base install does not
need it.
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
ROWS_PER_BLOCK = 256   # documents per block out of a read task = per extract call
SPLIT_BYTES = 4 << 20      # a local JSONL file over this is read in several tasks
MIN_SPLIT_BYTES = 1 << 20  # ... but no piece is made smaller than this
PIECES_PER_CPU = 8
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


def jsonl_rows(f, path: str, max_bytes: int, after_line: int = 0) -> Iterator[dict]:
    """The rows of a JSONL file (or of a range of it) as the local reader splits it: a
    rejection, or a raw line that the extract step parses (parsing is most of reading,
    and runs in the same task)."""
    from dronewatch.ingest.jsonl import jsonl_lines

    for item in jsonl_lines(f, path, max_bytes=max_bytes, after_line=after_line):
        yield item_row(item) if isinstance(item, Rejection) else {"source": item[0],
                                                                 "line": bytes(item[1])}


@dataclass(frozen=True)
class Piece:
    """What one read task reads: a whole file, or a range of a local JSONL file that was
    split at line ends so that one big file still keeps every CPU busy."""

    path: str            # where a worker opens it: an absolute local path or a URI
    name: str            # its name in error lines and in `Document.source`
    size: int            # bytes it covers
    start: int = 0
    end: int | None = None  # None: to the end of the file
    after_line: int = 0     # lines of the file before `start`


class _Range:
    """The `size` bytes of `fh` from where it stands: one piece of a split file."""

    def __init__(self, fh, size: int):
        self.fh, self.left = fh, size

    def read(self, n: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        data = self.fh.read(self.left if n < 0 else min(n, self.left))
        self.left -= len(data)
        return data


def line_ranges(path: str, split_bytes: int) -> list[tuple[int, int, int]]:
    """(start, end, lines before start) of consecutive ranges of about `split_bytes` that
    end at line ends: the cut falls on the first newline at or after each mark. The file
    is read once, a chunk at a time (~600 MB/s here, from the page cache)."""
    from dronewatch.ingest.common import CHUNK

    ranges: list[tuple[int, int, int]] = []
    start = lines_before = lines_in = pos = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK * 16):
            base, pos, i = pos, pos + len(chunk), 0
            while True:
                mark = start + split_bytes - base
                nl = chunk.find(b"\n", max(mark, i)) if mark < len(chunk) else -1
                if nl < 0:
                    lines_in += chunk.count(b"\n", i)
                    break
                lines_in += chunk.count(b"\n", i, nl + 1)
                ranges.append((start, base + nl + 1, lines_before))
                start, lines_before, lines_in, i = base + nl + 1, lines_before + lines_in, 0, nl + 1
    if start < pos or not ranges:
        ranges.append((start, pos, lines_before))
    return ranges


def plan_pieces(names: dict[str, str], split_bytes: int,
                report: Callable[[str, str], None]) -> list[Piece]:
    """The read tasks' pieces, in input order. Local JSONL files over `split_bytes` are
    split at line ends (a binary one stays whole: it is one rejection); Parquet files and
    files behind URIs are read whole; a URI naming a folder is listed here."""
    from dronewatch.ingest.common import is_binary, read_head

    pieces: list[Piece] = []
    for path, name in names.items():
        if "://" in path:
            pieces.extend(_uri_pieces(path, report))
            continue
        size = os.path.getsize(path)
        if path.lower().endswith(".parquet") or size <= split_bytes:
            pieces.append(Piece(path, name, size))
            continue
        with open(path, "rb") as fh:
            if is_binary(read_head(fh)):
                pieces.append(Piece(path, name, size))
                continue
        pieces.extend(Piece(path, name, end - start, start, end, lines)
                      for start, end, lines in line_ranges(path, split_bytes))
    return pieces


def _uri_pieces(uri: str, report: Callable[[str, str], None]) -> list[Piece]:
    import pyarrow.fs as pafs

    try:
        fs, base = pafs.FileSystem.from_uri(uri)
        info = fs.get_file_info(base)
        if info.type == pafs.FileType.Directory:
            infos = [i for i in fs.get_file_info(pafs.FileSelector(base, recursive=True))
                     if i.type == pafs.FileType.File and i.path.lower().endswith(SUFFIXES)]
        elif info.type == pafs.FileType.File:
            infos = [info]
        else:
            report(uri, "no such file or directory")
            return []
    except (OSError, ValueError) as exc:  # unknown scheme, no credentials, ...
        report(uri, f"cannot list: {exc}")
        return []
    scheme = uri.split("://", 1)[0]
    return [Piece(f"{scheme}://{i.path}", f"{scheme}://{i.path}", i.size or 0)
            for i in sorted(infos, key=lambda i: i.path)]


def _open_piece(piece: Piece):
    if "://" not in piece.path:
        return open(piece.path, "rb")
    import pyarrow.fs as pafs

    fs, path = pafs.FileSystem.from_uri(piece.path)
    return fs.open_input_file(path)  # random access: Parquet needs it


def read_piece(piece: Piece, max_bytes: int) -> Iterator:
    """A read task: the piece's rows as Arrow tables of ROWS_PER_BLOCK rows. A file that
    cannot be opened or read is one rejection row, not the end of the run."""
    import pyarrow as pa

    schema = item_schema()
    rows: list[dict] = []
    try:
        with _open_piece(piece) as f:
            if piece.path.lower().endswith(".parquet"):
                items = map(item_row, parquet_items(f, piece.name))
            else:  # the local JSONL reader's lines: same documents, same rejections
                if piece.start:
                    f.seek(piece.start)
                fh = f if piece.end is None else _Range(f, piece.end - piece.start)
                items = jsonl_rows(fh, piece.name, max_bytes, piece.after_line)
            for row in items:
                rows.append(row)
                if len(rows) >= ROWS_PER_BLOCK:
                    yield pa.Table.from_pylist(rows, schema=schema)
                    rows = []
    except OSError as exc:
        rows.append({"source": piece.name, "reason": f"cannot read: {exc.strerror or exc}"})
    if rows:
        yield pa.Table.from_pylist(rows, schema=schema)


def document_pieces(pieces: list[Piece], max_bytes: int):
    """A Ray datasource with one read task per piece; the class is made on first use so
    that importing this module does not import Ray."""
    from functools import partial

    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class DocumentPieces(Datasource):
        def estimate_inmemory_data_size(self) -> int:
            return sum(p.size for p in pieces)

        def get_read_tasks(self, parallelism: int, per_task_row_limit=None, data_context=None):
            return [ReadTask(partial(read_piece, p, max_bytes),
                             BlockMetadata(num_rows=None, size_bytes=p.size, exec_stats=None,
                                           input_files=(p.name,)),
                             schema=item_schema())
                    for p in pieces]

    return DocumentPieces()


def usable_paths(paths: Iterable[str], report: Callable[[str, str], None]) -> dict[str, str]:
    """{path for Ray: the name error lines and `Document.source` use} of the inputs Ray can
    read, in input order. Local folders are walked here, in the order the local engine
    walks them, and local files keep the name they were given, so both engines store the
    same thing; a missing local path or one of another kind gets its error line here.
    URIs (s3://, gs://, ...) are listed by `plan_pieces`."""
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

_EXTRACTOR: dict = {}  # per worker process: the extractor, set up by its first batch


def _extractor(timeout: float):
    """The extractor of this worker process, imported and set up once: Ray reuses its
    worker processes, so every later task in the process finds it ready."""
    cli = _EXTRACTOR.get(timeout)
    if cli is None:
        from dronewatch.extract import pool as cli  # the worker pool (extract/pool.py)

        cli._configure("jsonl", timeout)
        importlib.import_module("dronewatch.extract")
        _EXTRACTOR.clear()
        _EXTRACTOR[timeout] = cli
    return cli


def extract_batch(batch, *, timeout: float = 60.0, keep_text: bool = False):
    """The map_batches function: ITEM_SCHEMA rows in, RESULT_SCHEMA rows out. It is a plain
    function run in tasks, not an actor, so Ray fuses read, extract and write into one
    task per piece: documents and claims never cross the object store."""
    import pyarrow as pa

    cli = _extractor(timeout)
    rows = []
    for row in batch.to_pylist():
        item = item_from_row(row)
        result = cli.process(item)
        out = item_row(item)
        if not keep_text:
            out["text"] = None
        out["claims"] = [r.decode("utf-8") for r in result.rendered]  # JSONL lines, \n kept
        # warnings travel with the error lines here (so Ray runs still exit 1 on them)
        lines = [(s, f"warning: {r}") for s, r in result.warnings] + result.errors
        out["error_sources"] = [s for s, _ in lines]
        out["error_reasons"] = [r for _, r in lines]
        rows.append(out)
    return pa.Table.from_pylist(rows, schema=result_schema())


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


def split_size(names: dict[str, str], workers: int, split_bytes: int | None) -> int:
    """Bytes per piece: SPLIT_BYTES, but small enough that the local input makes at least
    PIECES_PER_CPU pieces per CPU (the last pieces then leave little idle time)."""
    if split_bytes:
        return split_bytes
    local = sum(os.path.getsize(p) for p in names if "://" not in p)
    return max(MIN_SPLIT_BYTES, min(SPLIT_BYTES, local // (PIECES_PER_CPU * workers) + 1))


def extracted(names: dict[str, str], *, workers: int, max_bytes: int = DEFAULT_MAX_BYTES,
              timeout: float = 60.0, keep_text: bool = False, ordered: bool = False,
              split_bytes: int | None = None, report: Callable[[str, str], None] | None = None):
    """The Ray dataset of RESULT_SCHEMA rows for `names` (lazy: nothing runs yet), or None
    when no piece is left to read. Inputs that cannot be listed go to `report`."""
    ray = import_ray()
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = ordered
    pieces = plan_pieces(names, split_size(names, workers, split_bytes),
                         report or (lambda s, r: None))
    if not pieces:
        return None
    # one read task per piece (override_num_blocks), so Ray neither merges nor re-splits
    # them: re-splitting its output would stop it fusing with the extract step
    ds = ray.data.read_datasource(document_pieces(pieces, max_bytes),
                                  override_num_blocks=len(pieces))
    # batch_size=None: a block at a time. A batch size would make Ray bundle blocks from
    # several read tasks first, and then it no longer fuses read and extract
    return ds.map_batches(extract_batch, batch_size=None, batch_format="pyarrow",
                          fn_kwargs={"timeout": timeout, "keep_text": keep_text})


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
                      split_bytes: int | None = None,
                      report: Callable[[str, str], None] | None = None) -> ShardCounts:
    """`dronewatch extract --engine ray` as a function: claims of `paths` as shards in
    `out_dir`. Error lines go to `report` (the first ERROR_LINES_BACK of each write task;
    all of them are in the rejections shards). `split_bytes` overrides the piece size."""
    if fmt not in ("parquet", "jsonl"):
        raise ValueError(f"--engine ray writes parquet or jsonl shards, not {fmt}")
    report = report or (lambda s, r: None)
    refused: list[str] = []

    def refuse(source: str, reason: str) -> None:
        refused.append(source)
        report(source, reason)

    usable = usable_paths(paths, refuse)
    ds = None
    if usable:
        workers = connect(address, cpus)
        ds = extracted(usable, workers=workers, max_bytes=max_bytes, timeout=timeout,
                       split_bytes=split_bytes, report=refuse)
    if ds is None:
        return ShardCounts(errors=len(refused))
    sink = claim_shards(out_dir, fmt)
    # the write asks for the CPU the read and extract steps ask for, so Ray fuses all three
    # into one task per piece
    ds.write_datasink(sink, ray_remote_args={"num_cpus": 1})
    counts = sink.counts
    for source, reason in counts.lines:
        report(source, reason)
    counts.errors += len(refused)
    return counts


class PrecomputedExtractor:
    """The extractor `store.pipeline.ingest_documents` calls, answering from the results
    the cluster sent back. A document renamed since (its id was taken by another, so its
    claim ids must name the new id) is extracted again here; that is rare."""

    def __init__(self, timeout: float, keep: int):
        from collections import OrderedDict

        from dronewatch.extract import pool as cli  # the worker pool (extract/pool.py)

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
                        split_bytes: int | None = None,
                        report: Callable[[str, str], None] | None = None):
    """The documents and rejections of `paths` in input order, extracted on Ray and streamed
    back a batch at a time; each document's result goes to `extractor` on the way."""
    from dronewatch.extract.pool import Result

    report = report or (lambda s, r: None)
    usable = usable_paths(paths, report)
    if not usable:
        return
    workers = connect(address, cpus)
    ds = extracted(usable, workers=workers, max_bytes=max_bytes, timeout=timeout,
                   keep_text=True, ordered=True, split_bytes=split_bytes, report=report)
    if ds is None:
        return
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=ROWS_PER_BLOCK * 4):
        for row in batch.to_pylist():
            item = item_from_row(row)
            if isinstance(item, Document):
                errors = list(zip(row["error_sources"] or (), row["error_reasons"] or ()))
                extractor.remember(item, Result(rendered=[c.encode("utf-8") for c in row["claims"] or ()],
                                                errors=errors, document=True))
            yield item


def ingest_on_ray(store, paths: list[str], *, address: str | None = None, cpus: int | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 60.0,
                  batch_size: int = 500, report=None, rebuild: bool = True, advance=None,
                  split_bytes: int | None = None):
    """`dronewatch ingest --engine ray`: extraction on Ray, storing exactly as the local
    ingest does (same batches, same duplicate and rename rules, same store content)."""
    from dronewatch.store.pipeline import ingest_documents

    extractor = PrecomputedExtractor(timeout, keep=2 * batch_size)
    items = extracted_documents(paths, extractor, address=address, cpus=cpus,
                                max_bytes=max_bytes, timeout=timeout, split_bytes=split_bytes,
                                report=report)
    return ingest_documents(store, items, timeout=timeout, batch_size=batch_size, report=report,
                            advance=advance, rebuild=rebuild, extractor=extractor)


__all__ = ["extract_to_shards", "extracted_documents", "ingest_on_ray", "connect", "ShardCounts", "RayMissing"]
