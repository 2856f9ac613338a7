"""What a name looks like: the name lists, and the shapes of names no list holds.

* ``FIRST_NAMES``, ``SURNAMES``: plain text files in ``data/`` (see its README: SSB's most common
  Norwegian first names and surnames via the faker library, mimesis' longer Norwegian lists, first
  names of the countries most immigrants to Norway come from, plus names added by hand);
* ``AMBIGUOUS``: names that are also ordinary words or places (``Berg``, ``Dag``, ``Per``,
  ``Strand``, ``Larvik``; ``data/ambiguous_names.txt`` and ``data/places.txt``): a person only in
  strong context;
* :func:`foreign_shape`: a surname from abroad by its ending, beginning or letters;
* :func:`sen_name`: a Norwegian patronymic surname (``-sen``, ``-ssen``, ``-sson``) that is no word;
* :func:`is_cap`: a capitalised word (``Kari``, or ``KARI`` of three letters or more).

>>> "kari" in FIRST_NAMES, "nordmann" in SURNAMES, "berg" in AMBIGUOUS
(True, True, True)
>>> foreign_shape("bondarenko"), foreign_shape("prosjektet")
(True, False)
>>> sen_name("torkildsen"), sen_name("ledelsen")
(True, False)
"""

from __future__ import annotations

import re
from importlib import resources

from ._trie import trie_pattern
from .lexicon import is_word

__all__ = ["ALL_NAMES", "AMBIGUOUS", "FIRST_NAMES", "SURNAMES", "SURNAME_PARTICLES", "VOWEL_RE", "foreign_shape",
           "is_cap", "sen_name"]


def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


FIRST_NAMES: frozenset[str] = (_load("first_names_faker.txt") | _load("first_names_mimesis.txt")
                                | _load("first_names_world.txt") | _load("first_names_extra.txt"))
SURNAMES: frozenset[str] = (_load("last_names_faker.txt") | _load("last_names_mimesis.txt")
                             | _load("last_names_world.txt") | _load("last_names_extra.txt"))
#: Names that are also words or places: a person only in strong context.
AMBIGUOUS: frozenset[str] = _load("ambiguous_names.txt") | _load("places.txt")
ALL_NAMES = FIRST_NAMES | SURNAMES


# Shapes of surnames (and a few first names) from the countries most people in Norway with a
# background abroad come from, which no list can hold in full: Ukrainian "-enko", "-chuk", Polish
# "-wicz", "-czyk", "-wski", Lithuanian "-auskas", "-aitė", Balkan "-ović", Russian "-ov", "-eva",
# Turkish "-oğlu", Armenian "-yan", Georgian "-shvili", Tamil "-kumar", "-rajah", Thai "-porn",
# "-wong", Afghan "-ullah", "-zai", Somali "Abdi-", Eritrean "Gebre-", Arabic "Al-X", ...
_FOREIGN_SUFFIXES = (
    "enko", "chuk", "czuk", "czyk", "wicz", "ński", "ńska", "wski", "wska", "ckyj", "skyi", "skyy",
    "auskas", "auskienė", "auskiene", "kienė", "kiene", "aitė", "aite", "ytė", "evičius", "avičius",
    "evicius", "avicius", "ovič", "ović", "ovic", "evič", "ević", "evic", "avić", "avic", "oğlu",
    "oglu", "shvili", "kumar", "rajah", "lingam", "ratnam", "tharan", "theepan", "eswaran", "ullah",
    "ollah", "zadeh", "zada", "porn", "phon", "sawat", "thong", "wong", "pong",
)
_FOREIGN_SUFFIXES_LONG = ("ski", "ska", "cki", "cka", "yan", "ov", "ova", "ev", "eva", "zai", "dze",
                          "chai")
# The endings above, reversed, as one pattern (a match at the start of the reversed word is fast).
_FOREIGN_END_RE = re.compile(trie_pattern(e[::-1] for e in _FOREIGN_SUFFIXES + _FOREIGN_SUFFIXES_LONG))
_NOT_FOREIGN_ENDS = ("lov", "lova", "behov", "brev", "rapport", "giene", "sykehus", "kurs")
_FOREIGN_PREFIXES = ("abdi", "abdu", "abdel", "abdal", "gebre", "ghebre", "wolde", "tesfa", "habte",
                     "tekle")
_NOT_FOREIGN_PREFIXES = ("abduk", "abdomen", "abdominal", "sámi", "sami", "klinihk")
# Letters no Norwegian word has (Polish, Baltic, Czech, Turkish, Romanian, Vietnamese, Sami,
# Spanish): a capitalised word with one of them is a name or a foreign place.
_FOREIGN_LETTERS_RE = re.compile("[łśńćźżąęėūųįčšžığşřěőűțșăđơưŋŧáíóúýñçëïõã\u1ea0-\u1ef9]")
_FOREIGN_NOT_NAMES = frozenset(
    "sámi sámediggi klinihkká kárášjohka guovdageaidnu kraków gdańsk wrocław łódź poznań bogotá "
    "málaga córdoba reykjavík são curaçao ibiza señor señora café".split()
)
# A particle that starts a compound surname ("Al-Khatib", "El-Sayed", "Abu Bakr", "Bin Laden").
SURNAME_PARTICLES = frozenset("al el abu bin ibn ould".split())


def foreign_shape(t: str) -> bool:
    """The word (lower case) has the shape of a name from abroad."""
    if len(t) < 5 or t in _FOREIGN_NOT_NAMES or t.startswith(_NOT_FOREIGN_PREFIXES):
        return False
    if t.endswith(_NOT_FOREIGN_ENDS):
        return False
    if not t.isascii() and _FOREIGN_LETTERS_RE.search(t):
        return True
    m = _FOREIGN_END_RE.match(t[::-1])
    if m and (len(t) >= 6 or m.end() >= 4):  # the short endings ("-ov", "-ski") in longer words
        return True
    return len(t) >= 6 and t.startswith(_FOREIGN_PREFIXES)


VOWEL_RE = re.compile("[aeiouyæøåéèáàóòüö]")
_SEN_RE = re.compile(r"[^\W\d_]{2,}(?:[bcdfghjklmnpqrstvwxz]sen|ssen|sson)$")
_NOT_SEN = frozenset("krisen prisen avisen basen dosen fasen kursen pulsen dansen bussen "
                     "glansen versen ressursen responsen licensen lisensen sansen".split())


def sen_name(t: str) -> bool:
    """The word (lower case) has the shape of a patronymic surname and is no ordinary word
    ("Tellefsen", not "Ledelsen" or "Prosessen")."""
    return _SEN_RE.search(t) is not None and t not in _NOT_SEN and not is_word(t)


def is_cap(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or (len(word) >= 3 and word.isupper()))
