"""The sentence as a text whose parts are claimed one by one.

Each reader (invitees, recurrence, template, time) claims the characters it placed; what is left
is free. A claimed part splits the free text into *chunks*: "Fagmøte med kari@siv.no og Ola" has
the chunks "Fagmøte med" and "og Ola". The subject is made of what no reader claimed.

    >>> t = Text("Fagmøte med kari@siv.no i morgen")
    >>> t.claim(12, 23)
    >>> [[w.raw for w in chunk] for chunk in t.chunks()]
    [['Fagmøte', 'med'], ['i', 'morgen']]
    >>> t.free_view()
    'Fagmøte med \\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 i morgen'
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

CLAIMED = "\x00"
_TOKEN = re.compile(r"[^\s\x00]+")
# Punctuation that may hang on a word ("Fagmøte,", "(Ortopedi)", "kl.") without being part of it.
EDGE_PUNCT = ".,;:!?()[]{}<>\"'«»“”‘’"


@dataclass(frozen=True, slots=True)
class Word:
    """One whitespace-separated word of the free text, with where it stands."""

    raw: str      # as typed
    bare: str     # lower case, without punctuation at its ends ("Fagmøte," -> "fagmøte")
    start: int
    end: int


def clean(text: str) -> str:
    """NFKC, no zero-width characters, every kind of blank a space; the length may change.

    >>> clean("kl\\u00a010\\u200b-11")
    'kl 10-11'
    """
    t = unicodedata.normalize("NFKC", text)
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Cf")
    return "".join(" " if ch.isspace() or ch == CLAIMED else ch for ch in t)


def bare(raw: str) -> str:
    """``raw`` in lower case without punctuation at its ends.

    >>> bare("(Fagmøte,"), bare("kl."), bare("10-11.")
    ('fagmøte', 'kl', '10-11')
    """
    return raw.strip(EDGE_PUNCT).lower()


OTHER, TIME = 1, 2   # what claimed a character: the time (and the last day), or anything else


class Text:
    """A sentence and which of its characters are already placed (and by what kind of reader)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # str.lower() may change the length ("İ"); keep one character per character.
        self.lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        self._claimed = bytearray(len(text))
        self._view: str | None = None
        self._lower_view: str | None = None
        self._words: list[Word] | None = None

    def claim(self, start: int, end: int, kind: int = OTHER) -> None:
        """Mark ``text[start:end]`` as placed, by the time reader (``TIME``) or another."""
        self._claimed[start:end] = bytes([kind]) * (end - start)
        self._view = self._lower_view = self._words = None

    def neighbour(self, pos: int, step: int) -> int:
        """What claimed the first non-blank character from ``pos`` going ``step`` (-1 or 1):
        ``TIME``, ``OTHER``, or 0 at the end of the text or at a free character."""
        i = pos
        while 0 <= i < len(self.text) and self.text[i].isspace():
            i += step
        return self._claimed[i] if 0 <= i < len(self.text) else 0

    def is_free(self, start: int, end: int) -> bool:
        return not any(self._claimed[start:end])

    def free_view(self) -> str:
        """The text with every claimed character replaced by NUL (same offsets)."""
        if self._view is None:
            self._view = "".join(CLAIMED if c else ch for ch, c in zip(self.text, self._claimed))
        return self._view

    def lower_view(self) -> str:
        """Like :meth:`free_view`, in lower case: what the phrase patterns search."""
        if self._lower_view is None:
            self._lower_view = "".join(CLAIMED if c else ch for ch, c in zip(self.lower, self._claimed))
        return self._lower_view

    def words(self) -> list[Word]:
        """The free words, in order (a new list each time; the words are shared)."""
        if self._words is None:
            self._words = [Word(m[0], bare(m[0]), m.start(), m.end()) for m in _TOKEN.finditer(self.free_view())]
        return list(self._words)

    def chunks(self) -> Iterator[list[Word]]:
        """Runs of free words with nothing claimed between them."""
        chunk: list[Word] = []
        for word in self.words():
            if chunk and not self.is_free(chunk[-1].end, word.start):
                yield chunk
                chunk = []
            chunk.append(word)
        if chunk:
            yield chunk

    def span(self, words: list[Word]) -> str:
        """The text from the first to the last of ``words``, as typed."""
        return self.text[words[0].start: words[-1].end]
