"""The learned decision layer (extract/decide.py): its model file, and how it changes claims.

The sentences are written for these tests. Models here are built by hand so each test
knows what the model prefers; the shipped model is trained by tools/train.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dronewatch
from dronewatch.extract import decide

TEXT = ("Air defences shot down 14 drones over Kursk Oblast overnight, the Defence Ministry said. "
        "Four people were injured in the town of Rylsk.")
DW = [str(Path(sys.executable).with_name("dronewatch"))]


@pytest.fixture
def model():
    """Use the given model for the test, then go back to the configured one."""
    def use(m):
        decide.set_model(m)
    yield use
    decide.reset_model()


def facts(text: str = TEXT) -> set[tuple]:
    return {(m, getattr(c, m).value, tuple(c.location.admin1))
            for c in dronewatch.extract(text, published="2025-11-02")
            for m in ("launched", "intercepted", "hit", "killed", "injured") if getattr(c, m) is not None}


def test_the_rules_alone_and_the_shipped_model_agree_on_a_plain_report(model):
    shipped = facts()
    model(None)
    assert facts() == shipped == {("intercepted", 14, ("RU-KRS",)), ("injured", 4, ("RU-KRS",))}


def test_a_keep_model_that_trusts_nothing_drops_every_claim(model):
    model(decide.DecisionModel({}, bias=-30.0, threshold=0.5))
    assert facts() == set()


def test_the_ranker_changes_a_reading_only_past_its_margin(model):
    # prefers the reading with no place; the keep model keeps everything
    prefer_none = {"loc=none": 5.0}
    model(decide.DecisionModel({}, bias=30.0, threshold=0.5, rank=prefer_none, margin=10.0))
    assert ("intercepted", 14, ("RU-KRS",)) in facts()  # 5 < margin 10: the rules' reading stands
    model(decide.DecisionModel({}, bias=30.0, threshold=0.5, rank=prefer_none, margin=1.0))
    assert ("intercepted", 14, ()) in facts()


def test_counts_the_rules_pass_over_need_the_add_threshold(model):
    text = "Overnight tally: 90 drones, the Air Force said."  # no measure verb
    model(None)
    assert facts(text) == set()
    launched = {"m=launched": 5.0}
    # keep probability 1/(1+e^-3) = 0.95: above the add threshold, the count comes in
    model(decide.DecisionModel({"origin=no_verb": 3.0}, 0.0, 0.5, rank=launched, add_threshold=0.9))
    assert {f[:2] for f in facts(text)} == {("launched", 90)}
    # 1/(1+e^-1) = 0.73: below it, the rules' silence stands
    model(decide.DecisionModel({"origin=no_verb": 1.0}, 0.0, 0.5, rank=launched, add_threshold=0.9))
    assert facts(text) == set()


def test_model_file_round_trip(tmp_path: Path):
    m = decide.DecisionModel({"a": 1.5, "b": -2.0}, bias=0.25, threshold=0.3, rank={"c": 0.5},
                             add_threshold=0.8, margin=1.2)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(m.to_dict(made_by="test")), encoding="utf-8")
    back = decide.load_model_file(path)
    assert (back.weights, back.bias, back.threshold, back.rank, back.add_threshold, back.margin) == \
        (m.weights, m.bias, m.threshold, m.rank, m.add_threshold, m.margin)
    assert back.probability(["a"]) > back.probability([]) > back.probability(["b"])


@pytest.mark.parametrize("content, reason", [
    (None, "not found"),
    ("{not json", "is corrupt"),
    ('{"version": 99, "weights": {}, "bias": 0, "threshold": 0.5}', "is corrupt"),
    ('{"version": 1, "weights": [], "bias": 0, "threshold": 0.5}', "is corrupt"),
])
def test_a_missing_or_corrupt_model_is_one_line_naming_it(tmp_path: Path, content, reason):
    path = tmp_path / "decisions.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": TEXT, "published": "2025-11-02"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, **{decide.MODEL_ENV: str(path)})
    r = subprocess.run(DW + ["extract", str(docs), "-o", str(out)], capture_output=True, text=True, env=env)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], r.stderr
    assert "Traceback" not in r.stderr and not out.exists()
    # the Python API raises one exception with the same message
    decide._configured_model.cache_clear()
    with pytest.raises(decide.DecisionModelError, match=reason):
        decide._configured_model(str(path))


def test_commands_that_do_not_extract_ignore_a_broken_model(tmp_path: Path):
    env = dict(os.environ, **{decide.MODEL_ENV: str(tmp_path / "missing.json")})
    r = subprocess.run(DW + ["--version"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "dronewatch" in r.stdout


def test_with_no_margin_a_kept_count_keeps_the_rules_reading(model):
    # the shipped setting (margin null): however much the ranker prefers another reading
    model(decide.DecisionModel({}, bias=30.0, threshold=0.5, rank={"loc=none": 50.0}, margin=None))
    assert ("intercepted", 14, ("RU-KRS",)) in facts()
    assert decide.DecisionModel.from_dict(decide.DecisionModel({}, 0.0, 0.5, margin=None).to_dict()).margin is None


def test_a_place_of_no_position_has_no_word_before_it():
    # an official's region is a place with no offsets (-1): no word of the text stands before it
    from dronewatch.extract.assemble import _Assembler
    from dronewatch.extract.vocab import load_vocabulary
    from dronewatch.model import Document
    asm = _Assembler(Document(id="t", text=TEXT, published="2025-11-02"), load_vocabulary("en"), None)
    asm.run()
    view = decide._DocumentView(asm, asm.facts)
    assert view.word_before(-1) == []
    assert view.word_before(TEXT.index("Kursk")) == ["over"]
    assert view.tokens(0, len("Air defences")) == ["air", "defences"]
