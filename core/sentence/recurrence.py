"""Regelmessighet in words: the frequency (contracts §3), the long-lived room, the last day.

Bokmål, nynorsk and English. "hver mandag" / "every Monday" is weekly and leaves the weekday to
the time; "langvarig rom" is the guideline's long-lived room (00:00-23:30 daily). The last day
("til 1. mars", "until March 1", "til og med 18.12") is read with :mod:`core.when` and must be a
day without a time of day.

    >>> t = Text("Teammøte hver mandag 9-10")
    >>> find_recurrences(t), t.free_view()
    ([('weekly', 'hver')], 'Teammøte \\x00\\x00\\x00\\x00 mandag 9-10')
    >>> find_recurrences(Text("annenhver uke")), find_recurrences(Text("every other week"))
    ([('biweekly', 'annenhver uke')], [('biweekly', 'every other week')])
    >>> find_long_lived(Text("hver dag (langvarig rom) til 31.12"))
    ['(langvarig rom)']
"""
from __future__ import annotations

import datetime as _dt
import re

from .text import TIME, Text

_W = r"(?<![\w-])"
_E = r"(?![\w-])"
_WEEKDAY = (r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|lordag|søndag|sundag|sondag"
            r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_WEEK = r"(?:uke|uka|uken|veke|veka|week)"
_EVERY = r"(?:hver|hvert|kvar|kvart|every|each)"


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(_W + "(?:" + pattern + ")" + _E)


# (frequency, pattern). Longer phrases first; a pattern ending in a lookahead for a weekday claims
# only its first word(s), the weekday stays for the time ("hver mandag 9-10").
RECURRENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("none", _p(r"(?:ikke|ikkje) (?:gjentakende|gjentakande|gjenta[kg]ende)|ingen gjentakelse|engangs(?:møte)?"
                r"|does not repeat|doesn't repeat|no repeat|one-off|one time only")),
    ("weekdays", _p(r"(?:(?:hver|kvar|alle|på|every|on)\s+)?(?:hverdag|hverdager|hverdagene|ukedag|ukedager|"
                    r"vekedag|vekedagar|kvardag|kvardagar|weekday|weekdays)"
                    r"|(?:mandag|måndag|monday|man|mon)\s*(?:-|til|to)\s*(?:fredag|friday|fre|fri)")),
    ("biweekly", _p(r"(?:annenhver|annen hver|hver annen|hver andre|annakvar|annankvar|anna kvar|kvar andre"
                    r"|hver 2\.?|kvar 2\.?|every other|every second|every 2(?:nd)?|every two|each other)\s+"
                    + _WEEK + r"|(?:hver|kvar) (?:fjortende|fjortande) dag|biweekly|bi-weekly|fortnightly"
                    r"|every (?:2|two) weeks|annenhver uke|(?:annenhver|annakvar|annankvar|every other)"
                    r"(?=\s+" + _WEEKDAY + r")")),
    ("weekly", _p(_EVERY + r"\s+" + _WEEK + r"|ukentlig|ukentleg|vekentleg|vekevis|weekly"
                  r"|(?:en|ein|éin|én) gang (?:i|per|pr\.?) (?:uka|uken|veka|veke)|once a week"
                  r"|" + _EVERY + r"(?=\s+" + _WEEKDAY + r")")),
    ("daily", _p(_EVERY + r"\s+(?:dag|day)|daglig|dagleg|daily|alle dager|alle dagar")),
    ("monthly", _p(_EVERY + r"\s+(?:måned|mnd\.?|månad|month)|månedlig|månadleg|månatleg|monthly"
                   r"|(?:en|ein|éin|én) gang (?:i|per|pr\.?) (?:måneden|måned|månaden)|once a month")),
)
_LONG_LIVED = re.compile(
    r"\(?\s*" + _W + r"(?:langvarig|langvarige|long[- ]?lived|long[- ]term|permanent)"
    r"(?:\s+(?:rom|rommet|møterom|videorom|room))?" + _E + r"\s*\)?")
# Words that start the last day of a series; "til og med" and its short forms first.
_UNTIL = re.compile(_W + r"(?:til og med|t\.o\.m\.?|tom|frem til|fram til|inntil|til|until|till|through|thru"
                    r"|up to and including|to)" + _E)


def find_recurrences(text: Text) -> list[tuple[str, str]]:
    """Claim every recurrence phrase: ``(frequency, the words as typed)`` in text order."""
    found: list[tuple[int, str, str]] = []
    for frequency, pattern in RECURRENCES:
        for m in pattern.finditer(text.lower_view()):
            if m.end() > m.start() and text.is_free(m.start(), m.end()):
                text.claim(m.start(), m.end())
                found.append((m.start(), frequency, text.text[m.start():m.end()]))
    return [(f, words) for _, f, words in sorted(found)]


def find_long_lived(text: Text) -> list[str]:
    """Claim every "langvarig rom" (with its brackets); the words as typed."""
    found = []
    for m in _LONG_LIVED.finditer(text.lower_view()):
        text.claim(m.start(), m.end())
        found.append(text.text[m.start():m.end()].strip())
    return found


def until_words(text: Text) -> list[tuple[int, int]]:
    """Where an until-word stands in the free text: (start, end) offsets."""
    return [(m.start(), m.end()) for m in _UNTIL.finditer(text.lower_view())]


_PLURAL_DAY = re.compile(
    _W + r"(?:(?:på|om|on|alle)\s+)?(mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag"
    r"|sundag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:er|ene|ar|ane|s)" + _E)
_YEAR_END = re.compile(_W + r"(?:ut året|året ut|resten av året|til (?:nyttår|årsskiftet|slutten av året)"
                       r"|(?:for )?the rest of the year|until the end of the year|through the end of the year)" + _E)
_MONTH_END = re.compile(_W + r"(?:ut måneden|ut månaden|måneden ut|månaden ut|resten av måneden"
                        r"|til slutten av måneden|(?:for )?the rest of the month|until the end of the month)" + _E)


def find_weekdays(text: Text) -> list[tuple[str, str]]:
    """Claim every weekday in the plural ("mandager", "på fredager", "on Mondays"): weekly on that
    day. ``(the weekday in the singular, the words as typed)``.

    >>> find_weekdays(Text("Teammøte mandager 9-10")), find_weekdays(Text("on Mondays"))
    ([('mandag', 'mandager')], [('monday', 'on Mondays')])
    """
    found = []
    for m in _PLURAL_DAY.finditer(text.lower_view()):
        text.claim(m.start(), m.end())
        found.append((m[1], text.text[m.start():m.end()]))
    return found


def find_period_end(text: Text, today: _dt.date) -> list[tuple[_dt.date, str]]:
    """Claim "ut året" / "resten av måneden" / "the rest of the year": the last day they name.

    >>> find_period_end(Text("hver uke ut året"), _dt.date(2026, 11, 25))
    [(datetime.date(2026, 12, 31), 'ut året')]
    >>> find_period_end(Text("daglig resten av måneden"), _dt.date(2026, 2, 3))
    [(datetime.date(2026, 2, 28), 'resten av måneden')]
    """
    found = []
    for pattern, last in ((_YEAR_END, _dt.date(today.year, 12, 31)), (_MONTH_END, _month_end(today))):
        for m in pattern.finditer(text.lower_view()):
            text.claim(m.start(), m.end(), TIME)
            found.append((m.start(), last, text.text[m.start():m.end()]))
    return [(day, words) for _, day, words in sorted(found)]


def _month_end(day: _dt.date) -> _dt.date:
    first_next = (day.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    return first_next - _dt.timedelta(days=1)


# Repetitions Regelmessighet cannot hold (contracts §3 has no interval but two, no "first Monday"):
# claimed, so that they are left out for the user to see rather than read into the subject.
_UNSUPPORTED = re.compile(
    _W + r"(?:(?:hver|hvert|kvar|kvart|every|each)\s+(?:[3-9]\.?|\d\d\.?|tredje|fjerde|femte|sjette|tredje|third"
    r"|fourth|fifth|sixth|[3-9](?:rd|th))\s+(?:uke|uka|veke|week|måned|månad|month|dag|day)"
    r"|(?:hver|kvar|every)\s+[3-9]\s+(?:uker|veker|weeks|måneder|months|dager|days)"
    r"|(?:to|tre|fire|2|3|4|two|three|four)\s+ganger?\s+(?:i|per|pr\.?)\s+(?:uka|uken|veka|veke|måneden|måned|månaden)"
    r"|(?:twice|two times|three times|[2-4] times)\s+(?:a|per)\s+(?:week|month)"
    r"|(?:første|fyrste|andre|tredje|fjerde|siste|first|second|third|fourth|last)\s+" + _WEEKDAY +
    r"\s+(?:i|hver|kvar|in|of|every)\s+(?:måneden|måned|månaden|the month|month))" + _E)


def find_unsupported(text: Text) -> list[str]:
    """Claim every repetition Regelmessighet cannot hold ("hver 3. uke", "første mandag i måneden").

    >>> find_unsupported(Text("Fagmøte første mandag i måneden 10-11"))
    ['første mandag i måneden']
    """
    found = []
    for m in _UNSUPPORTED.finditer(text.lower_view()):
        text.claim(m.start(), m.end())
        found.append(text.text[m.start():m.end()])
    return found
