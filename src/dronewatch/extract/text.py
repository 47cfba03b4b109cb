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

_STOP = re.compile(r"[.!?…\n]")
_STOP_RUN = re.compile(r"[.!?…]+[\"'”’»)]*")
# the next sentence may open with a bullet ("Ми-8. ▫️ Перехвачены ...": a new item)
_NEXT_STARTS = re.compile(r"\s+(?:[▫▪•◦·]\ufe0f?\s*)?[\"'“‘«(\[]?[A-ZА-ЯЁІЇЄҐ0-9]")
_NEWLINES = re.compile(r"\n+")
_NOT_WORD = re.compile(r"[^\w.\-]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`: paragraphs always split; full stops split
    unless they close an abbreviation or an initial, or the next word is not capitalised."""
    spans: list[tuple[int, int]] = []
    start = 0
    pos = 0
    search = _STOP.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        at = m.start()
        if text[at] == "\n":
            end = _NEWLINES.match(text, at).end()
        else:
            end = _STOP_RUN.match(text, at).end()
            if not _NEXT_STARTS.match(text, end):
                pos = end
                continue
            word = _NOT_WORD.split(text[max(start, at - 12):at])[-1].lower().strip(".")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                pos = end
                continue
        _add(text, start, end, spans)
        start = pos = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
