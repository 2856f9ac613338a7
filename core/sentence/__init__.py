"""Ny avtale in one sentence: what follows "ny avtale" (or "new meeting") -> :class:`Sentence`.

Bokmål, nynorsk and English, in any order, with the usual filler words. Each part is read by its
own module and claimed, so that no word is read twice; what no reader claims is the subject:

* :mod:`~core.sentence.subject`     Emne, quoted or not, and the filler words around it;
* :mod:`~core.sentence.contacts`    e-mail addresses and phone numbers anywhere;
* :mod:`~core.sentence.recurrence`  Regelmessighet, the long-lived room, the last day;
* :mod:`~core.sentence.template`    Velg mal by a word of its name, its size or language;
* :mod:`~core.sentence.timewords`   the time, read with :func:`core.when.parse_period`.

Nothing is checked here that the dialog checks anyway: the subject is not screened (the dialog
screens it with :mod:`core.sensitive` exactly as a typed subject), addresses and numbers are
returned as typed (the dialog validates them with :mod:`core.invitees`). A part that cannot be
placed is in ``left_out``, never dropped.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo"))   # a Wednesday
    >>> s = read_sentence("møte med kari@siv.no og 923 45 678 i morgen 14-15 Oppfølging", now)
    >>> s.subject, s.when_text, s.period.start.isoformat(), s.emails, s.sms
    ('Oppfølging', 'i morgen 14-15', '2026-11-26T14:00:00+01:00', ('kari@siv.no',), ('923 45 678',))
    >>> s = read_sentence("Teammøte hver uke til 1. mars mandag 9-10", now)
    >>> s.subject, s.recurrence, s.until, s.period.start.isoformat()
    ('Teammøte', 'weekly', datetime.date(2027, 3, 1), '2026-11-30T09:00:00+01:00')
    >>> s = read_sentence("hver dag (langvarig rom) til 31.12 Vaktrom", now)
    >>> s.long_lived, s.recurrence, s.until, s.period
    (True, 'daily', datetime.date(2026, 12, 31), None)
    >>> s = read_sentence("Fagmøte 31.02 kl 14", now)
    >>> s.subject, s.when_text, s.period, s.when_refusal is not None
    ('Fagmøte', '31.02 kl 14', None, True)
    >>> read_sentence('"Fagmøte" fredag 10-11 blå', now).left_out
    ('blå',)
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.when import Period, Refusal, default_tz, parse_period
from core.when.lexicon import WEEKDAYS

from .contacts import find_emails, find_phones
from .recurrence import (
    find_long_lived,
    find_period_end,
    find_recurrences,
    find_unsupported,
    find_weekdays,
    until_words,
)
from .subject import pieces, quoted, subject_from
from .template import choose, find_wishes
from .text import TIME, Text, clean
from .timewords import Found, Reader, find_time, is_time_word, read_date

__all__ = ["MAX_TEXT", "Sentence", "read_sentence"]

#: Longer sentences are read up to here; the rest is left out.
MAX_TEXT = 500


@dataclass(frozen=True, repr=False)
class Sentence:
    """What a Ny avtale sentence says, field by field (``None`` / empty: not said).

    Its ``repr`` names no subject, address, number or left-out word (they are personal data), so
    an accidental ``log.info("%r", sentence)`` leaks nothing:

    >>> Sentence("Samtale med Kari", None, None, None, ("kari@siv.no",), (), None, None, False, None, ("Ola",))
    Sentence(subject=True, when_text=False, period=None, when_refusal=None, emails=1, sms=0, recurrence=None, until=None, long_lived=False, template_id=None, left_out=1)
    """

    subject: str | None           # the words that are not time, invitees, recurrence or template;
                                  # NOT screened here (the dialog screens it with core.sensitive)
    when_text: str | None         # the words read as the time
    period: Period | None         # core.when.parse_period(when_text, now, locale)
    when_refusal: Refusal | None  # core.when.read_period(...) when it refused the time words
    emails: tuple[str, ...]       # e-mail addresses as typed
    sms: tuple[str, ...]          # phone numbers as typed ("923 45 678", "+47 923 45 678")
    recurrence: str | None        # "none", "daily", "weekdays", "weekly", "biweekly", "monthly"
    until: _dt.date | None        # last day of the recurrence
    long_lived: bool              # "langvarig rom": 00:00-23:30 daily (recurrence is then "daily")
    template_id: str | None       # a template chosen by a word of its name, its size or language
    left_out: tuple[str, ...]     # every part it could not place, as typed, in text order

    def __repr__(self) -> str:
        return (f"Sentence(subject={self.subject is not None}, when_text={self.when_text is not None}, "
                f"period={self.period!r}, when_refusal={self.when_refusal!r}, emails={len(self.emails)}, "
                f"sms={len(self.sms)}, recurrence={self.recurrence!r}, until={self.until!r}, "
                f"long_lived={self.long_lived}, template_id={self.template_id!r}, left_out={len(self.left_out)})")


def _today(now: _dt.datetime) -> _dt.date:
    """Today on the users' wall clock (core.when's zone), whatever zone ``now`` is in."""
    return (now.astimezone(default_tz()) if now.tzinfo is not None else now).date()


def _language(locale: str) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nb"


def _recurrence(recs: list[tuple[str, str]], long_lived: bool, left_out: list[str]) -> str | None:
    """The one frequency said; other frequencies said beside it are left out."""
    chosen = "daily" if long_lived else (recs[0][0] if recs else None)
    for frequency, words in recs:
        if frequency != chosen:
            left_out.append(words)
    return chosen


def _until(text: Text, reader: Reader, locale: str, series: bool,
           left_out: list[str]) -> _dt.date | None:
    """The last day after "til"/"until"; without a recurrence only after a word that is no time
    ("Fagmøte til 1. mars", not "fra fredag til mandag")."""
    found: _dt.date | None = None
    for start, end in until_words(text):
        if not text.is_free(start, end):
            continue
        words = text.words()
        after = [w for w in words if w.start >= end]
        before = [w for w in words if w.end <= start]
        if not after or not text.is_free(end, after[0].start):
            continue
        if not series and before and text.is_free(before[-1].end, start) and is_time_word(before[-1].bare):
            continue
        if not series and text.lower[start:end] == "to":     # "to" ends a series only: "10 to 11"
            continue
        day, n = read_date(text, after, reader, locale)
        if n == 0 or (day is None and not series):
            continue
        stop = after[n - 1].end
        if day is None or (found is not None and day != found):
            left_out.append(text.text[start:stop])
        elif found is None:
            found = day
        text.claim(start, stop, TIME)
    return found


def _on_weekday(time: Found, day: tuple[str, str], now: _dt.datetime, left_out: list[str]) -> None:
    """"Teammøte mandager 9-10": the weekday of "mandager" joins the time words ("mandag 9-10").
    A time that names another day keeps its own reading, and "mandager" is left out."""
    weekday, words = day
    lang = "en" if weekday in WEEKDAYS["en"] else "nb"
    joined = f"{weekday} {time.text}" if time.text else weekday
    period = parse_period(joined, now, lang)
    if period is not None:
        time.text, time.period, time.refusal = joined, period, None
    elif time.period is None or time.period.start.weekday() != WEEKDAYS[lang][weekday]:
        left_out.append(words)


def _first_of_series(time: Found, recurrence: str, now: _dt.datetime, locale: str) -> None:
    """A daily or weekday series starts with its next meeting, where the time words name no day:
    "daglig kl 8-8:15" said at 10:00 starts tomorrow (core.when alone refuses a clock time without a
    day that has passed today), "hverdager kl 8-9" said on a Friday after 8 starts on Monday (not on
    the Saturday core.when gives). A time that names its own day ("i dag kl 8", "lørdag kl 8") keeps
    its reading: a day written beside the date would disagree with it, and core.when refuses that."""
    if not time.text:
        return
    if time.period is not None:
        if recurrence != "weekdays" or time.period.start.weekday() < 5:
            return
        day = time.period.date
    elif time.refusal is not None and time.refusal.reason == "past":
        day = _today(now) + _dt.timedelta(days=1)
    else:
        return
    while recurrence == "weekdays" and day.weekday() >= 5:
        day += _dt.timedelta(days=1)
    for lang in dict.fromkeys((_language(locale), "nb", "en")):
        period = parse_period(f"{day.isoformat()} {time.text}", now, lang)
        if period is not None and period.start.date() == day:
            time.period, time.refusal = period, None
            return


def read_sentence(text: str, now: _dt.datetime, locale: str = "nb",
                  templates: Sequence[Mapping[str, Any]] = ()) -> Sentence:
    """Read ``text``, what followed "ny avtale", at ``now`` in the user's ``locale`` (the Teams
    locale: "en..." is English, anything else Norwegian; the time words may be in either).
    ``templates`` are the portal's, as ``GET /api/v1/templates`` returns them."""
    raw = clean(text if isinstance(text, str) else "")
    left_out: list[str] = []
    if len(raw) > MAX_TEXT:
        cut = raw.rfind(" ", 0, MAX_TEXT)
        cut = cut if cut > 0 else MAX_TEXT
        raw, rest = raw[:cut], raw[cut:].strip()
        if rest:
            left_out.append(rest)
    t = Text(raw)
    quotes = quoted(t)
    emails = find_emails(t)
    wishes = find_wishes(t, templates)      # before the phones: "+47 412 34 567 50 deltakere"
    sms = find_phones(t)
    long_lived = bool(find_long_lived(t))
    left_out += find_unsupported(t)
    days = find_weekdays(t)
    recs = sorted([("weekly", words) for _, words in days] + find_recurrences(t), key=lambda r: raw.find(r[1]))
    recurrence = _recurrence(recs, long_lived, left_out)
    template_id, unmet = choose(wishes, templates, _language(locale))
    left_out += unmet
    ends = find_period_end(t, _today(now))
    reader = Reader(now)
    until = _until(t, reader, locale, recurrence is not None, left_out)
    for day, words in ends:
        if until is None:
            until = day
        elif day != until:
            left_out.append(words)
    time = find_time(t, now, locale, reader)
    if days and recurrence == "weekly":
        _on_weekday(time, days[0], now, left_out)
    if recurrence in ("daily", "weekdays"):
        _first_of_series(time, recurrence, now, locale)
    left_out += time.left_out
    if quotes:
        subject: str | None = quotes[0][0]
        left_out += [whole for _, whole in quotes[1:]] + pieces(t)
    else:
        subject = subject_from(t)
    order = {part: raw.find(part) for part in left_out}
    return Sentence(
        subject=subject, when_text=time.text, period=time.period, when_refusal=time.refusal,
        emails=tuple(emails), sms=tuple(sms), recurrence=recurrence, until=until,
        long_lived=long_lived, template_id=template_id,
        left_out=tuple(sorted(left_out, key=lambda p: (order[p] < 0, order[p]))))
