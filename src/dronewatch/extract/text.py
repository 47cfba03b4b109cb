"""Sentences and clauses, as character spans into the document text.

Offsets always point into the original text, so evidence can be highlighted
exactly where it was read.
"""

from __future__ import annotations

import re

# Words after which a full stop does not end a sentence ("Lt. Gen. Oleshchuk", "7 a.m. on").
_ABBREVIATIONS = {
    "a.m", "p.m", "am", "pm", "lt", "gen", "col", "maj", "sgt", "capt", "st", "mr", "mrs", "ms", "dr",
    "no", "vs", "etc", "approx", "u.s", "u.k", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "est", "inc", "ltd", "co", "corp", "e.g", "i.e", "km", "lt.-gen", "adm",
    "ул", "г", "им", "обл", "р", "т.е", "т.д", "т.к", "др", "ст", "м", "тыс", "тис", "млн", "млрд", "грн", "руб",
    "вул", "буд", "кв",
}

_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)]*(?=\s+["'“‘«(\[]?[A-ZА-ЯЁІЇЄҐ0-9])|\n+""")
_NOT_WORD = re.compile(r"[^\w.\-]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`: paragraphs always split; full stops split
    unless they close an abbreviation or an initial."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group(0)[0] != "\n":
            word = _NOT_WORD.split(text[max(start, m.start() - 12):m.start()])[-1].lower().strip(".")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
