"""The table of rules: each rule's regular expression per language, and the order they run in.

The reader (:mod:`core.when.reader`) runs the rules in this order; each match is cut out of the
text and its handler (:mod:`core.when.day_rules`, :mod:`core.when.time_rules`) records what it
means.  Earlier rules take the longer, surer phrases ("3. desember" before "3.", "14-15" before
"14"), so that later ones see only what is left.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from . import day_rules as d
from . import time_rules as t
from .lexicon import ANY_MONTH, HOLIDAY_WORDS, NUMBERS, WEEKDAYS, alternation
from .reading import Context, Found

Handler = Callable[[re.Match[str], Found, Context], "bool | None"]
Rule = tuple[str, "re.Pattern[str]", Handler]

B0 = r"(?<![\w.:/])"          # not inside a number or word
B1 = r"(?![\w:/]|[.,]\d)"      # ... on either side


def clock(n: int) -> str:
    """A clock time: 14, 14:00, 14.00, 1400, 930 (09:30), 2pm, 2:30 pm."""
    return (
        rf"(?P<t{n}>(?P<hhmm{n}>\d{{3,4}})|(?P<h{n}>\d{{1,2}})(?:[:.](?P<m{n}>\d{{2}}))?)"
        rf"(?:\s*(?P<ap{n}>am|pm))?"
    )


def _num(locale: str) -> str:
    return r"(?:\d+(?:[.,]\d+)?|" + alternation(NUMBERS[locale])[3:]


def length(locale: str) -> str:
    """How long, for ``duration`` and ``from_now``: ``45 minutter``, ``1,5 time``,
    ``halvannen time``, ``en halvtime``, ``1 time og 30 min``; ``an hour and a half``."""
    num = _num(locale)
    if locale == "nb":
        return (rf"(?:(?P<halfhour>(?:(?:en|ei|ein)\s+)?halv\s*time)|"
                rf"(?P<onehalf>halvannen\s+time|halvanna\s+time)|"
                rf"(?P<n>{num})(?P<half>\s+og\s+en\s+halv)?\s*(?P<u>timer|timar|time|t|minutter|minutt|min|kvarter)(?!\w)\.?"
                rf"(?:\s+(?:og\s+)?(?P<n2>{num})\s*(?:minutter|minutt|min)(?!\w)\.?)?)(?!\w)")
    return (rf"(?:(?P<halfhour>half\s+an\s+hour)|(?P<onehalf>\ban\s+hour\s+and\s+a\s+half)|"
            rf"(?P<n>{num})(?P<half>\s+and\s+a\s+half)?\s*(?P<u>hours|hour|hrs|hr|h|minutes|minute|mins|min)(?!\w)\.?"
            rf"(?:\s+(?:and\s+)?(?P<n2>{num})\s*(?:minutes|minute|mins|min)(?!\w)\.?)?)(?!\w)")


def _word_clock(locale: str) -> str:
    hours = alternation(t.HOUR_WORDS[locale])
    if locale == "nb":
        words = (rf"(?:(?P<how>halv|kvart\s+over|kvart\s+på)|(?P<mw>fem|ti|tjue|5|10|20)\s+(?P<dir>over|på)"
                 rf"(?:\s+(?P<half>halv))?)\s+(?P<hw>\d{{1,2}}|{hours})")
        roles, marker = "(?:fra|til)", "(?:kl)"
    else:
        words = (r"(?:(?P<mw>twenty-five|twentyfive|twenty|quarter|half|five|ten|5|10|20|25)"
                 rf"\s+(?P<dir>past|after|to|before|till))\s+(?P<hw>\d{{1,2}}|{hours})")
        roles, marker = "(?:from|to|until|till|til)", "(?:kl|at)"
    return (rf"(?<!\w)(?:(?P<role>{roles})\s+|(?P<dash>\|\s*-)\s*)?(?:(?P<kl>{marker})\s*)?"
            rf"(?:{words}|(?P<hw2>{hours}))(?:\s*(?P<ap>am|pm))?(?!\w)")


@lru_cache(maxsize=None)
def rules_for(locale: str) -> tuple[Rule, ...]:
    """The rules of one language ("nb" or "en"), in the order they run.

    >>> [name for name, _pattern, _handler in rules_for("nb")][:4]
    ['iso', 'holiday', 'numeric_date', 'month_name_date']
    """
    nb = locale == "nb"
    months = alternation(ANY_MONTH)
    wds = alternation(WEEKDAYS[locale])
    num = _num(locale)
    roles = "(?:fra|til)" if nb else "(?:from|to|until|till|til)"
    marker = "(?:kl)" if nb else "(?:kl|at)"
    ordinal = r"(?:st|nd|rd|th)?"
    relative = alternation(k for k in d.RELATIVE_DAYS if (k[0] in "io") == nb)
    holidays = alternation(HOLIDAY_WORDS[locale]).replace("\\ ", r"\s*")

    table: list[tuple[str, str, Handler]] = [
        ("iso", rf"{B0}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})"
                rf"(?:t(?P<h>\d{{2}}):(?P<mi>\d{{2}})(?::00)?)?{B1}", d.iso),
        ("holiday", rf"(?<![\w.])(?P<w>{holidays})(?!\w)(?:\s+(?P<y>\d{{4}})(?!\w))?", d.holiday_day),
        ("numeric_date", rf"{B0}(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?:(?P=sep)|(?<=\d/\d)-|(?<=\d/\d\d)-)"
                         rf"(?P<y>\d{{4}}|\d{{2}}){B1}", d.numeric_date),
        ("month_name_date",
         rf"{B0}(?:(?P<d>\d{{1,2}}){ordinal}\.?\s*(?:of\s+)?(?P<mon>{months})(?!\w)\.?"
         rf"(?:\s*(?P<y>\d{{4}})(?!\w))?"
         + ("" if nb else rf"|(?P<mon2>{months})(?!\w)\.?\s*(?:the\s+)?(?P<d2>\d{{1,2}}){ordinal}"
                          rf"(?:\s+(?P<y2>\d{{4}}))?{B1}")
         + ")", d.month_name_date),
        ("slash_date", rf"{B0}(?P<a>\d{{1,2}})(?P<sep>/)(?P<b>\d{{1,2}}){B1}", d.slash_date),
        *([("short_weekday", r"(?<!\w)(?P<wd>ma|ti|on|to|fr|lø|lo|sø|so)(?!\w)\.?"
                             r"(?=\s*(?:\||\d{1,2}\.\d{1,2}(?![\d:])))", d.short_weekday)] if nb else []),
        ("days_from_now",
         (rf"(?<!\w)om\s+(?P<n>{num})\s+(?P<u>dager|dagar|dag|døgn|uker|uke|veker|veke)(?!\w)" if nb else
          rf"(?<!\w)(?:in\s+(?P<n>{num})\s+(?P<u>days|day|weeks|week)(?:\s?s?\s+time)?"
          rf"|(?P<n2>{num})\s+(?P<u2>days|day|weeks|week)\s+from\s+(?:now|today))(?!\w)"), d.days_from_now),
        ("from_now", rf"(?<!\w){'om' if nb else 'in'}\s+{length(locale)}", t.from_now),
        ("relative_day", rf"(?<!\w){relative}(?!\w)", d.relative_day),
        ("weekday",
         (rf"(?<!\w)(?:(?P<pre>på|neste|førstkommende|kommende|denne)\s+)?(?P<wd>{wds})(?!\w)\.?"
          rf"(?:\s+(?:i\s+|på\s+)?(?P<post>neste|denne|kommende)\s+(?:uke|uka|uken|veke|veka))?(?!\w)"
          rf"|(?<!\w)(?:i\s+)?(?P<pre2>neste|denne)\s+(?:uke|uka|uken|veke|veka)\s+(?:på\s+)?(?P<wd2>{wds})(?!\w)\.?"
          if nb else
          rf"(?<!\w)(?:(?P<pre>on\s+next|this\s+coming|on|next|this|coming)\s+)?(?P<wd>{wds})(?!\w)\.?"
          rf"(?:\s+(?:of\s+)?(?P<post>next|this)\s+week)?(?!\w)"
          rf"|(?<!\w)(?P<pre2>next|this)\s+week\s+(?:on\s+)?(?P<wd2>{wds})(?!\w)\.?"), d.weekday),
        ("week_number",
         (r"(?<!\w)(?:i\s+)?(?:uke|uka|veke)\s*(?P<n>\d{1,2})(?![\w:/-]|[.,]\d)" if nb else
          r"(?<!\w)(?:in\s+)?week\s*(?P<n>\d{1,2})(?![\w:/-]|[.,]\d)"), d.week_number),
        ("week_word",
         (r"(?<!\w)(?:(?:i|på)\s+)?(?P<w>neste|denne|kommende)\s+(?:uke|uka|uken|veke|veka)(?!\w)" if nb else
          r"(?<!\w)(?P<w>next|this)\s+week(?!\w)"), d.week_word),
        ("day_number",
         (r"(?<![\w.:/-])(?<!-\s)(?:(?P<den>den)\s+)?(?P<d>\d{1,2})(?P<dot>\.)?(?![\w.:/]|\s*-\s*\d)" if nb else
          r"(?<!\w)(?:on\s+)?(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?!\w)"), d.day_number),
        ("day_part",
         (r"(?<!\w)(?:(?:på|om|i)\s+)?(?P<w>ettermiddagen|ettermiddag|kvelden|kveld|morgenen|morgonen|morgen|"
          r"formiddagen|formiddag|føremiddagen|føremiddag|tidlig|tidleg)(?!\w)" if nb else
          r"(?<!\w)(?:in\s+the\s+)?(?P<w>afternoon|evening|morning)(?!\w)"), d.day_part),
        ("duration", rf"(?<!\w)(?:{'(?:i|varighet)' if nb else 'for'}\s+)?{length(locale)}", t.duration),
        ("time_range",
         rf"{B0}(?:(?P<lead>{'fra|mellom' if nb else 'from|between'})\s+)?(?:(?P<kl>{marker})\s*)?{clock(1)}"
         rf"\s*(?P<sep>-|{'til|og' if nb else 'to|until|till|til|and'})\s*(?:{marker}\s*)?{clock(2)}{B1}",
         t.time_range),
        ("word_time", _word_clock(locale), t.word_time),
        ("marked_time",
         rf"{B0}(?:(?P<role>{roles})\s+(?:{marker}\s*)?|{marker}\s*){clock(1)}{B1}", t.marked_time),
        ("plain_time", rf"{B0}{clock(1)}{B1}", t.plain_time),
        ("dotted", rf"{B0}(?:(?P<role>{roles})\s+)?(?P<a>\d{{1,2}})\.(?P<b>\d{{1,2}})\.?{B1}", t.dotted),
        ("bare_number", rf"{B0}(?:(?P<role>{roles})\s+)?{clock(1)}{B1}", t.bare_number),
    ]
    return tuple((name, re.compile(rx), fn) for name, rx, fn in table)


def vocabulary(locale: str) -> frozenset[str]:
    """Every word some rule of ``locale`` reads (for the spelling check: these are no typos)."""
    words: set[str] = set()
    for _name, pattern, _fn in rules_for(locale):
        words.update(re.findall(r"[a-zæøå]{2,}", pattern.pattern))
    return frozenset(words)
