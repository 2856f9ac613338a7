"""Is a word an ordinary Norwegian (or common English) word? Used to find names no list holds.

A word in a place where a person would stand (``Samtale med Dagfinn``, ``kontroll ulvestad``,
``pasient fjeldheim``) is a name when it is no ordinary word: :func:`is_word` answers that from

* ``data/words_nb.txt``: the Norwegian bokmål word forms of *Norsk ordbank* (bokmål 2005, as
  shipped in spaCy's lookup tables; CC BY 4.0), written in small letters only (the proper nouns,
  which are people and places, are left out), compressed by :func:`derivable`: a form that the
  rules below rebuild from shorter kept forms is not stored (``pasientene`` from ``pasient``,
  ``sykehuspartner`` from ``sykehus`` + ``partner``);
* ``data/words_en.txt``: the commonest English words (SCOWL levels 10 and 20);
* a few hundred words by hand (``data/words_extra.txt``): function words, nynorsk, health-service
  words and abbreviations written out.

Rules (the same at build time and at run time, so the compression loses nothing):

* inflection: a known form plus a regular ending (``-en``, ``-et``, ``-a``, ``-er``, ``-ene``,
  ``-e``, ``-t``, ``-s``, ``-te``, ``-de``, ``-ere``, ``-est``, ...), also after a stem ending in
  ``e`` (``bakke`` -> ``bakken``);
* compounds: a known head of three letters or more (optionally with the joining ``s`` or ``e``)
  and a known tail of four letters or more, or one of a few common three-letter tails (``rus`` +
  ``behandling``, ``barn`` + ``e`` + ``avdeling``, ``syke`` + ``hus``), recursively;
* a word of ``LONG_WORD`` (14) letters or more is taken for a word without a look-up (a compound;
  names are shorter), and such words are not stored;
* a compound whose last part is a typical element of Norwegian farm names and surnames
  (``-heim``, ``-stad``, ``-land``, ``-berg``, ``-vik``, ``-rud``, ``-haug``, ``-dal`` ...) is *not*
  rebuilt: ``Skogheim``, ``Ulvestad``, ``Haugland`` look like words put together but are names;
  the real words of that shape (``fødeland``, ``sjukeheim``) are stored whole;
* typed without æ, ø, å (``mote``, ``oppfolging``, ``opplaering``): the word is also looked up
  with those letters folded to a, o, a.

>>> is_word("pasientene"), is_word("rusbehandling"), is_word("oppfolging")
(True, True, True)
>>> is_word("ulvestad"), is_word("fjeldheim"), is_word("dagfinn")
(False, False, False)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["is_word", "is_plain_word", "is_stored", "derivable", "NAME_TAILS", "LONG_WORD"]

# Regular endings of Norwegian inflection (nouns, adjectives, verbs) and the genitive -s.
_SUFFIXES: tuple[str, ...] = ("ene", "ende", "ere", "est", "este", "ets", "ens", "enes", "en", "et", "er", "te", "de",
             "ne", "na", "es", "dde", "a", "e", "t", "s", "r", "n")
_SUFFIXES = tuple(sorted(set(_SUFFIXES), key=len, reverse=True))
# Endings that follow only a stem ending in "e" ("bakke" -> "bakker", "bakken").
_AFTER_E = frozenset(("r", "n", "ne", "de", "dde"))
# Three-letter last parts of compounds common enough to count ("sykehus", "fagdag", "møterom");
# other last parts need four letters, so names such as "Abeline" or "Adelina" are no compounds.
_SHORT_TAILS = frozenset(
    "hus dag tid rom sal fag kur lov råd lag mat vei bil bok lys mål sak arm ben ord fly sko syk "
    "lim gen art kar far mor sår tap tak fot hud lår kne øre øye nål pose gul rød blå ny nye leie "
    "ark mus ski vin øl tog bro ting".split()
)
# Last parts of Norwegian farm names and surnames: a word put together with one of them is a
# name, unless the word itself is stored.
NAME_TAILS = frozenset(
    "heim hjem stad sta land berg bakk bakke bakken haug haugen hauge dal dalen vik viken rud rød "
    "røed set seth sæter seter sæther gård gaard gard li lie lien mo moen nes ness næs voll vold "
    "holm holmen strand stranden bø tveit tveiten torp eng enga engen ås åsen aas aasen myr myra "
    "myhre hagen hage sund lund lunde skog skogen fjell fjeld foss fossen brekke brekka bråten "
    "bråthen løkken løkke stue stuen tun vang vangen hov hovde nygård kleiv kleven vold rem eide "
    "bekk bekken lid lia kvam gjerde gjerdet stein steinen sand sanden rust ruud tvedt tvedten "
    "by bye nes vika vik øy øya øyen sletten slette flaten flate moe bøe berget "
    # ... and of first names ("Dagfinn", "Torbjørn", "Gunnhild", "Solveig")
    "finn bjørn bjørg hild veig laug gunn gerd frid borg leif mund vald geir dis ulf ulv "
    "trud ny vor run ar".split()
)
_MIN_PART = 3
# Longer words are taken for ordinary words (compounds) without a look-up: names are shorter.
LONG_WORD = 14


def _read(name: str) -> str:
    path = resources.files(__package__).joinpath("data", name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _words(text: str) -> frozenset[str]:
    """One word a line; lines starting with ``#`` are comments."""
    return frozenset(line for line in text.splitlines() if line and line[0] != "#")


def _fold(text: str) -> str:
    return text.replace("æ", "a").replace("ø", "o").replace("å", "a")


class Lexicon:
    """A set of stored words and the rules that rebuild the others from it."""

    def __init__(self, words: frozenset[str] | set[str]) -> None:
        self.words = words
        self._known = lru_cache(maxsize=4096)(self._known_uncached)

    def inflected(self, w: str) -> bool:
        """``w`` is a stored word with a regular ending."""
        words = self.words
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                base = w[: -len(suf)]
                if suf in _AFTER_E:
                    if base[-1] == "e" and base in words:
                        return True
                    continue
                if base in words or base + "e" in words:
                    return True
                # doubled consonant before an ending ("mannen" is "mann" + "en", "takk" + "et")
                if (suf[0] in "ae" and len(base) >= 4 and base[-1] == base[-2]
                        and base[:-1] in words):
                    return True
        return False

    def _head(self, h: str) -> bool:
        if self._known(h):
            return True
        # the joining "s" or "e" ("ledelses-", "barne-")
        return len(h) > _MIN_PART and h[-1] in "se" and self._known(h[:-1])

    def _compound(self, w: str) -> bool:
        for i in range(len(w) - _MIN_PART, _MIN_PART - 1, -1):
            tail = w[i:]
            if tail in NAME_TAILS or _name_tail_inflected(tail):
                continue
            if len(tail) == _MIN_PART and tail not in _SHORT_TAILS:
                continue
            if self._known(tail) and self._head(w[:i]):
                return True
        return False

    def _known_uncached(self, w: str) -> bool:
        return w in self.words or self.inflected(w) or (len(w) >= 2 * _MIN_PART and self._compound(w))

    def known(self, w: str) -> bool:
        return self._known(w)


def _name_tail_inflected(tail: str) -> bool:
    for suf in ("en", "a", "e", "s", "et", "ene"):
        if tail.endswith(suf) and tail[: -len(suf)] in NAME_TAILS:
            return True
    return False


def derivable(w: str, lex: Lexicon) -> bool:
    """``w`` is rebuilt from the words of ``lex`` by the rules (used to compress the list)."""
    return lex.inflected(w) or (len(w) >= 2 * _MIN_PART and lex._compound(w))


_NB_TEXT = _read("words_nb.txt") + "\n" + _read("words_extra.txt")
_NB = Lexicon(_words(_NB_TEXT))
_NB_FOLD = Lexicon(_words(_fold(_NB_TEXT)))
_OTHER = _words(_read("words_en.txt"))
del _NB_TEXT


def is_word(token: str) -> bool:
    """``token`` (any case) is an ordinary Norwegian or common English word."""
    w = token.lower()
    if len(w) >= LONG_WORD:
        return True
    if w in _OTHER or _NB.known(w):
        return True
    if w.isascii():
        for v in {w, w.replace("aa", "a").replace("ae", "a").replace("oe", "o")}:
            if _NB_FOLD.known(v):
                return True
    return False


def is_stored(token: str) -> bool:
    """``token`` (small letters) is stored as written: the cheapest check, for a first sieve."""
    return token in _NB.words or token in _OTHER


def is_plain_word(token: str) -> bool:
    """``token`` is a stored word or a stored word with a regular ending (no compound rule, no
    length rule): what :mod:`.typos` trusts to say that a word is spelt right.

    >>> is_plain_word("ledelse"), is_plain_word("tuberkolose")
    (True, False)
    """
    w = token.lower()
    if w in _OTHER or w in _NB.words or _NB.inflected(w):
        return True
    if w.isascii():
        v = w.replace("aa", "a").replace("ae", "a").replace("oe", "o")
        return v in _NB_FOLD.words or _NB_FOLD.inflected(v)
    return False
