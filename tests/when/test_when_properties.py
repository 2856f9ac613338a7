"""Property tests: parse_period never raises, and a result always makes sense."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from core.when import parse_period

from .conftest import OSLO

WORDS = [
    "i", "morgen", "i morgen", "imorgen", "i dag", "i overmorgen", "kl", "kl.", "klokka", "fra", "til",
    "mellom", "og", "neste", "uke", "på", "den", "tirsdag", "fredag", "onsdag", "desember", "des",
    "om", "to", "en", "dager", "timer", "time", "minutter", "halv", "kvart", "over", "kveld",
    "tomorrow", "today", "at", "from", "to", "pm", "am", "next", "week", "for", "hours", "minutes",
    "december", "dec", "3rd", "on", "the", "-", "–", ":", ".", ",", "/", "blå", "noon", "midnatt",
]
NUMBERS = st.integers(0, 2100).map(str) | st.sampled_from(
    ["14:00", "10.30", "3.12", "31.02", "0900", "1,5", "03.12.2026", "2026-12-03", "24:00", "12/3"])
TOKENS = st.lists(st.sampled_from(WORDS) | NUMBERS, max_size=8).map(" ".join)
NOWS = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2030, 12, 31),
                    timezones=st.just(OSLO))


def _check(result, now):
    if result is None:
        return
    assert result.start.tzinfo is not None
    assert result.start.utcoffset() == result.start.astimezone(OSLO).utcoffset()
    if result.end is not None:
        assert result.duration > dt.timedelta(0)
        assert result.duration <= dt.timedelta(hours=25)
    if not result.has_time:
        assert result.end is None
    # never far from now: no 2114
    assert abs(result.start.year - now.year) <= 2


@settings(max_examples=400, deadline=None)
@given(text=TOKENS, now=NOWS, locale=st.sampled_from(["nb", "en"]))
def test_phrase_soup_never_raises(text, now, locale):
    _check(parse_period(text, now, locale), now)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), now=NOWS, locale=st.sampled_from(["nb", "en", "xx"]))
def test_any_text_never_raises(text, now, locale):
    _check(parse_period(text, now, locale), now)


@settings(max_examples=200, deadline=None)
@given(h1=st.integers(0, 23), m1=st.sampled_from([0, 15, 30, 45]),
       h2=st.integers(0, 24), m2=st.sampled_from([0, 15, 30, 45]), now=NOWS)
def test_any_range_is_exact_or_refused(h1, m1, h2, m2, now):
    text = f"i morgen kl {h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"
    result = parse_period(text, now)
    _check(result, now)
    if result is not None:
        assert (result.start.hour, result.start.minute) == (h1, m1)
        assert (result.end.hour, result.end.minute) == (h2 % 24, m2)


@settings(max_examples=300, deadline=None)
@given(text=TOKENS, now=NOWS, locale=st.sampled_from(["nb", "en"]))
def test_read_period_says_why_and_agrees_with_parse_period(text, now, locale):
    from core.when import Period, Refusal, read_period
    from core.when.period import REASONS

    result = read_period(text, now, locale)
    plain = parse_period(text, now, locale)
    if isinstance(result, Period):
        assert plain == result
        _check(result, now)
        return
    assert isinstance(result, Refusal) and plain is None
    assert result.reason in REASONS
    assert bool(result.candidates) == (result.reason == "ambiguous")
    starts = [c.start for c in result.candidates]
    assert starts == sorted(starts)
    for candidate in result.candidates:
        _check(candidate, now)
