"""Property-based tests of the extractor (issue 14): arbitrary Unicode, figures, dates and
JSONL lines never make it raise, its evidence spans lie inside the text, and its claims
round-trip through `Claim.from_dict`. `bench/properties.py` runs the same properties on a
million inputs (docs/extract.md gives the result)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dronewatch.model import Document
from extract_properties import check_document, check_jsonl, documents, jsonl_lines

RUNS = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@RUNS
@given(documents)
def test_any_document_extracts_without_error_with_spans_inside_its_text(doc):
    check_document(doc)


@RUNS
@given(st.lists(jsonl_lines, min_size=1, max_size=5))
def test_any_jsonl_lines_are_read_and_extracted_without_error(lines):
    check_jsonl(lines)


def test_a_publication_date_at_the_end_of_the_calendar_through_the_python_api():
    # a date outside 1900-2100 is no reference for relative dates (and cannot overflow)
    check_document(Document(id="d", published="9999-12-31",
                            text="Air defences shot down 12 drones over Kursk Oblast on 10 April."))
