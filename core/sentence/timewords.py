"""The time of the meeting: which words of the sentence are its time, read with :mod:`core.when`.

``core.when`` reads a time phrase only when nothing else is in it, so this module finds the phrase.
A *run* is a stretch of words that can belong to a time ("i morgen kl 10-11", "fredag 13-14",
"tomorrow 2-3pm"), with an *anchor* (a digit, a weekday, "i morgen", "today"). A run may carry
small words of the subject on its edges ("fredag 13-14 i Tønsberg"): the widest window of the run
that holds all its anchors and that ``core.when`` accepts is the time; words shed from the edges go
back to the subject. Two pieces of the time ("i morgen Fagmøte kl 10-11") are read together.

Decisions: a run of bare numbers only ("Rom 305", "2. etasje") is the subject's unless nothing else
names a time; a run that ``core.when`` refuses makes the whole time refused (the dialog says why),
except beside a full time (day and clock) it does not fit, where it is left out; runs that name
two different times ("fredag 10-11 og mandag 12-13") are refused together, never one picked.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Oslo"))
    >>> t = Text("Fagmøte fredag 13-14 i Tønsberg")
    >>> found = find_time(t, now, "nb")
    >>> found.text, found.period.start.isoformat(), [w.raw for w in t.words()]
    ('fredag 13-14', '2026-11-27T13:00:00+01:00', ['Fagmøte', 'i', 'Tønsberg'])
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from core.when import Period, Refusal, parse_period, read_period
from core.when.lexicon import MONTHS, NUMBERS, WEEKDAYS

from .text import TIME, Text, Word

NB_WORDS = frozenset({
    "i", "idag", "imorgen", "imorra", "imorgon", "morgen", "morgon", "morra", "morgn", "overmorgen",
    "overmorgon", "overmorra", "iovermorgen", "dag", "kveld", "kvelden", "ikveld", "ettermiddag",
    "ettermiddagen", "formiddag", "formiddagen", "morgenen", "tidlig", "neste", "kommende",
    "førstkommende", "denne", "uke", "uka", "uken", "veke", "veka", "fra", "frå", "til", "på", "den",
    "om", "halv", "kvart", "over", "time", "timer", "timar", "minutt", "minutter", "halvtime",
    "halvannen", "kvarter", "etter", "dager", "uker", "klokka", "klokken", "klokke", "midnatt", "døgn",
}) | frozenset(WEEKDAYS["nb"]) | frozenset(MONTHS["nb"]) | frozenset(NUMBERS["nb"])
EN_WORDS = frozenset({
    "today", "tomorrow", "tonight", "next", "this", "coming", "week", "at", "on", "the", "of", "from",
    "to", "until", "till", "am", "pm", "a.m", "p.m", "noon", "midday", "midnight", "in", "for", "hour",
    "hours", "hr", "hrs", "minutes", "minute", "mins", "half", "an", "a", "morning", "afternoon",
    "evening", "day", "days", "after", "o'clock", "oclock",
}) | frozenset(WEEKDAYS["en"]) | frozenset(MONTHS["en"]) | frozenset(NUMBERS["en"])
NEUTRAL = frozenset({"kl", "-", "–", "—", "@", "min"})
DAY_WORDS = frozenset({"idag", "imorgen", "imorra", "imorgon", "morgen", "morgon", "morra", "morgn",
                       "overmorgen", "overmorgon", "overmorra", "iovermorgen", "dag", "today",
                       "tomorrow", "tonight", "midnatt", "midnight", "noon", "midday"})
WEEKDAY_WORDS = frozenset(w for lang in WEEKDAYS.values() for w in lang if len(w) >= 5)
MONTH_WORDS = frozenset(w for lang in MONTHS.values() for w in lang if len(w) >= 3)
_CLOCK_WORDS = frozenset({"kl", "klokka", "klokken", "klokke", "am", "pm", "at"})
# A time does not end in a word that needs something after it ("i morgen kl 10-11 i").
_DANGLING = frozenset({"i", "til", "fra", "frå", "kl", "den", "på", "on", "at", "the", "of", "to", "from",
                       "until", "in", "for", "-", "om", "over", "etter", "after", "a", "an"})
_FROM = frozenset({"fra", "frå", "from", "fom", "f.o.m", "starting", "beginning"})
_WEAK = re.compile(r"\d+\.?")
MAX_CALLS = 32
MAX_EDGE = 4      # words a window may have beyond its first and last anchor


def is_time_word(w: str) -> bool:
    return w in NB_WORDS or w in EN_WORDS or w in NEUTRAL or any(ch.isdigit() for ch in w) or \
        bool(re.fullmatch(r"[-–—]+", w))


# Day words that name a day only after "i" ("i dag", "i morgen"): "Dag 2 kurs" is a subject.
_AFTER_I = frozenset({"dag", "morgen", "morgon", "morra", "morgn", "overmorgen", "overmorgon", "overmorra"})


def is_anchor(w: str) -> bool:
    return any(ch.isdigit() for ch in w) or w in DAY_WORDS or w in WEEKDAY_WORDS or w in MONTH_WORDS


# Words that name a time only after a number ("om to timer", "in two hours") or after "neste"
# ("neste uke": refused by core.when without a weekday, so the dialog asks, rather than a subject
# "Fagmøte neste uke").
_UNITS = frozenset({"time", "timer", "timar", "minutt", "minutter", "min", "uke", "uker", "veke", "veker",
                    "dag", "dager", "dagar", "hour", "hours", "minute", "minutes", "mins", "week", "weeks",
                    "day", "days"})
_WEEK_WORDS = frozenset({"uke", "uka", "uken", "veke", "veka", "week"})
_NEXT = frozenset({"neste", "next", "denne", "this", "kommende", "coming"})


def _anchor(words: list[Word], i: int) -> bool:
    """``words[i]`` names a day or a time, where it stands."""
    w = words[i].bare
    before = words[i - 1].bare if i > 0 else ""
    if w in _UNITS and (before in NUMBERS["nb"] or before in NUMBERS["en"] or before.isdigit()):
        return True
    if w in _WEEK_WORDS and before in _NEXT:
        return True
    if w in _AFTER_I:
        return before == "i"
    if w in MONTH_WORDS and w not in WEEKDAY_WORDS:    # "1. mars", "March 1"; "Budsjett for mai" is a subject
        after = words[i + 1].bare if i + 1 < len(words) else ""
        return any(ch.isdigit() for ch in before + after)
    return is_anchor(w)


_CLOCK_BEFORE = frozenset({"kl", "klokka", "klokken", "klokke", "at", "fra", "frå", "til", "from", "to",
                           "until", "-"})


def _weak(run: list[Word], i: int) -> bool:
    """A bare number that no clock word stands before ("305", "2.", not "kl 25")."""
    return bool(_WEAK.fullmatch(run[i].bare)) and not (i > 0 and run[i - 1].bare in _CLOCK_BEFORE)


def is_strong(words: list[Word]) -> bool:
    """Anything but bare numbers: "10-11", "15.12", "fredag", "kl 14", "2. desember"."""
    return any((_anchor(words, i) and not _WEAK.fullmatch(w.bare)) or w.bare in _CLOCK_WORDS
               for i, w in enumerate(words))


def language(words: list[Word], locale: str) -> str:
    """The language the time words are written in; the user's when it cannot be told."""
    nb = sum(w.bare in NB_WORDS and w.bare not in EN_WORDS for w in words)
    en = sum(w.bare in EN_WORDS and w.bare not in NB_WORDS for w in words)
    if en != nb:
        return "en" if en > nb else "nb"
    return "en" if locale.lower().startswith("en") else "nb"


@dataclass
class Found:
    """The time as read: its words, and the period or why it was refused."""

    text: str | None = None
    period: Period | None = None
    refusal: Refusal | None = None
    left_out: list[str] = field(default_factory=list)


class Reader:
    """Asks core.when, remembering answers; one per sentence, with a budget of :data:`MAX_CALLS`
    questions (each costs ~0.2 ms), so that no sentence costs more than a few milliseconds."""

    def __init__(self, now: _dt.datetime) -> None:
        self.now = now
        self.calls = 0
        self.memo: dict[tuple[str, str], Period | None] = {}

    def parse(self, text: str, lang: str) -> Period | None:
        key = (text, lang)
        if key not in self.memo:
            if self.calls >= MAX_CALLS:
                return None
            self.calls += 1
            self.memo[key] = parse_period(text, self.now, lang)
        return self.memo[key]

    def parse_either(self, text: str, words: list[Word], locale: str) -> tuple[Period | None, str]:
        lang = language(words, locale)
        period = self.parse(text, lang)
        if period is None:
            other = "nb" if lang == "en" else "en"
            if any(w.bare in (EN_WORDS if other == "en" else NB_WORDS) for w in words):
                alt = self.parse(text, other)
                if alt is not None:
                    return alt, other
        return period, lang


def runs(text: Text) -> list[list[Word]]:
    """Stretches of time words with an anchor, within one chunk each."""
    out: list[list[Word]] = []
    for chunk in text.chunks():
        run: list[Word] = []
        for word in chunk + [Word("", "", -1, -1)]:
            if word.start >= 0 and is_time_word(word.bare):
                run.append(word)
                continue
            if any(_anchor(run, i) for i in range(len(run))):
                out.append(run)
            run = []
    return out


def _windows(run: list[Word]) -> list[list[Word]]:
    """Windows of ``run`` holding all its anchors, widest first; bare numbers on the edges may be
    left out when there are other anchors ("Rom 305 fredag 10-11")."""
    anchors = [i for i in range(len(run)) if _anchor(run, i) and not _weak(run, i)] or \
        [i for i in range(len(run)) if _anchor(run, i)]
    first, last = anchors[0], anchors[-1]
    spans = [(lo, hi) for lo in range(max(0, first - MAX_EDGE), first + 1)
             for hi in range(last, min(len(run), last + MAX_EDGE + 1))
             if run[hi].bare not in _DANGLING or hi == last]
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    return [run[lo:hi + 1] for lo, hi in spans]


@dataclass
class _Piece:
    words: list[Word]
    text: str
    period: Period | None
    lang: str


def _best(text: Text, run: list[Word], reader: Reader, locale: str) -> _Piece:
    """The widest window of ``run`` core.when accepts, or the widest window when none is."""
    windows = _windows(run)
    for window in windows:
        span = text.span(window)
        period, lang = reader.parse_either(span, window, locale)
        if period is not None:
            lo = run.index(window[0])
            if lo > 0 and run[lo - 1].bare in _FROM:    # "fra i dag": "fra" is the time's, not the subject's
                window = [run[lo - 1], *window]
            return _Piece(window, span, period, lang)
    return _Piece(windows[0], text.span(windows[0]), None, language(windows[0], locale))


def _apart(text: Text, piece: _Piece, other: _Piece) -> bool:
    """Some free word that is no time word stands between ``piece`` and ``other``."""
    lo, hi = sorted([(piece.words[0].start, piece.words[-1].end), (other.words[0].start, other.words[-1].end)])
    between = [w for w in text.words() if lo[1] <= w.start and w.end <= hi[0]]
    return any(not is_time_word(w.bare) for w in between)


def find_time(text: Text, now: _dt.datetime, locale: str, reader: Reader | None = None) -> Found:
    """Claim the words of the time and read them (see the module's decisions)."""
    reader = reader or Reader(now)
    pieces = [_best(text, run, reader, locale) for run in runs(text)]
    strong = [p for p in pieces if is_strong(p.words)]
    if not strong:   # bare numbers only: a time only if core.when reads one ("den 3." is a day)
        strong = [p for p in pieces if p.period is not None][:1]
    if not strong:
        return Found()
    read = [p for p in strong if p.period is not None]
    refused = [p for p in strong if p.period is None]
    found = Found()
    if len(read) > 1:
        joined = " ".join(p.text for p in read)
        period, _ = reader.parse_either(joined, [w for p in read for w in p.words], locale)
        if period is None:        # two times: neither is picked
            read, refused = [], strong
        else:
            read = [_Piece([w for p in read for w in p.words], joined, period, read[0].lang)]
    if read and refused and read[0].period is not None and read[0].period.has_time:
        # A full time stands. A refused piece beside it did not fit and is left out; one apart from
        # it, across other words, is the subject's ("1:1 with Ola tomorrow 9-9:30").
        for piece in refused:
            if _apart(text, piece, read[0]):
                continue
            found.left_out.append(piece.text)
            for w in piece.words:
                text.claim(w.start, w.end)
        refused = []
    if refused:
        pieces_in_order = sorted(read + refused, key=lambda p: p.words[0].start)
        found.text = " ".join(p.text for p in pieces_in_order)
        words = [w for p in pieces_in_order for w in p.words]
        answer = read_period(found.text, now, language(words, locale))
        found.refusal = answer if isinstance(answer, Refusal) else Refusal("unclear")
        if isinstance(answer, Period):   # read together after all ("i morgen" + "kl 10")
            found.period, found.refusal = answer, None
    else:
        found.text, found.period = read[0].text, read[0].period
    if found.text is not None:
        found.text = found.text.strip(",;:!? ") or None
    for piece in read + refused:
        for w in piece.words:
            text.claim(w.start, w.end, TIME)
    return found


_DATE_SHAPED = re.compile(r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\.?|\d{4}-\d{2}-\d{2}")


def read_date(text: Text, words: list[Word], reader: Reader, locale: str) -> tuple[_dt.date | None, int]:
    """The day the first words of ``words`` name, and how many words that took.

    Tried from the longest (up to 4 words) down; a weekday counts only first or after
    "neste"/"next" ("til 1. mars mandag 9-10": the Monday is the meeting's). ``(None, n)``: the
    first ``n`` words are shaped like a date ("31.02", "30. februar") but core.when refused them;
    ``(None, 0)``: they are no date ("10", "kl 14", "11.30" is a time).
    """
    take: list[Word] = []
    for i, w in enumerate(words[:4]):
        datey = (any(ch.isdigit() for ch in w.bare) or w.bare in MONTH_WORDS
                 or w.bare in ("den", "the", "of", "neste", "next")
                 or (w.bare in WEEKDAY_WORDS and (i == 0 or words[i - 1].bare in ("neste", "next"))))
        if not datey:
            break
        take.append(w)
    timed = False
    for n in range(len(take), 0, -1):
        window = take[:n]
        period, _ = reader.parse_either(text.span(window), window, locale)
        if period is not None and not period.has_time:
            return period.date, n
        timed = timed or period is not None
    shaped = any(_DATE_SHAPED.fullmatch(w.bare) or w.bare in MONTH_WORDS for w in take)
    return None, (len(take) if shaped and not timed else 0)
