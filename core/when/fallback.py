"""dateparser, only where the grammar has no word of its own, and cross-checked.

The grammar reads every phrase form the bot documents.  dateparser is asked
only about a *day number followed by a month word the grammar does not know*
(for example "3. december" in Norwegian, or "3. desember" with an English
locale), with explicit languages (auto detection is several times slower) and settings that prefer the future.  Its
answer is kept only if it agrees with the text: the same day number, the month
its own language data gives for the word (so a word that is not a month name
is never sent to it), the year
written (or the next such day within a year when none is written), and no time
of day invented.  dateparser is silently wrong on many Norwegian phrases
("desember" alone is the 29th, "3. oktober kl 14" the year 2114), which is why
it never sees anything else.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

_CANDIDATE = re.compile(
    r"(?<![\w.:/])(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?(?P<w>[a-zæøå]{3,})\.?"
    r"(?:\s+(?P<y>\d{4}))?(?![\w:/])")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


@lru_cache(maxsize=4)
def _month_words(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names and abbreviations from dateparser's own language data."""
    import importlib

    words: dict[str, int] = {}
    for lang in languages:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for word in info.get(key, ()):
                words.setdefault(word.lower().rstrip("."), number)
    return words


# The user's language first, then the other one: a Norwegian may write "3. december",
# an English-speaking colleague "3. desember".
_LANGUAGES = {"nb": ("nb", "en"), "en": ("en", "nb")}


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
    for locale, text in (("nb", "3. desember 2026"), ("en", "3 December 2026")):
        dp.parse(text, languages=list(_LANGUAGES[locale]), settings=_settings(tz_name, None))


def month_day(text: str, locale: str, today: _dt.date, tz_name: str):
    """(leftover text with the match cut out, date) or None.

    Only called when the grammar has refused ``text`` because of unknown words.
    """
    m = _CANDIDATE.search(text)
    if m is None:
        return None
    languages = _LANGUAGES[locale]
    month = _month_words(languages).get(m["w"])
    if month is None:           # not a month name: no question for dateparser
        return None
    now = _dt.datetime.combine(today, _dt.time(12))
    try:
        result = _dateparser().parse(m[0], languages=list(languages), settings=_settings(tz_name, now))
    except Exception:  # dateparser raises odd errors on odd input  # noqa: BLE001
        return None
    if result is None:
        return None
    from .rules import Context, Refuse, date_from

    try:
        expected = date_from(int(m["d"]), month, int(m["y"]) if m["y"] else None,
                             Context(now, locale))
    except Refuse:
        return None
    if result.date() != expected:
        return None
    return text[: m.start()] + " | " + text[m.end():], expected
