"""The accuracy gate: extraction may not score below the pins of eval_baseline.json.

For every corpus named in tests/eval_baseline.json, the shared articles are run through
`dronewatch.extract.extract_document` in-process, the claims are written to a temporary
JSONL file as `dronewatch extract` would write them, and the shared scorer
(`<shared>/eval/score.py`, loaded with importlib, never copied) scores them against the
gold. The test fails when quantity F1, date accuracy or claimant-side accuracy falls below
its pinned minimum. Pins only ever go up: raise them as the rules improve (see the
`_about` note in eval_baseline.json); `scripts/score NAME --verbose` shows what is missed.

The shared folder is `$DRONEWATCH_SHARED` when set, else `../shared` beside the repository
(read-only material: corpora, gold claims, scorer). Without it the gate is skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

from dronewatch.extract import extract_document
from dronewatch.model import Document

REPO = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).with_name("eval_baseline.json")
GATED = ("f1", "date_accuracy", "claimant_side_accuracy")


def shared_dir() -> Path:
    env = os.environ.get("DRONEWATCH_SHARED")
    return Path(env).expanduser().resolve() if env else REPO.parent / "shared"


def baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["corpora"]


@lru_cache(maxsize=1)
def scorer() -> ModuleType:
    path = shared_dir() / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("dronewatch_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_documents(path: Path) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                d = json.loads(line)
                docs.append(Document(id=d["id"], text=d["text"], published=d.get("published"),
                                     url=d.get("url"), title=d.get("title"),
                                     outlet=d.get("outlet"), source=f"{path.name}:{n}"))
    return docs


@lru_cache(maxsize=None)
def predict(corpus: Path) -> tuple[tuple[str, ...], tuple[dict, ...], tuple[str, ...]]:
    """Document ids, predicted claims (as dicts) and the extractor's problems for a corpus."""
    ids, claims, problems = [], [], []
    for doc in read_documents(corpus):
        ids.append(doc.id)
        claims.extend(c.to_dict() for c in extract_document(doc, problems))
    return tuple(ids), tuple(claims), tuple(problems)


def test_baseline_is_well_formed():
    for name, entry in baseline().items():
        assert {"corpus", "gold", "min"} <= entry.keys(), name
        for metric in GATED:
            pin = entry["min"][metric]
            assert isinstance(pin, (int, float)) and 0.0 <= pin <= 1.0, (name, metric, pin)


@pytest.mark.parametrize("name", sorted(baseline()))
def test_accuracy_gate(name: str, tmp_path: Path):
    shared = shared_dir()
    if not (shared / "eval" / "score.py").is_file():
        pytest.skip(f"accuracy gate: no shared evaluation material at {shared} "
                    "(set DRONEWATCH_SHARED or place the shared folder at ../shared)")
    entry = baseline()[name]
    corpus, gold_path = shared / entry["corpus"], shared / entry["gold"]
    if not corpus.is_file() or not gold_path.is_file():
        pytest.skip(f"accuracy gate {name}: {entry['corpus']} or {entry['gold']} missing "
                    f"in {shared}")

    score = scorer()
    ids, claims, _ = predict(corpus)
    prefix = entry.get("id_prefix") or ""
    pred_file = tmp_path / f"{name}.pred.jsonl"
    with pred_file.open("w", encoding="utf-8") as fh:
        for claim in claims:
            fh.write(json.dumps(claim, ensure_ascii=False) + "\n")

    docs = [i for i in ids if i.startswith(prefix)]
    gold = [g for g in score.load(str(gold_path)) if g["doc_id"].startswith(prefix)]
    result = score.score(gold, score.load(str(pred_file)), corpus=docs)

    measured = ", ".join(f"{k} {result[k]:.4f} (pin {entry['min'][k]})" for k in GATED)
    print(f"\naccuracy gate {name}: {measured}; P {result['precision']} R {result['recall']}, "
          f"{result['matched']}/{result['gold_facts']} gold facts")
    below = [k for k in GATED if result[k] < entry["min"][k]]
    assert not below, (f"{name}: {', '.join(below)} fell below the pinned minimum: {measured}. "
                       f"Run `scripts/score {name.split('-')[0]} --verbose` to see what changed.")


def _shared_or_skip(*parts: str) -> Path:
    shared = shared_dir()
    for part in parts:
        if not (shared / part).is_file():
            pytest.skip(f"no {part} in the shared folder {shared} (set DRONEWATCH_SHARED)")
    return shared


def test_cross_validated_gate():
    """The decision model, trained on four fifths of the annotated documents (folds by outlet)
    and scored on the fifth, stays at or above the pins: the number that predicts unseen text."""
    shared = _shared_or_skip("eval/score.py", "eval/dev2.gold.jsonl")
    pytest.importorskip("sklearn", reason="tools/train.py needs scikit-learn (the test extra)")
    spec = importlib.util.spec_from_file_location("dronewatch_train", REPO / "tools" / "train.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    score = train.load_scorer(shared)
    docs, gold = train.load_corpora(shared)
    cv_pred, in_pred = train.cross_validate(docs, gold, score)
    cv, ins = train.report(docs, gold, cv_pred, score), train.report(docs, gold, in_pred, score)
    pins = json.loads(BASELINE.read_text(encoding="utf-8"))["cross_validated"]
    lines = [f"{n}: cv F1 {cv[n]['f1']:.3f}, in-sample {ins[n]['f1']:.3f}" for n in cv]
    print("\n" + "\n".join(lines))
    below = [(n, k, cv[n][k], pin) for n, mins in pins.items() for k, pin in mins.items() if cv[n][k] < pin]
    assert not below, f"cross-validated scores fell below their pins: {below}"
    # in-sample far above cross-validated is the overfitting the model exists to avoid
    assert all(ins[n]["f1"] - cv[n]["f1"] <= 0.05 for n in pins), lines


def test_airforce_totals_agree_with_the_reference_table(tmp_path: Path):
    """National Air Force totals extracted from news reports equal the hand-coded piterfm
    table (shared/external; ../shared/eval/crosscheck.py) at the pinned rate."""
    import subprocess
    import sys

    shared = _shared_or_skip("eval/crosscheck.py", "corpus/airforce.jsonl")
    articles = shared / "corpus" / "airforce.jsonl"
    _, claims, _ = predict(articles)
    pred = tmp_path / "airforce.pred.jsonl"
    pred.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "eval" / "crosscheck.py"), str(articles), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    got = json.loads(out)["all"]
    pins = json.loads(BASELINE.read_text(encoding="utf-8"))["airforce"]
    print(f"\nair force cross-check: {got}")
    assert got["recall"] >= pins["recall"] and got["precision"] >= pins["precision"], (got, pins)
