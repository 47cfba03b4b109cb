"""Time ranges: "overnight", "the night of October 24", "on Sunday", "in September",
"the previous day", resolved against the publication date.

Each resolved range keeps the words it was read from (`text`) and why it was
resolved that way (`how`), because wrong dates are the first thing users of news
extractors complain about.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from dronewatch.extract.vocab import Folded, Vocabulary, literal_alternation
from dronewatch.model import TimeSpan


_ISO_HINT = re.compile(r"\d[-.]\d")
_YEAR = re.compile(r"(?:19|20)\d\d")  # what every year group of the date patterns matches
_DATELINE = re.compile(r"\s*[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’. -]{2,},\s+")  # "KYIV, " before the filing date


@lru_cache(maxsize=None)
def _date_patterns(vocab: Vocabulary) -> tuple[Folded, Folded, Folded, Folded]:
    months = "|".join(sorted(vocab.months, key=len, reverse=True))
    days = "|".join(vocab.weekdays)
    dg = vocab.raw["date_grammar"]
    night, ordinal, of = dg["night_prefix"], dg["ordinal_suffix"], dg["day_month_joiner"]
    to = dg.get("range_joiner", r"\s*[-–/]\s*")  # "10-16", and "10 to 16" where the language says so
    md = rf"(?P<night>{night})?(?:(?:(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:{ordinal})?(?:(?:{to})(?P<day2>\d{{1,2}}))?)|(?:(?P<dayb>\d{{1,2}})(?:{ordinal})?(?:(?:{to})(?P<dayb2>\d{{1,2}}))?\s+(?:{of})?(?P<monthb>{months})\.?))(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    month_only = rf"(?:{dg['month_prefix']})\s+(?P<m>{months})(?:\s+(?P<y>(?:19|20)\d\d))?(?!\s*\d)"
    weekday = rf"(?P<wnight>{night})?(?:{dg['weekday_prefix']})?(?P<wd>{days})"
    iso = r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)|(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yy>(?:19|20)\d\d)"
    return (Folded(rf"(?<!\w){md}(?!\w)"), Folded(rf"(?<!\w){month_only}(?!\w)"),
            Folded(rf"(?<!\w){weekday}(?!\w)"), Folded(rf"(?<![\w.]){iso}(?![\w.])"))


@lru_cache(maxsize=None)
def _name_needles(vocab: Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Substring tests for "does this folded text name a month / a weekday at all": one
    search each, instead of a test per name (find_time asks it of every sentence read)."""
    def needle(names) -> re.Pattern[str]:
        words = sorted(names, key=len, reverse=True)
        return re.compile(literal_alternation(words) if words else "(?!)")
    return needle(vocab.months), needle(vocab.weekdays)


@lru_cache(maxsize=256)  # asked for every sentence of a document, with its one date
def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    # outside the window the readers accept, date arithmetic could overflow (9999-12-31 + 1 day)
    return day if 1900 <= day.year <= 2100 else None


def _year_for(month: int, day: int, pub: date) -> int:
    """A date without a year is the latest such date not after publication (+1 day slack)."""
    year = pub.year
    try:
        if date(year, month, day) > pub + timedelta(days=1):
            year -= 1
    except ValueError:
        pass
    return year


def _span(start: date, end: date, precision: str, text: str, how: str) -> TimeSpan:
    return TimeSpan(start.isoformat(), end.isoformat(), precision, text, how)


def year_hint(text: str, vocab: Vocabulary) -> int | None:
    """For a document without a publication date: the latest year its own full dates
    name ("3 квітня 2024 року", "October 17, 2022"), to place dates written without one."""
    md, _, weekday, iso = _date_patterns(vocab)
    if not _YEAR.search(text):  # no year written anywhere (most such documents): only a weekday can say
        return _year_of_weekday(text, vocab, md, weekday)
    years = [int(m.group("year")) for m in md.finditer(text) if m.group("year")]
    years += [int(m.group("iy") or m.group("yy")) for m in iso.finditer(text)]
    return max(years) if years else _year_of_weekday(text, vocab, md, weekday)


def _year_of_weekday(text: str, vocab: Vocabulary, md: Folded, weekday: Folded) -> int | None:
    """No year anywhere: a date with its weekday ("в четверг, 27 апреля") fixes the year,
    the latest one up to this year in which that day fell on that weekday."""
    month_needle, weekday_needle = _name_needles(vocab)
    low = Folded.fold_of(text)  # the document's fold, made once for all its patterns
    if weekday_needle.search(low) is None or month_needle.search(low) is None:
        return None  # no weekday or no month at all (most articles): no date needs reading
    for m in md.finditer(text):
        near = weekday.search(text, max(0, m.start() - 40), min(len(text), m.end() + 120))
        if near is None:
            continue
        month = vocab.months[(m.group("month") or m.group("monthb")).lower().rstrip(".")]
        day = int(m.group("day") or m.group("dayb"))
        want = vocab.weekdays[near.group("wd").lower()]
        for year in range(date.today().year, 2013, -1):
            try:
                if date(year, month, day).weekday() == want:
                    return year
            except ValueError:  # 29 February of a common year, 31 April
                continue
    return None


def find_time(sentence: str, published: str | None, vocab: Vocabulary, year: int | None = None) -> TimeSpan | None:
    """The time range a sentence states explicitly, or None. `year`: the year of dates
    written without one when there is no publication date (see year_hint)."""
    pub = _parse_published(published)
    hint = year
    md, month_only, weekday, iso = _date_patterns(vocab)
    # cheap substring tests first: most sentences name no month and no weekday (the fold is
    # kept for the Folded patterns below, which then need not fold the sentence again)
    low = Folded.fold_of(sentence)
    month_needle, weekday_needle = _name_needles(vocab)
    has_month = month_needle.search(low) is not None
    has_weekday = weekday_needle.search(low) is not None
    m = md.search(sentence) if has_month else None
    if vocab.raw.get("month_names_capitalised"):
        # English writes months with a capital: "12 may have reached" is no 12 May
        while m and not sentence[m.start("month") if m.group("month") else m.start("monthb")].isupper():
            m = md.search(sentence, m.start() + 1)
    if m and _DATELINE.match(sentence, 0, m.start() + 1) and _DATELINE.match(sentence).end() == m.start():
        # "KYIV, Nov 17 (Reuters) - ... between November 10 and November 16": the dateline is
        # when the story was filed; a date the sentence goes on to name is the claim's
        later = md.search(sentence, m.end())
        m = later or m
    if m:
        month = vocab.months[(m.group("month") or m.group("monthb")).lower().rstrip(".")]
        day = int(m.group("day") or m.group("dayb"))
        day2 = m.group("day2") or m.group("dayb2")
        year = int(m.group("year")) if m.group("year") else (_year_for(month, day, pub) if pub else hint)
        if year is None or not 1 <= day <= 31:
            return None
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if day2:
            try:
                d2 = date(year, month, int(day2))
            except ValueError:
                d2 = d + timedelta(days=1)
            d2 = d2 if d2 >= d else d + timedelta(days=1)
            if (d2 - d).days > 1:  # "November 10 to 16": a period of days, not a night
                return _span(d, d2, "period", sentence[m.start():m.end()], "explicit range of days")
            return _span(d, d2, "night", sentence[m.start():m.end()], "explicit night range")
        # "в ночь на субботу, 22 марта", "on the night to Saturday, March 22": the night prefix
        # sits on the weekday that names the same date
        w = weekday.search(sentence, max(0, m.start() - 40), m.start()) if has_weekday else None
        if w and w.group("wnight") and _COMMA_GAP.fullmatch(sentence, w.end(), m.start()) \
                and vocab.weekdays[w.group("wd").lower()] == d.weekday():
            return _span(d - timedelta(days=1), d, "night", sentence[w.start():m.end()], "the night to the named weekday and date")
        if m.group("night"):
            dg = vocab.raw["date_grammar"]
            # "в ночь на 24 октября", "overnight on Dec. 5", "the night into March 3": the night
            # before that morning; "the night of October 24": the night after that day
            if dg["night_means"] == "to" or (dg.get("night_to") and re.search(dg["night_to"], m.group("night").lower())):
                return _span(d - timedelta(days=1), d, "night", sentence[m.start():m.end()], "the night to the named date")
            return _span(d, d + timedelta(days=1), "night", sentence[m.start():m.end()], "the night of the named date")
        # "from September 25 to October 2"
        m2 = md.search(sentence, m.end(), m.end() + 40)
        if m2 and re.match(r"\s*(?:to|until|till|through|and|-|–)\s*", sentence[m.end():m2.start()]):
            month2 = vocab.months[(m2.group("month") or m2.group("monthb")).lower().rstrip(".")]
            day_2 = int(m2.group("day") or m2.group("dayb"))
            try:
                d2 = date(int(m2.group("year")) if m2.group("year") else year, month2, day_2)
                if d2 >= d:
                    return _span(d, d2, "period", sentence[m.start():m2.end()], "explicit range")
            except ValueError:
                pass
        return _span(d, d, "day", sentence[m.start():m.end()], "named date")
    m = iso.search(sentence) if _ISO_HINT.search(sentence) else None
    if m:
        try:
            if m.group("iy"):
                d = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            else:
                d = date(int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
            return _span(d, d, "day", sentence[m.start():m.end()], "numeric date")
        except ValueError:
            pass
    if pub is None:
        mo = month_only.search(sentence) if hint and has_month else None
        if mo:
            month = vocab.months[mo.group("m").lower()]
            y = int(mo.group("y")) if mo.group("y") else hint
            return _span(date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1]), "month",
                         sentence[mo.start():mo.end()], "named month, year from the article's own dates")
        return None
    m = vocab.time_words.search(sentence)
    kind = m.lastgroup if m else None
    if kind == "last_24h":
        return _span(pub - timedelta(days=1), pub, "day", sentence[m.start():m.end()], "24 hours before publication")
    if kind == "past_week":
        return _span(pub - timedelta(days=7), pub, "week", sentence[m.start():m.end()], "the week before publication")
    if kind == "past_month":
        first = (pub.replace(day=1) - timedelta(days=1)).replace(day=1)
        last = pub.replace(day=1) - timedelta(days=1)
        return _span(first, last, "month", sentence[m.start():m.end()], "the month before publication")
    w = weekday.search(sentence) if has_weekday else None
    if w and kind in ("night_before", "previous_day") and _said_on(sentence, w.start(), vocab):
        w = None  # "overnight, the Air Force said on Wednesday": the day it was said, not the night
    if w:
        target = vocab.weekdays[w.group("wd").lower()]
        d = pub - timedelta(days=(pub.weekday() - target) % 7)
        if w.group("wnight"):
            return _span(d - timedelta(days=1), d, "night", sentence[w.start():w.end()], "the night to the named weekday")
        # "between 8 p.m. on Tuesday and 8 a.m. on Wednesday": from one named day to the next
        w2 = weekday.search(sentence, w.end(), w.end() + 40)
        if w2 and _RANGE_BETWEEN.search(sentence, w.end(), w2.start()):
            d2 = pub - timedelta(days=(pub.weekday() - vocab.weekdays[w2.group("wd").lower()]) % 7)
            if d < d2 <= d + timedelta(days=6):
                return _span(d, d2, "night" if d2 - d == timedelta(days=1) else "period",
                             sentence[w.start():w2.end()], "from one named weekday to another")
        after = _weekday_night(vocab).match(sentence, w.end())
        if after:  # "on Tuesday night": the night from Tuesday into Wednesday
            return _span(d, d + timedelta(days=1), "night", sentence[w.start():after.end()], "the night after the named weekday")
        return _span(d, d, "day", sentence[w.start():w.end()], "named weekday, latest on or before publication")
    mo = month_only.search(sentence) if has_month else None
    if mo:
        month = vocab.months[mo.group("m").lower()]
        year = int(mo.group("y")) if mo.group("y") else (pub.year if month <= pub.month else pub.year - 1)
        last = calendar.monthrange(year, month)[1]
        return _span(date(year, month, 1), date(year, month, last), "month", sentence[mo.start():mo.end()], "named month")
    if kind == "previous_day":
        d = pub - timedelta(days=1)
        return _span(d, d, "day", sentence[m.start():m.end()], "the day before publication")
    if kind == "night_before":
        return _span(pub - timedelta(days=1), pub, "night", sentence[m.start():m.end()], "the night before publication")
    if kind == "today":
        return _span(pub, pub, "day", sentence[m.start():m.end()], "publication day")
    return None


_COMMA_GAP = re.compile(r"\s*,?\s*")
_RANGE_BETWEEN = re.compile(r"(?<!\w)(?:and|to|until|till|through|до|по|і|й|та|и)(?!\w)|[-–—]", re.IGNORECASE)
@lru_cache(maxsize=None)
def _weekday_night(vocab: Vocabulary) -> re.Pattern[str]:
    """The words after a weekday that make it the night after it ("Tuesday night"); none
    where the language does not say it so (`date_grammar.weekday_night`)."""
    return re.compile(vocab.raw["date_grammar"].get("weekday_night", "(?!x)x"), re.IGNORECASE)


def _said_on(sentence: str, start: int, vocab: Vocabulary) -> bool:
    """Does a speech verb stand right before this date ("said on Wednesday", "заявили в
    среду")? Then it dates the statement."""
    m = _SAID_BEFORE.search(sentence, max(0, start - 30), start)
    return m is not None and vocab.speech.fullmatch(sentence, m.start(1), m.end(1)) is not None


_SAID_BEFORE = re.compile(r"(?<!\w)(\w+)\s+(?:(?:on|в|во|у)\s+)?$", re.IGNORECASE)


def default_time(published: str | None) -> TimeSpan:
    """No date in the text: the publication date; neither: unknown."""
    pub = _parse_published(published)
    if pub is None:
        return TimeSpan(None, None, None, None, "no date in the text and no publication date")
    return _span(pub, pub, "day", None, "publication date (no date in the text)")
