#!/usr/bin/env python3
"""The reference beside bench/extract.py: a bare regular-expression pass over the same
JSONL file, the least any extractor must do (read each line, parse it, find every count
of a weapon or of people in its text, write one line per count).

    python bench/regex_pass.py CORPUS.jsonl -o OUT.jsonl

Its articles/s on the same machine, in the same run, is what dronewatch's figure is
divided by: absolute times vary by machine, the ratio much less.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

COUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[,\s]\d{3})*|\d+)\s+(?:\w+\s+){0,2}?"
    r"(drones?|UAVs?|missiles?|Shaheds?|people|civilians|беспилотник\w*|БПЛА|дрон\w*|ракет\w*|"
    r"безпілотник\w*|БпЛА|людей|человек|осіб|людини)",
    re.IGNORECASE)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as src, open(args.out, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            doc = json.loads(line)
            for m in COUNT.finditer(doc.get("text") or ""):
                out.write(json.dumps({"doc_id": doc["id"], "value": m.group(1), "noun": m.group(2),
                                      "start": m.start(), "end": m.end()}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
