"""The reader: text -> :class:`~core.when.reading.Found`, refusing anything it cannot place.

``normalize`` evens out spelling and punctuation, :func:`core.when.spelling.correct` puts right a
mistyped day word, ``read`` runs the rules of :mod:`core.when.rule_table` and insists that nothing
unknown is left over: only the filler words of a sentence around the time
(:data:`~core.when.lexicon.FILLERS`: "Hva med onsdag 14-15?", "Sett opp fredag 12-13, takk") and
punctuation.  Anything else ("blå", "ca", "i går", "rom 3", "neste uke" without a day) makes the
whole text unclear.  That is the rule that keeps the parser from guessing.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from .lexicon import FILLERS
from .reading import Clock, Context, Found, Refuse
from .rule_table import rules_for
from .spelling import correct

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_KL = re.compile(r"(?<!\w)(?:klokka|klokken|klokke|kl)(?!\w)\.?")
_AMPM = re.compile(r"(?<![\w.])([ap])\.?\s?m(?:\.|(?!\w))")
_OCLOCK = re.compile(r"\s*o['’]?\s?clock(?!\w)")
_LOOSE_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_NOON = re.compile(r"(?<!\w)(?:12\s+)?(?:noon|midday)(?!\w)")
_MIDNIGHT_END = re.compile(r"(?<!\w)(til|to|until|till)\s+(?:kl\s+)?(?:midnatt|midnight)(?!\w)|-\s*(?:midnatt|midnight)(?!\w)")
_MIDNIGHT = re.compile(r"(?<!\w)(?:midnatt|midnight)(?!\w)")
_WORD_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_NYNORSK = re.compile(r"(?<!\w)frå(?!\w)")
_AT_SIGN = re.compile(r"\s*@\s*")
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s(?!\w)")
_PUNCT = re.compile(r"[!?()\[\]\"';«»“”‘’]")
_SPACES = re.compile(r"\s+")

SENTINEL = " | "


def normalize(text: str) -> str:
    """Lower case, one kind of dash, ``kl`` for klokka/klokken/kl., ``pm`` for p.m.

    >>> normalize("  Klokka 14:00–15:30, i morgen! ")
    'kl 14:00-15:30 i morgen'
    >>> normalize("2 P.M. on Friday"), normalize("i 1,5 time.")
    ('2 pm on friday', 'i 1,5 time')
    >>> normalize("noon-1pm"), normalize("22 til midnatt"), normalize("fra midnatt")
    ('12:00-1pm', '22 til 24:00', 'fra 00:00')
    >>> normalize("I morgen: kl:14 frå 9"), normalize("New Year’s Eve")
    ('i morgen kl 14 fra 9', 'new years eve')
    """
    t = unicodedata.normalize("NFKC", text).lower()
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Cf")   # zero-width spaces, marks
    t = _DASHES.sub("-", t)
    t = _OCLOCK.sub("", t)
    t = _KL.sub(" kl ", t)
    t = _AMPM.sub(r"\1m", t)
    t = _NOON.sub("12:00", t)
    t = _MIDNIGHT_END.sub(lambda m: f"{m[1] or ''} 24:00" if m[1] else "-24:00", t)
    t = _MIDNIGHT.sub("00:00", t)
    t = _LOOSE_COMMA.sub(" ", t)
    t = _WORD_COLON.sub(" ", t)
    t = _NYNORSK.sub("fra", t)
    t = _AT_SIGN.sub(" kl ", t)            # "tomorrow @ 2pm", "i morgen @14"
    t = _POSSESSIVE.sub("s", t)           # "new year's eve", "let's"
    t = _PUNCT.sub(" ", t)
    t = _SPACES.sub(" ", t).strip()
    # a final dot ends the sentence, except after a number: "fredag 27." is the 27th
    return t if re.search(r"\d\.$", t) else t.rstrip(". ")


_LEFTOVER = re.compile(r"[|.,\s]+")


def read(text: str, ctx: Context) -> Found:
    """Run every rule over normalised ``text``; refuse when anything unknown is left.

    A dash may be left between the time and a trailing remark ("tirsdag 8-9 - digitalt"), when
    only filler words follow it."""
    found = Found()
    s = correct(text, ctx.locale)
    for _name, pattern, handler in rules_for(ctx.locale):
        pos = 0
        while True:
            m = pattern.search(s, pos)
            if m is None:
                break
            if m.end() == m.start():          # defensive: never loop on empty matches
                pos = m.end() + 1
                continue
            if handler(m, found, ctx) is False:
                pos = m.end()
                continue
            s = s[: m.start()] + SENTINEL + s[m.end():]
            pos = m.start()
    fillers = FILLERS[ctx.locale]
    words = [w for w in _LEFTOVER.split(s) if w]
    for i, word in enumerate(words):
        if word in fillers:
            continue
        if word == "-" and words[i + 1:] and all(w in fillers for w in words[i + 1:]):
            continue
        raise Refuse("unknown words")
    return found


def demo(text: str, locale: str = "nb") -> object:
    """What the rules alone find in ``text`` with ``now`` = Wednesday 2026-11-25 10:00 (for
    the rules' doctests), or ``"refused: <reason>"``.

    >>> demo("i morgen kl 14-15")
    {'dates': [datetime.date(2026, 11, 26)], 'start': '14:00', 'end': '15:00'}
    """
    from zoneinfo import ZoneInfo

    ctx = Context(_dt.datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo")), locale)
    try:
        f = read(normalize(text), ctx)
    except Refuse as refusal:
        return f"refused: {refusal.reason}"
    out: dict[str, object] = {}
    for key in ("dates", "alt_dates", "weekdays", "week", "start", "end", "duration", "part"):
        value = getattr(f, key)
        if value in (None, [], ()):
            continue
        if isinstance(value, Clock):
            value = f"{value.hour:02d}:{value.minute:02d}{value.ap or ''}"
        elif isinstance(value, _dt.timedelta):
            value = str(value)
        out[key] = value
    return out
