"""Normalised view of a subject, with a map back to offsets in the original text.

Every detector works on :class:`Doc`: the text after Unicode NFKC normalisation, with zero-width
characters and soft hyphens removed and any kind of white space turned into a plain space. Offsets
found in ``Doc.text`` are mapped back to the caller's text with :meth:`Doc.span`.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are dropped: zero-width space/joiners, word joiner, BOM, soft hyphen.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class Doc:
    """A normalised subject. ``text`` for matching, ``lower`` its lower case (same length)."""

    __slots__ = ("original", "text", "lower", "_map", "cased", "words", "toks", "tokset", "has_digit")

    def __init__(self, original: str) -> None:
        self.original = original
        if original.isascii():
            text = _ODD_WS_RE.sub(" ", original) if _ODD_WS_RE.search(original) else original
            mapping = None
        elif unicodedata.is_normalized("NFKC", original) and not _DROP_RE.search(original):
            text = _ODD_WS_RE.sub(" ", original) if _ODD_WS_RE.search(original) else original
            mapping = None
        else:
            parts: list[str] = []
            mapping = []
            for i, c in enumerate(original):
                if c in _DROP:
                    continue
                n = unicodedata.normalize("NFKC", c)
                for ch in n:
                    parts.append(" " if ch.isspace() else ch)
                    mapping.append(i)
            mapping.append(len(original))
            text = "".join(parts)
        lower = text.lower()
        if len(lower) != len(text):  # e.g. "İ" lower-cases to two code points
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.text = text
        self.lower = lower
        self._map = mapping
        # A text is "cased" when capitals carry meaning: it has both upper and lower case letters.
        self.cased = text != lower and text != text.upper()
        self.words = [m.span() for m in _WORD_RE.finditer(text)]
        #: the words in lower case, and their set
        self.toks = [lower[s:e] for s, e in self.words]
        self.tokset = frozenset(self.toks)
        self.has_digit = _DIGIT_RE.search(text) is not None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` back to the original string."""
        if self._map is None:
            return start, end
        m = self._map
        s = m[start] if start < len(m) else len(self.original)
        e = m[end - 1] + 1 if end > 0 else 0
        # Extend over characters that normalised to several (e.g. "ﬁ" -> "fi").
        return s, max(e, s)


_WS = {cp: " " for cp in range(0x3001) if chr(cp).isspace() and cp != 0x20}
_ODD_WS_RE = re.compile("[" + "".join(chr(cp) for cp in _WS) + "]")
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")
_DIGIT_RE = re.compile(r"[0-9]")
