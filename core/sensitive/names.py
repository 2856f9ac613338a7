"""Names of people (kind ``person_name``).

The name lists are plain text files in ``data/`` (see its README: SSB's most common Norwegian
first names and surnames via the faker library, mimesis' longer Norwegian lists, first names of
the countries most immigrants to Norway come from, plus names added by hand). Many names are also
ordinary words or places (``Berg``, ``Dag``, ``Per``, ``Strand``, ``Liv``, ``Larvik``): those are
listed in ``data/ambiguous_names.txt`` and ``data/places.txt`` and count only in strong context.

Rules, in a *cased* text (one with both capitals and small letters) a name must be capitalised;
in a text all in small or all in capital letters any listed name counts:

* two or more names in a row, at least one of them a first name and one not ambiguous
  (``Kari Nordmann``, ``Ole-Martin Hansen``) — ``block``; all of them ambiguous (``Jan Berg``,
  ``Tor Even``) — ``warn``, unless every word of the subject is capitalised (``Kostnad Per Dag``);
* a first name followed by a capitalised word that is no listed name (``Kari Tveitan``: a
  surname the lists lack) — ``block``; by the initial of a surname (``Kari N.``) — ``block``;
* ``Etternavn, Fornavn`` (``Nordmann, Kari``) — ``block``; both also words (``Strand, Tor``) —
  ``warn``;
* initials with a surname (``K. Nordmann``, ``O.J. Hansen``, ``Hansen K.``) — ``block``; initials
  alone after a word for a patient or a consultation (``Pasient K.N.``, ``pas. KN``,
  ``Kontroll T. H.``) — ``block``;
* a name after ``med``, ``m/``, ``for``, ``til``, ``rundt``, ``hos``, ``pasient``, ``familien``,
  ``ansvarsgruppe``, ``with``, ``patient``, ... (``Samtale med Ola``, ``Pasient Hansen``,
  ``Kontroll - Siv``) — ``block``
  (an ambiguous name there is a ``warn``, except after ``pasient``/``familien``);
* a capitalised word in the form of a Norwegian patronymic surname (``-sen``/``-ssen``) after
  such a word — ``block``; elsewhere, not first in the text — ``warn``;
* any other listed, not ambiguous name standing alone (``Kontroll Ingrid``) — ``warn``;
* a name followed by an age (``Ella (12)``, ``Oliver, 15 år``, ``Lea 3 mnd``) — the name is a
  ``block``, and the age an ``age`` finding.

A name followed by an institution word is a place or an institution, not a person
(``Berg skole``, ``Tønsberg kommune``, ``Hansen legesenter``), and so is one after ``St.``
(``St. Olavs hospital``).

>>> [(k, s) for k, s, *_ in find_text("Oppfølging Kari Nordmann")]
[('person_name', 'block')]
>>> find_text("Møte med Tønsberg kommune")
[]
>>> find_text("Fagmøte Berg skole")
[]
"""

from __future__ import annotations

import re
from importlib import resources

from ._text import Doc

__all__ = ["FIRST_NAMES", "SURNAMES", "AMBIGUOUS", "find", "find_text"]


def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


FIRST_NAMES: frozenset[str] = (_load("first_names_faker.txt") | _load("first_names_mimesis.txt")
                                | _load("first_names_world.txt") | _load("first_names_extra.txt"))
SURNAMES: frozenset[str] = (_load("last_names_faker.txt") | _load("last_names_mimesis.txt")
                             | _load("last_names_extra.txt"))
#: Names that are also words or places: a person only in strong context.
AMBIGUOUS: frozenset[str] = _load("ambiguous_names.txt") | _load("places.txt")
_ALL = FIRST_NAMES | SURNAMES

# Words after which the next capitalised name is a person this meeting is about or with.
_TRIGGERS = frozenset(
    "med for til rundt hos om ang angående vedr vedrørende ad v ved mellom "
    "with about re regarding patient pt pas pasient pasienten pasientene fru herr frk mr mrs ms m "
    "ansvarsgruppe ansvarsgruppemøte hr "
    "familien fam familie family brukeren bruker beboer beboeren klient klienten "
    "ektemann kone mann sønn datter mor far bror søster barnet gutten jenta "
    # what a consultation with a named person is called
    "kontroll samtale oppfølging oppfølgingssamtale konsultasjon videokonsultasjon time timen "
    "innkalling vurdering utredning behandling hjemmebesøk "
    "consultation appointment follow-up call".split()
)
# After these even an ambiguous name counts fully.
_STRONG_TRIGGERS = frozenset(
    "pasient pasienten patient pt pas fru herr frk mr mrs ms familien fam family beboer "
    "beboeren klient klienten bruker brukeren".split()
)
# A name followed by one of these is a place or an institution.
_INSTITUTION_NEXT = frozenset(
    "kommune kommunes kommunen fylkeskommune sykehus sykehuset sykehjem sykehjemmet skole skolen "
    "skoles barnehage barnehagen vgs videregående ungdomsskole barneskole legesenter legesenteret "
    "legekontor legekontoret legevakt legevakten helsesenter helsestasjon dps bup senter senteret "
    "sentret kirke kirken menighet gård gården gate gata gaten vei veien vegen allé plass torg "
    "brygge as asa hf sa klinikk klinikken apotek bibliotek stasjon hotell park bo omsorgssenter "
    "bofellesskap universitet universitetssykehus høgskole høyskole rehabilitering bydel prosjekt "
    "prosjektet hall hallen arena stadion huset hus kafé kantine fløy bygg bygget etasje paviljong "
    "avdeling avdelingen post posten sengepost modellen modell metoden syndrom sykdom "
    "hospital hospice school municipality clinic center centre university street road "
    "alle terrasse torget havn sjukehus sjukeheim kommunehus rådhus rådhuset".split()
)
# Capitalised words that do not make a surname after a first name ("Kari Kontroll" is only "Kari").
_NOT_SURNAME = frozenset(
    "kontroll samtale oppfølging time møte videokonsultasjon konsultasjon tverrfaglig og i på med "
    "for til fra om ang vedr pasient fagdag kurs undervisning the and with from".split()
)
# "Kari N.", "Ola N -": a first name with the initial of a surname.
_INITIAL_AFTER_RE = re.compile(r" ([A-ZÆØÅ]\.?)(?=$|[\s,;:\-)(])")
_INITIALS_ONLY_RE = re.compile(
    r"(?<![^\W\d_])(?P<t>[^\W\d_]+)\.?:? (?P<i>[A-ZÆØÅ]\. ?[A-ZÆØÅ]\.?(?: ?[A-ZÆØÅ]\.?)?|[A-ZÆØÅ]{2,3})"
    r"(?![^\W\d_]|\. ?[^\W\d_]{2})"
)
_COMPANY_SUFFIXES = frozenset(("as", "asa", "ans", "da", "sa", "ab", "ltd", "inc"))
_PREV_NOT_PERSON = frozenset(
    "st sankt saint sykehuset helse prosjekt prosjektet project program programmet system "
    "systemet møterom sal salen bygg fløy operasjon".split()
)
_INITIALS_BEFORE_RE = re.compile(r"(?:(?:[A-ZÆØÅ]\. ?-?){1,3}|[A-ZÆØÅ]{1,2} )$")
_SEN_ENDS = ("sen", "son")
_AGE_AFTER_NAME_RE = re.compile(
    r",? ?(?P<a>\((?P<n>[0-9]{1,3})(?: ?(?:år|mnd|md|måneder|uker|years?|y))?\)"
    r"|(?P<n2>[0-9]{1,3}) ?(?:år|mnd|md|måneder|uker|dager|years?|y|yo|y/o)(?![^\W\d_]))"
)
_TRAILING_INITIAL_RE = re.compile(r" [A-ZÆØÅ]\.(?:$|[\s,\-])")
_SEN_RE = re.compile(r"[^\W\d_]{2,}(?:[bcdfghjklmnpqrstvwxz]sen|ssen|sson)$")
_NOT_SEN = frozenset("krisen prisen avisen basen dosen fasen kursen pulsen dansen bussen "
                     "glansen versen ressursen responsen licensen lisensen sansen".split())


def _is_cap(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or (len(word) >= 3 and word.isupper()))


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string (for doctests and tools)."""
    return find(Doc(text))


def find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """Names of people in ``doc`` as (kind, severity, start, end) in ``doc.text`` offsets."""
    text, lower, words = doc.text, doc.lower, doc.words
    n = len(words)
    if not n:
        return []
    cased = doc.cased
    toks = doc.toks
    raw = [text[s:e] for s, e in words]

    # What each token is: 0 not a name, 1 ambiguous name, 2 a name.
    kind = [0] * n
    first = [False] * n
    small = [False] * n  # a listed, unambiguous name written in small letters in a cased text
    for i in range(n):
        t = toks[i]
        if len(t) < 2:
            continue
        base = t
        if base not in _ALL and t.endswith("s") and t[:-1] in _ALL and i + 1 < n:
            base = t[:-1]  # genitive "Hansens sak" (not "Philips" at the end: a company)
        if base in _ALL:
            if cased and not _is_cap(raw[i]):
                small[i] = base not in AMBIGUOUS and base == t
                continue
            kind[i] = 1 if base in AMBIGUOUS else 2
            first[i] = base in FIRST_NAMES
    initials = _INITIALS_ONLY_RE.search(text) is not None
    if not any(kind) and not any(small) and not initials and not any(t.endswith(_SEN_ENDS) for t in toks):
        return []
    title = cased and n >= 3 and all(r[0].isupper() for r in raw)  # "Kostnad Per Dag": capitals say nothing
    if toks[-1] in _COMPANY_SUFFIXES and n > 1 and text[words[-1][0]:words[-1][1]].isupper():
        return []  # "Berg og Hansen AS": a company
    out: list[tuple[str, str, int, int]] = []
    covered = [False] * n

    def adjacent(i: int) -> bool:  # token i and i+1 touch (space or hyphen between)
        gap = text[words[i][1]:words[i + 1][0]]
        return gap in (" ", "-", "  ")

    def institution_after(j: int) -> bool:
        return j + 1 < n and toks[j + 1] in _INSTITUTION_NEXT

    def prev_blocks(i: int) -> bool:
        return i > 0 and toks[i - 1] in _PREV_NOT_PERSON

    def emit(i: int, j: int, severity: str) -> None:
        out.append(("person_name", severity, words[i][0], words[j][1]))
        for k in range(i, j + 1):
            covered[k] = True

    # Rule 1: runs of names.
    i = 0
    while i < n:
        if kind[i] and i + 1 < n and kind[i + 1] and adjacent(i):
            j = i + 1
            while j + 1 < n and kind[j + 1] and adjacent(j):
                j += 1
            run = range(i, j + 1)
            if institution_after(j) or prev_blocks(i):
                for k in run:  # "Martina Hansens hospital", "St. Olavs hospital"
                    covered[k] = True
            elif any(first[k] for k in run) and any(kind[k] == 2 for k in run):
                emit(i, j, "block")
            elif not cased and first[i] and toks[j] in SURNAMES and not institution_after(j):
                emit(i, j, "warn")  # "jan berg", "STEIN BERG": no capitals to tell
            elif (cased and not title and any(first[k] for k in run)
                  and (i > 0 or (first[i] and toks[j] in SURNAMES)
                       or (all(first[k] for k in run) and n == j + 1))):
                emit(i, j, "warn")  # "Per Strand", "Jan Berg", "Tor Even": capitalised name-words
            i = j + 1
        elif (kind[i] == 2 and first[i] and cased and i + 1 < n and adjacent(i) and not kind[i + 1]
              and _is_cap(raw[i + 1]) and not raw[i + 1].isupper() and len(toks[i + 1]) >= 3
              and toks[i + 1] not in _NOT_SURNAME and not institution_after(i + 1)
              and not prev_blocks(i)):
            emit(i, i + 1, "block")  # "Kari Tveitan": a first name and a surname not in the lists
            i += 2
        elif (kind[i] == 2 and first[i] and _INITIAL_AFTER_RE.match(text, words[i][1])
              and not prev_blocks(i)):
            m = _INITIAL_AFTER_RE.match(text, words[i][1])
            out.append(("person_name", "block", words[i][0], m.end(1)))
            covered[i] = True  # "Kari N.", "Ola N - samtale"
            i += 1
        else:
            i += 1

    # Rule 2: "Etternavn, Fornavn".
    for i in range(n - 1):
        if covered[i] or covered[i + 1]:
            continue
        gap = text[words[i][1]:words[i + 1][0]]
        if gap.strip() == "," and len(gap) <= 3 and first[i + 1] and kind[i + 1]:
            is_surname = toks[i] in SURNAMES or (_SEN_RE.search(toks[i]) and _is_cap(raw[i]))
            if is_surname and (kind[i] == 2 or kind[i + 1] == 2 or toks[i] not in AMBIGUOUS):
                emit(i, i + 1, "block")
            elif is_surname and cased and _is_cap(raw[i]) and _is_cap(raw[i + 1]):
                emit(i, i + 1, "warn")  # "Strand, Tor": both are also words

    # Rule 3: initials with a surname, either order ("K. Nordmann", "O.J. Hansen", "Hansen K.").
    for i in range(n):
        if covered[i] or not kind[i] or first[i] or institution_after(i):
            continue
        m = _INITIALS_BEFORE_RE.search(text, max(0, words[i][0] - 10), words[i][0])
        if m and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            out.append(("person_name", "block", m.start(), words[i][1]))
            covered[i] = True
    # "Hansen K." (surname, then one initial with a dot at the end of the text or before " -")
    for i in range(n):
        if kind[i] and not first[i] and not covered[i]:
            rest = text[words[i][1]:words[i][1] + 4]
            if _TRAILING_INITIAL_RE.match(rest + " ") and toks[i] in SURNAMES:
                out.append(("person_name", "block", words[i][0], words[i][1] + 3))
                covered[i] = True

    # Rule 4: after a trigger word.
    for i in range(1, n):
        if covered[i]:
            continue
        prev = toks[i - 1]
        if prev not in _TRIGGERS:
            continue
        gap = text[words[i - 1][1]:words[i][0]]
        if gap.strip() not in ("", ".", ":", ",", "-", "\u2013", "/") or len(gap) > 3:
            continue
        if gap.strip() == "/" and prev != "m":
            continue
        if institution_after(i):
            continue
        strong_trigger = prev in _STRONG_TRIGGERS
        if kind[i] == 2:
            emit(i, i, "block")
        elif kind[i] == 1 and (not cased or _is_cap(raw[i])):
            if strong_trigger:
                emit(i, i, "block")
            elif cased and not text[words[i][1]:words[i][1] + 2].strip().isdigit():
                emit(i, i, "warn")
        elif small[i] and prev in _TRIGGERS:
            emit(i, i, "warn")
        elif cased and _is_cap(raw[i]) and _SEN_RE.search(toks[i]) and toks[i] not in _NOT_SEN:
            emit(i, i, "block")

    # Initials after a word for a patient or a consultation ("Pasient K.N.", "Kontroll T. H.",
    # "pas. KN").
    if initials:
        for m in _INITIALS_ONLY_RE.finditer(text):
            trig = m.group("t").lower()
            dotted = "." in m.group("i")
            if trig in _TRIGGERS and (dotted or trig in _STRONG_TRIGGERS):
                out.append(("person_name", "block", m.start("i"), m.end("i")))

    # Rule 5: a -sen surname alone, a listed name alone.
    for i in range(n):
        if covered[i]:
            continue
        if kind[i] == 2 and not institution_after(i) and not prev_blocks(i):
            emit(i, i, "warn")
        elif (cased and i > 0 and _is_cap(raw[i]) and not raw[i].isupper()
              and _SEN_RE.search(toks[i]) and toks[i] not in _NOT_SEN and not institution_after(i)):
            emit(i, i, "warn")

    # A name followed by an age ("Ella (12)", "Oliver, 15 år", "Lea 3 mnd"): the age, and the name
    # becomes a block.
    if doc.has_digit:
        for idx in range(len(out)):
            k, sev, s0, e0 = out[idx]
            m = _AGE_AFTER_NAME_RE.match(text, e0)
            if m and int(m.group("n") or m.group("n2")) <= 110:
                out[idx] = (k, "block", s0, e0)
                out.append(("age", "block", m.start("a"), m.end()))
    return out
