"""dateparser, only where the grammar has no word of its own, and cross-checked.

The grammar reads every phrase form the bot documents.  dateparser is asked
only about a *day number followed by a month word the grammar does not know*
(for example another spelling of a month), with an explicit language (auto
detection is several times slower) and settings that prefer the future.  Its
answer is kept only if it agrees with the text: the same day number, the year
written (or the next such day within a year when none is written), and no time
of day invented.  dateparser is silently wrong on many Norwegian phrases
("desember" alone is the 29th, "3. oktober kl 14" the year 2114), which is why
it never sees anything else.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

_CANDIDATE = {
    "nb": re.compile(r"(?<![\w.:/])(?P<d>\d{1,2})\.?\s*(?P<w>[a-zæøå]{3,}\.?)(?:\s+(?P<y>\d{4}))?(?![\w:/])"),
    "en": re.compile(r"(?<![\w.:/])(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<w>[a-z]{3,}\.?)"
                     r"(?:\s+(?P<y>\d{4}))?(?![\w:/])"),
}


def _settings(tz_name: str, now: _dt.datetime | None) -> dict:
    s = {
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz_name,
        "TO_TIMEZONE": tz_name,
        "REQUIRE_PARTS": ["day", "month"],
    }
    if now is not None:
        s["RELATIVE_BASE"] = now.replace(tzinfo=None)
    return s


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow import, kept out of module import time

    return dateparser


def warm_up(tz_name: str = "Europe/Oslo") -> None:
    """Load dateparser's language data once (first parse costs ~250 ms)."""
    dp = _dateparser()
    for lang, text in (("nb", "3. desember 2026"), ("en", "3 December 2026")):
        dp.parse(text, languages=[lang], settings=_settings(tz_name, None))


def month_day(text: str, locale: str, today: _dt.date, tz_name: str):
    """(leftover text with the match cut out, date) or None.

    Only called when the grammar has refused ``text`` because of unknown words.
    """
    m = _CANDIDATE[locale].search(text)
    if m is None:
        return None
    now = _dt.datetime.combine(today, _dt.time(12))
    try:
        result = _dateparser().parse(m[0], languages=[locale], settings=_settings(tz_name, now))
    except Exception:  # dateparser raises odd errors on odd input  # noqa: BLE001
        return None
    if result is None:
        return None
    day = int(m["d"])
    if result.day != day:
        return None
    if m["y"]:
        if result.year != int(m["y"]):
            return None
    else:
        # The next such day from today, within a year.
        if not today <= result.date() <= today.replace(year=today.year + 1) if not (
                today.month == 2 and today.day == 29) else today + _dt.timedelta(days=365):
            return None
    return text[: m.start()] + " | " + text[m.end():], result.date()
