"""The input stage, driven through `dronewatch extract` as a user types it.

The extractor is not the subject here: a tiny fake (one claim per document that echoes
the document's fields) stands in, so the tests can see which documents got through
and what they contained. Every input is written in tmp_path.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.ingest import read_inputs
from dronewatch.model import Claim, Count, Document, Evidence, Rejection, TimeSpan

ARTICLE = ("Regional officials said on Monday that air defence units intercepted seven "
           "drones over the invented district of Westmarch during the night.")


def echo_extractor(doc: Document, problems: list[str] | None = None) -> list[Claim]:
    """One claim per document: doc_id, published -> when.start, title -> weapon_model,
    text -> location.text (the tests read the document back out of the claim)."""
    claim = Claim(doc_id=doc.id, weapon="drone", weapon_model=doc.title,
                  intercepted=Count(len(doc.text)), when=TimeSpan(start=doc.published),
                  evidence=[Evidence(0, len(doc.text))])
    claim.location.text = doc.text
    claim.location.place = doc.url
    claim.location.facility = doc.outlet
    claim.assign_id()
    return [claim]


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    # importlib: the package re-exports a function named `extract` over the module name
    monkeypatch.setattr(importlib.import_module("dronewatch.extract"), "extract_document",
                        echo_extractor)


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(app, ["extract", *args], input=input)
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    errors = result.stderr.splitlines()
    return result.exit_code, claims, errors


def jsonl(path: Path, *objs) -> Path:
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs),
                    encoding="utf-8")
    return path


def doc(i, **extra) -> dict:
    return {"id": f"d{i}", "text": f"{ARTICLE} Item {i}.", "published": "2025-10-25", **extra}


# ---------------------------------------------------------------------------- JSONL

def test_broken_json_line_is_named_and_the_other_lines_are_still_read(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", doc(1), '{"id": "d2", "text": "unterminated', doc(3))
    code, claims, errors = run(str(f))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d3"]
    assert len(errors) == 1
    assert errors[0].startswith(f"dronewatch: {f}:2: invalid JSON")


def test_bad_lines_each_get_one_line_naming_file_and_line(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", doc(1), "[1, 2]", {"id": "x"}, {"id": "y", "text": 42},
              {"id": "z", "text": "   \n "}, "", doc(7), {"text": ARTICLE, "published": "yesterday"})
    code, claims, errors = run(str(f))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d7"]
    assert errors == [
        f"dronewatch: {f}:2: not a JSON object (got array)",
        f"dronewatch: {f}:3: missing 'text'",
        f"dronewatch: {f}:4: 'text' is not a string (got number)",
        f"dronewatch: {f}:5: empty text",
        f"dronewatch: {f}:8: invalid 'published' date 'yesterday' (expected YYYY-MM-DD)",
    ]


def test_published_is_normalised_to_an_iso_date(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", doc(1, published="2025-10-25T23:40:00+03:00"),
              doc(2, published="2025-10-26"), doc(3, published=None),
              doc(4, published="Sun, 26 Oct 2025 08:00:00 GMT"))
    code, claims, errors = run(str(f))
    assert (code, errors) == (0, [])
    assert [c["when"]["start"] for c in claims] == ["2025-10-25", "2025-10-26", None, "2025-10-26"]


def test_missing_id_gets_a_stable_content_hash(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", {"text": ARTICLE}, {"text": ARTICLE + " More."})
    g = jsonl(tmp_path / "d.jsonl", {"text": ARTICLE, "url": "https://example.org/elsewhere"})
    _, first, _ = run(str(f))
    _, again, _ = run(str(f), str(g))
    ids = [c["doc_id"] for c in first]
    assert ids[0] != ids[1] and all(i for i in ids)
    assert [c["doc_id"] for c in again] == ids + [ids[0]]  # same text, same id, any file


def test_text_is_passed_through_unchanged(tmp_path):
    text = "  Line one.\r\nLine two — with “quotes” and émigré.\n"
    f = jsonl(tmp_path / "c.jsonl", {"id": "t", "text": text})
    _, claims, _ = run(str(f))
    assert claims[0]["location"]["text"] == text  # evidence offsets index this text


def test_crlf_and_bom_jsonl(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc(1)).encode() + b"\r\n" + json.dumps(doc(2)).encode() + b"\r\n")
    code, claims, errors = run(str(f))
    assert (code, errors) == (0, [])
    assert [c["doc_id"] for c in claims] == ["d1", "d2"]


def test_json_file_with_an_object_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(doc(1)), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([doc(2), {"id": "bad"}, doc(3)]), encoding="utf-8")
    code, claims, errors = run(str(one), str(many))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d2", "d3"]
    assert errors == [f"dronewatch: {many}[1]: missing 'text'"]


def test_non_utf8_jsonl_line(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_bytes(json.dumps(doc(1)).encode() + b"\n"
                  + '{"id": "l", "text": "caf\u00e9 attack"}'.encode("latin-1") + b"\n"
                  + json.dumps(doc(3)).encode() + b"\n")
    code, claims, errors = run(str(f))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d3"]
    assert errors == [f"dronewatch: {f}:2: not UTF-8 text"]


# ---------------------------------------------------------------------------- files

def test_txt_file_is_one_document_named_by_its_stem(tmp_path):
    f = tmp_path / "kyiv-report.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    code, claims, errors = run(str(f))
    assert (code, errors) == (0, [])
    assert [(c["doc_id"], c["when"]["start"], c["location"]["text"]) for c in claims] == [
        ("kyiv-report", None, ARTICLE)]  # BOM dropped


def test_binary_files_are_rejected(tmp_path):
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(json.dumps(doc(1)).encode() + b"\n\x00\x00\x00\x01binary")
    ok = jsonl(tmp_path / "ok.jsonl", doc(2))
    code, claims, errors = run(str(png), str(dump), str(ok))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d2"]
    assert errors == [f"dronewatch: {png}: binary file", f"dronewatch: {dump}: binary file"]


def test_non_utf8_text_file_is_rejected(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Des drones ont frappé la région, a déclaré le ministère.".encode("cp1252"))
    code, claims, errors = run(str(f))
    assert (code, claims) == (1, [])
    assert errors == [f"dronewatch: {f}: not UTF-8 text"]


def test_empty_text_file_is_rejected(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text(" \n\t\n", encoding="utf-8")
    code, claims, errors = run(str(f))
    assert (code, claims, errors) == (1, [], [f"dronewatch: {f}: empty text"])


def test_missing_and_unsupported_paths(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    code, claims, errors = run(str(tmp_path / "nope.jsonl"), str(pdf))
    assert (code, claims) == (1, [])
    assert errors[0] == f"dronewatch: {tmp_path / 'nope.jsonl'}: no such file or directory"
    assert errors[1].startswith(f"dronewatch: {pdf}: unsupported input")


HTML_ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Example Wire | Night attack on Westmarch</title>
<meta property="og:title" content="Night attack on Westmarch">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://example.org/news/westmarch">
<meta property="article:published_time" content="2024-03-17T08:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Night attack on Westmarch</h1>
<p>{p1}</p>
<p>Debris from one of the aircraft damaged the roof of a grain warehouse near the
invented river port of Lowford, the district governor wrote, adding that nobody was hurt.</p>
<p>Repair crews spent the morning restoring power lines in two villages, and residents
were asked to stay away from the port area until the inspection was over.</p>
</article>
<footer>Subscribe to our newsletter. All rights reserved.</footer>
</body></html>
"""


def test_html_article_text_title_and_date_are_extracted(tmp_path):
    f = tmp_path / "westmarch.html"
    f.write_text(HTML_ARTICLE.replace("{p1}", ARTICLE), encoding="utf-8")
    code, claims, errors = run(str(f))
    assert (code, errors) == (0, [])
    [c] = claims
    assert c["doc_id"] == "westmarch"
    assert c["when"]["start"] == "2024-03-17"
    assert c["weapon_model"] == "Night attack on Westmarch"  # the fake echoes the title here
    assert c["location"]["place"] == "https://example.org/news/westmarch"
    assert c["location"]["facility"] == "Example Wire"
    text = c["location"]["text"]
    assert ARTICLE in text and "grain warehouse" in text
    assert "newsletter" not in text and "Sport" not in text  # boilerplate dropped


def test_html_page_without_an_article_is_rejected(tmp_path):
    f = tmp_path / "index.htm"
    f.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                 "<a href='/a'>About</a></nav><div class='ad'></div></body></html>", encoding="utf-8")
    code, claims, errors = run(str(f))
    assert (code, claims, errors) == (1, [], [f"dronewatch: {f}: no article text found"])


def test_folder_mixing_kinds_is_walked_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    jsonl(root / "c.jsonl", doc(1), doc(2))
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b_sub" / "page.html").write_text(HTML_ARTICLE.replace("{p1}", ARTICLE), encoding="utf-8")
    (root / "b_sub" / "deeper" / "z.txt").write_text(ARTICLE + " Deeper.", encoding="utf-8")
    (root / "b_sub" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (root / "notes.md").write_text("# skipped", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    (root / ".hidden" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    code, claims, errors = run(str(root))
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["a", "z", "page", "d1", "d2"]  # by path
    assert errors == [f"dronewatch: {root / 'b_sub' / 'bad.txt'}: binary file"]


def test_stdin_jsonl_and_plain_text(tmp_path):
    code, claims, errors = run("-", input=json.dumps(doc(1)) + "\n{broken\n" + json.dumps(doc(3)) + "\n")
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d3"]
    assert errors == ["dronewatch: stdin:2: invalid JSON: unexpected character, expected a string key: column 2 (char 1)"]

    code, claims, errors = run("-", input="\n  " + ARTICLE)
    assert (code, errors) == (0, [])
    assert [(c["doc_id"], c["location"]["text"]) for c in claims] == [("stdin", "\n  " + ARTICLE)]


def test_stdin_mixed_with_files_keeps_argument_order(tmp_path):
    a = jsonl(tmp_path / "a.jsonl", doc(1))
    b = jsonl(tmp_path / "b.jsonl", doc(3))
    _, claims, _ = run(str(a), "-", str(b), input=json.dumps(doc(2)) + "\n")
    assert [c["doc_id"] for c in claims] == ["d1", "d2", "d3"]


# ---------------------------------------------------------------------------- size limits

def test_json_dump_larger_than_the_limit_is_fine_when_each_line_fits(tmp_path):
    f = jsonl(tmp_path / "dump.jsonl", *[doc(i) for i in range(200)])
    assert f.stat().st_size > 20_000
    code, claims, errors = run(str(f), "--max-bytes", "1000")
    assert (code, errors) == (0, [])
    assert len(claims) == 200


def test_max_bytes_applies_per_line_and_per_file(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", doc(1), {"id": "long", "text": "x" * 3000}, doc(3))
    t = tmp_path / "long.txt"
    t.write_text("y" * 3000, encoding="utf-8")
    code, claims, errors = run(str(f), str(t), "--max-bytes", "2000")
    assert code == 1
    assert [c["doc_id"] for c in claims] == ["d1", "d3"]
    assert errors == [f"dronewatch: {f}:2: line too large (0.0 MB > 0.0 MB limit)",
                      f"dronewatch: {t}: file too large (0.0 MB > 0.0 MB limit)"]


MEASURE = textwrap.dedent("""
    import importlib, sys, time
    from dronewatch.model import Claim
    importlib.import_module("dronewatch.extract").extract_document = (
        lambda doc, problems=None: [Claim(doc_id=doc.id)])
    from dronewatch.cli import app
    t0 = time.perf_counter()
    try:
        app(sys.argv[1:], prog_name="dronewatch")
    except SystemExit as exc:
        code = exc.code
    seconds = time.perf_counter() - t0
    # VmHWM: this process's own peak RSS (ru_maxrss can carry the parent's over fork/exec)
    with open("/proc/self/status") as fh:
        hwm = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    sys.stderr.write(f"MEASURE {code} {seconds:.3f} {hwm}\\n")
""")


def measure(tmp_path: Path, *args: str) -> tuple[int, float, int, list[str], list[str]]:
    """(exit code, seconds, peak RSS in KB, stdout lines, stderr lines) of a real process."""
    script = tmp_path / "measure.py"
    script.write_text(MEASURE, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), "extract", *args],
                          capture_output=True, text=True, timeout=120)
    *errors, last = proc.stderr.splitlines()
    _, code, seconds, rss = last.split()
    return int(code), float(seconds), int(rss), proc.stdout.splitlines(), errors


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak RSS read from /proc")
def test_50mb_inputs_are_rejected_fast_without_being_loaded(tmp_path):
    small = jsonl(tmp_path / "small.jsonl", doc(1))
    _, _, base_rss, _, _ = measure(tmp_path, str(small))

    big_txt = tmp_path / "big.txt"
    with big_txt.open("wb") as fh:
        for _ in range(524):
            fh.write(b"word " * 20_000)  # 52.4 MB in all
    big_html = tmp_path / "big.html"
    with big_html.open("wb") as fh:
        fh.truncate(100_000_000)  # sparse, 100 MB
    big_line = tmp_path / "bigline.jsonl"
    with big_line.open("wb") as fh:
        fh.write(json.dumps(doc(1)).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "')
        for _ in range(524):
            fh.write(b"x" * 100_000)
        fh.write(b'"}\n')
        fh.write(json.dumps(doc(3)).encode() + b"\n")

    code, seconds, rss, out, errors = measure(tmp_path, str(big_txt), str(big_html), str(big_line))
    assert code == 1
    assert errors == [f"dronewatch: {big_txt}: file too large (52.4 MB > 5.0 MB limit)",
                      f"dronewatch: {big_html}: file too large (100.0 MB > 5.0 MB limit)",
                      f"dronewatch: {big_line}:2: line too large (52.4 MB > 5.0 MB limit)"]
    assert [json.loads(line)["doc_id"] for line in out] == ["d1", "d3"]
    assert seconds < 5
    # a 52 MB line held whole (or decoded) would add 50-150 MB; the line reader keeps ~5 MB
    assert rss - base_rss < 25_000, (base_rss, rss)


def test_read_inputs_is_lazy():
    """The Python API yields the first document before later inputs are even looked at."""
    def paths():
        yield "-"
        raise AssertionError("read ahead")

    import io
    items = read_inputs(paths(), stdin=io.BytesIO(b'{"id": "a", "text": "t"}\n'))
    first = next(items)
    assert isinstance(first, Document) and first.id == "a" and first.source == "stdin:1"


def test_read_inputs_returns_rejections_not_exceptions(tmp_path):
    d = tmp_path / "unreadable.txt"
    d.write_text(ARTICLE, encoding="utf-8")
    d.chmod(0)
    try:
        items = list(read_inputs([str(d)]))
    finally:
        d.chmod(0o644)
    if os.geteuid() == 0:  # root reads anything
        assert isinstance(items[0], Document)
    else:
        assert items == [Rejection(str(d), "Permission denied")]
