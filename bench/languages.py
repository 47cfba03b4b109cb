"""Throughput of the extractor per language, in one process.

    .venv/bin/python bench/languages.py [--articles 4000] [--seed 1]

Generates the benchmark corpus (bench/corpus.py: English wire reports, Russian ministry
posts, Ukrainian air force summaries), splits it by the language the extractor detects,
and times extraction of each part (best of three passes, CPU time): articles/s and MB/s,
and each language's ratio to English. Russian and Ukrainian posts are much shorter than
English articles, so per-article and per-megabyte figures tell different stories; both are
printed.

    .venv/bin/python bench/languages.py --parallel [--articles 4000]

times the same reports written in two languages (bench/parallel.py: a ministry's night
breakdown in English and Russian, an air force summary in English and Ukrainian), so the
MB/s ratio compares the languages on equal content: the fair reading of "throughput on
Russian text within 1.5x of English".
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import parallel  # noqa: E402

from dronewatch.extract import extract_document  # noqa: E402
from dronewatch.extract.language import detect_language  # noqa: E402
from dronewatch.model import Document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parallel", action="store_true",
                    help="the same reports in English and Russian/Ukrainian (bench/parallel.py)")
    args = ap.parse_args()
    if args.parallel:
        return _parallel(args.articles, args.seed)
    by_lang: dict[str, list[Document]] = {}
    for a in corpus.articles(args.articles, seed=args.seed):
        d = Document(id=a["id"], text=a["text"], published=a.get("published"))
        by_lang.setdefault(detect_language(d.text), []).append(d)
    rows = []
    for lang, docs in sorted(by_lang.items()):
        extract_document(docs[0])  # load the vocabulary outside the timing
        best = min(_timed(docs) for _ in range(3))
        mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        rows.append((lang, len(docs), len(docs) / best, mb / best))
    en = next((r for r in rows if r[0] == "en"), None)
    print(f"{'language':8} {'articles':>8} {'articles/s':>10} {'MB/s':>6} {'vs en (art/s)':>14} {'vs en (MB/s)':>13}")
    for lang, n, aps, mbs in rows:
        ra = f"{aps / en[2]:.2f}x" if en else "-"
        rm = f"{mbs / en[3]:.2f}x" if en else "-"
        print(f"{lang:8} {n:>8} {aps:>10.0f} {mbs:>6.2f} {ra:>14} {rm:>13}")


def _parallel(n: int, seed: int) -> None:
    """Each kind of report timed in both of its languages; the ratio is per MB."""
    sets: dict[tuple[str, str], list[Document]] = {}
    for i, (kind, texts, pub) in enumerate(parallel.reports(n, seed)):
        for lang, text in texts.items():
            sets.setdefault((kind, lang), []).append(Document(id=f"p{i}", text=text,
                                                              published=pub))
    rate: dict[tuple[str, str], tuple[float, float]] = {}
    for key, docs in sets.items():
        extract_document(docs[0])
        best = min(_timed(docs) for _ in range(3))
        mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        chars = sum(len(d.text) for d in docs) / 1e6
        rate[key] = (len(docs) / best, mb / best, chars / best)
    print(f"{'report':18} {'language':8} {'articles/s':>10} {'MB/s':>6} {'Mchar/s':>8} "
          f"{'en time / MB ÷ this':>20}")
    for (kind, lang), (aps, mbs, cps) in sorted(rate.items()):
        en = rate[(kind, "en")]
        print(f"{kind:18} {lang:8} {aps:>10.0f} {mbs:>6.2f} {cps:>8.3f} {mbs / en[1]:>19.2f}x")


def _timed(docs: list[Document]) -> float:
    t = time.process_time()
    for d in docs:
        extract_document(d)
    return time.process_time() - t


if __name__ == "__main__":
    main()
