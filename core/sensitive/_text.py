"""Normalised view of a subject, with a map back to offsets in the original text.

Every detector works on :class:`Doc`: the text after Unicode NFKC normalisation, with zero-width
characters and soft hyphens removed and any kind of white space turned into a plain space. Digits
of other scripts (Arabic-Indic ``٠١٢``, Persian ``۰۱۲``, Devanagari ``०१२``; full-width ``０１２``
already by NFKC) become ``0-9``, and in a word that has Latin letters, Cyrillic and Greek letters
that look like Latin ones become those (``krеft`` with a Cyrillic ``е``, ``Β01AF01`` with a Greek
``Β``): a subject cannot hide a
number or a word by its look. Every folding is one character for one, so offsets found in
``Doc.text`` are mapped back to the caller's text with :meth:`Doc.span`.

Words are runs of letters (``_``, ``#``, ``/`` separate words); for names, ``parts`` also splits a
word in camel case where a small letter meets a capital (``LindaBerg`` is ``Linda`` and ``Berg``;
``KoRus`` stays one word for the health terms).

>>> Doc("Time for ٠١٠١٩٠١٢٣٤٥").text
'Time for 01019012345'
>>> Doc("Oppfølging krеft").text
'Oppfølging kreft'
>>> Doc("Встреча команды").text
'Встреча команды'
>>> [Doc("Samtale_LindaBerg").text[s:e] for s, e in Doc("Samtale_LindaBerg").parts]
['Samtale', 'Linda', 'Berg']
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are dropped: zero-width space/joiners, word joiner, BOM, soft hyphen.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class Doc:
    """A normalised subject. ``text`` for matching, ``lower`` its lower case (same length)."""

    __slots__ = ("original", "text", "lower", "_map", "cased", "words", "toks", "tokset", "has_digit",
                 "parts", "part_toks", "part_tokset")

    def __init__(self, original: str) -> None:
        self.original = original
        if original.isascii():
            text = _ODD_WS_RE.sub(" ", original) if _ODD_WS_RE.search(original) else original
            mapping = None
        elif (unicodedata.is_normalized("NFKC", original) and not _DROP_RE.search(original)
              and not _FOLD_RE.search(original)):
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
            if _FOLD_RE.search(text):
                text = _fold(text)
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
        #: the words with those in camel case split ("LindaBerg": "Linda", "Berg"), for names
        self.parts = self.words
        self.part_toks = self.toks
        self.part_tokset = self.tokset
        if self.cased and _CAMEL_QUICK_RE.search(text):
            self.parts = _split_camel(text, self.words)
            self.part_toks = [lower[s:e] for s, e in self.parts]
            self.part_tokset = frozenset(self.part_toks)

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


# Digits of other scripts, and Cyrillic and Greek letters that look like Latin ones.
_DIGITS = {cp: str(unicodedata.decimal(chr(cp))) for cp in range(0x0660, 0x1100)
           if unicodedata.decimal(chr(cp), None) is not None}
_LOOKALIKES = dict(zip(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
    "\u03bf\u03b1\u03ba\u03bd\u03c1\u03c4\u03c5\u03b9",
    "aeopcyxijshd"
    "ABEKMHOPCTXIJS"
    "ABEZHIKMNOPTYX"
    "oakvptui",
))
_LOOK_RE = re.compile("[" + "".join(_LOOKALIKES) + "]")
_FOLD_RE = re.compile("[" + "".join(chr(cp) for cp in _DIGITS) + "".join(_LOOKALIKES) + "]")
_MIXED_WORD_RE = re.compile(r"[^\W_]+")
_DIGIT_TABLE = str.maketrans({chr(cp): d for cp, d in _DIGITS.items()})
_LOOK_TABLE = str.maketrans(_LOOKALIKES)


def _fold(text: str) -> str:
    """Other digits to 0-9; look-alike letters to Latin in words that also have Latin letters or digits."""
    text = text.translate(_DIGIT_TABLE)
    if not _LOOK_RE.search(text):
        return text

    def word(m: re.Match[str]) -> str:
        w = m.group()
        folded = w.translate(_LOOK_TABLE)
        # only a word that mixes scripts: "krеft" (Cyrillic е), not a Russian word
        return folded if folded != w and any(c.isascii() for c in w) else w

    return _MIXED_WORD_RE.sub(word, text)


_CAMEL_QUICK_RE = re.compile(r"[a-zæøåäöüéèáóú][A-ZÆØÅÄÖÜÉ]")
_CAMEL_RE = re.compile(r"(?<=[a-zæøåäöüéèáóú])(?=[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáóú])")


def _split_camel(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split words in camel case (``LindaBerg``) where a small letter meets a capital."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s >= 4 and not text[s:e].islower() and not text[s:e].isupper():
            cuts = [m.start() for m in _CAMEL_RE.finditer(text, s + 1, e - 1)]
            if cuts:
                prev = s
                for c in cuts:
                    out.append((prev, c))
                    prev = c
                out.append((prev, e))
                continue
        out.append((s, e))
    return out
