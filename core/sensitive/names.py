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
* a word with the shape of a name from abroad counts as a listed surname: endings such as
  ``-enko``, ``-czyk``, ``-wski``, ``-auskas``, ``-aitė``, ``-ović``, ``-oğlu``, ``-kumar``,
  ``-ullah``, ``-porn``, beginnings such as ``Abdi-``, ``Gebre-``, ``Al-X``, or letters no
  Norwegian word has (``ł``, ``ś``, ``č``, ``ı``, ``ă``, Vietnamese, Sami ``á``);
* two capitalised words that no list knows, right after a word for a consultation
  (``Kontroll Tsion Weldemariam``, ``Samtale med Hevin Barzani``, ``Møte med X Y og tolk``) —
  ``warn``; an unknown capitalised word after ``pasient``/``fru``/``familien`` — ``warn``;
* names no list holds, found with a dictionary of ordinary words (:mod:`.lexicon`, Norsk ordbank):
  a word that is no name, no place, no word of an organisation and no dictionary word, where a
  person would stand — after a word for a consultation or a patient or after ``med``, ``for``,
  ``rundt``, ``vedr.`` (``Samtale med Dagfinn``, ``kontroll ulvestad``, ``PASIENT FJELDHEIM``),
  capitalised where the text has capitals; after a bare preposition in a subject that is no
  consultation only when two such words follow (``Møte med Telenor`` is a firm); two such words
  in a row in a consultation (``kontroll gudrid tveitan``); one such word first, before the word
  for the consultation (``Fjeldheim - kontroll``); an unknown surname in ``Etternavn, Fornavn``
  (``Fjeldheim, Reidun``) — ``warn`` (``block`` with a listed first name);
* in a text all in small or all in capital letters, a name that is also a word right after a
  word for a consultation, or after ``med`` where the text ends or goes on with ``og`` or a dash
  (``samtale med per``, ``avtale med knut og liv``, ``videokonsultasjon haugen``) — ``warn``;
* the shape of a patronymic surname (``-sen``) counts only for a word the dictionary does not
  know (``Tellefsen``, not ``Ledelsen`` or ``Prosessen``);
* in a text with small letters, an all-capital word of up to four letters is an abbreviation
  (``LIS``, ``AMU``), not a name; in a text all in capitals only initials with dots count
  (``SAMTALE MED K.N.``, not ``MØTE I AMUNDSEN``), and in one all in small letters
  ``samtale med k.n.`` counts but ``m.m.``, ``e.l.`` do not;
* a name followed by an age (``Ella (12)``, ``Oliver, 15 år``, ``Lea 3 mnd``) — the name is a
  ``block``, and the age an ``age`` finding.

A name followed by an institution word is a place or an institution, not a person
(``Berg skole``, ``Tønsberg kommune``, ``Hansen legesenter``, ``Halfdan Wilhelmsens allé``,
``Amundsen-rommet``, ``Florence-prisen``), and so is one after ``St.``, ``Møterom`` or
``Prosjekt`` (``St. Olavs hospital``, ``Møterom Nansen``) — but a first name that is nothing
else followed by ``BUP``/``DPS`` is a person there (``IP Emma BUP``).

>>> [(k, s) for k, s, *_ in find_text("Oppfølging Kari Nordmann")]
[('person_name', 'block')]
>>> find_text("Møte med Tønsberg kommune")
[]
>>> find_text("Fagmøte Berg skole")
[]
"""

from __future__ import annotations

import re

from ._finding import Finding
from ._text import Doc
from .lexicon import is_word
from .name_shapes import (
    ALL_NAMES,
    AMBIGUOUS,
    FIRST_NAMES,
    SURNAME_PARTICLES,
    SURNAMES,
    VOWEL_RE,
    foreign_shape,
    is_cap,
    sen_name,
)
from .nynorsk import forms

__all__ = ["FIRST_NAMES", "SURNAMES", "AMBIGUOUS", "find", "find_text"]



# Words after which the next capitalised name is a person this meeting is about or with.
_TRIGGERS = frozenset(
    "med for til rundt hos om ang angående vedr vedrørende ad v ved mellom "
    "with about re regarding patient pt pas pasient pasienten pasientene fru herr frk mr mrs ms m "
    "ansvarsgruppe ansvarsgruppemøte hr ip case kasus "
    "familien fam familie family brukeren bruker beboer beboeren klient klienten "
    "ektemann kone mann sønn datter mor far bror søster barnet gutten jenta "
    # what a consultation with a named person is called
    "kontroll samtale oppfølging oppfølgingssamtale konsultasjon videokonsultasjon time timen "
    "innkalling vurdering utredning behandling hjemmebesøk "
    "consultation appointment follow-up call".split()
)
_TRIGGERS = forms(_TRIGGERS)
# After these even an ambiguous name counts fully.
# Words for a consultation with one person: two unknown capitalised words right after one are a name.
_CONSULT_TRIGGERS = frozenset(
    "samtale samtalen kontroll oppfølging oppfølgingssamtale konsultasjon videokonsultasjon "
    "videokons time timen hjemmebesøk innkalling tolkesamtale tolkemøte pasient pasienten pas pt "
    "patient consultation appointment follow-up".split()
)
_CONSULT_TRIGGERS = forms(_CONSULT_TRIGGERS)
# An interpreter at the meeting: a "Møte med" is with a patient.
_INTERPRETER = frozenset("tolk tolken tolking tolket interpreter".split())
# Capitalised words that start names of organisations, not of people.
_ORG_NAME_WORDS = frozenset(
    "norsk norske norges helse sykehuset sykehus statens nasjonal nasjonalt nasjonale regional "
    "regionalt regionale vestre søndre nordre østre nye ny store lille den det the of and for "
    "universitetet universitetssykehus oslo bergen vestfold telemark viken kirkens mental "
    "medisinsk kirurgisk klinikk avdeling seksjon senter akutt team gruppe prosjekt "
    # software and suppliers a consultation may be about
    "microsoft teams google apple cisco sopra steria siemens philips dips arena office windows "
    "outlook sharepoint onedrive zoom pexip webex epic visma atea evry tieto dedalus cerner "
    "oracle metavision synergi delta".split()
)
# Endings and beginnings of Norwegian words that are no names ("Pasientens Legemiddelliste").
_WORD_ENDINGS = ("ing", "sjon", "het", "else", "skap", "dom", "tet", "isme", "ment", "liste",
                 "ene", "ens", "ets", "ene", "tjeneste", "system", "ordning", "avtale", "møte",
                 "gruppe", "team", "teams", "plattform", "plattformen", "løsning", "metoder",
                 "register", "senter", "senteret", "kontor", "kontoret", "direktoratet", "tilsynet")
_WORD_STARTS = ("pasient", "helse", "sykehus", "syke", "lege", "medisin", "klinikk", "avdeling")
# Compounds that end in one of these are consultations too ("Pasientsamtale Lie").
_TRIGGER_TAILS = ("samtale", "samtalen", "konsultasjon", "konsultasjonen")
_TRIGGER_TAIL_RE = re.compile(r"(?:samtale|konsultasjon)(?:n|en)?(?![^\W\d_])")
_STRONG_TRIGGERS = frozenset(
    "pasient pasienten patient pt pas fru herr hr frk mr mrs ms familien fam family beboer "
    "beboeren klient klienten bruker brukeren".split()
)
_STRONG_TRIGGERS = forms(_STRONG_TRIGGERS)
# Rule 7: after these, a word that no name list and no dictionary knows is taken for a name
# ("Samtale med Dagfinn", "kontroll ulvestad", "Pasient Fjeldheim").
_SLOT_TRIGGERS = _CONSULT_TRIGGERS | _STRONG_TRIGGERS | frozenset(
    "med m for rundt hos om ang angående vedr vedrørende ad mellom with about re regarding "
    "ansvarsgruppe ansvarsgruppemøte legetime kontrolltime etterkontroll tolkemøte tolkesamtale "
    "ip hjemmebesøk innkalling kartlegging utredning vurdering".split()
)
_SLOT_TRIGGERS = forms(_SLOT_TRIGGERS)
# Of those, the bare prepositions: an unknown word after one is a name only in a consultation.
_PREPOSITIONS = forms("med m for om hos ang angående vedr vedrørende ad mellom with about re "
                      "regarding".split())
# Words that make a subject a consultation with one person (or a group around one person).
_CONSULT_WORDS = (_SLOT_TRIGGERS - _PREPOSITIONS - {"rundt"}) | _INTERPRETER
# In a text all in small or all in capital letters: after these (or at the end of the text, or
# before "og"), a name that is also a word is a name ("samtale med per", "videokonsultasjon haugen").
_UNCASED_NAME_END = frozenset("og and".split())

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
    "alle terrasse torget havn sjukehus sjukeheim kommunehus rådhus rådhuset "
    # rooms, buildings, awards, lectures and funds named after people ("Møte i Nansen-rommet",
    # "Amundsen-salen", "Florence-prisen")
    "rommet salen auditoriet auditorium møterom møterommet fløyen paviljongen prisen "
    "dagen dagene forelesningen foredraget stipend stipendet fond fondet legat legatet "
    "institutt instituttet stiftelsen skalaen scoren testen programmet "
    "building award lecture".split()
)
# Of those, abbreviations: after a first name that is nothing else they do not make a place
# ("IP Emma BUP": Emma at BUP; "Tønsberg BUP" is a place).
_ACRONYM_INSTITUTIONS = frozenset("dps bup vgs as asa hf sa".split()
)
# Capitalised words that do not make a surname after a first name ("Kari Kontroll" is only "Kari").
_NOT_SURNAME = frozenset(
    "kontroll samtale oppfølging time møte videokonsultasjon konsultasjon tverrfaglig og i på med "
    "for til fra om ang vedr pasient fagdag kurs undervisning the and with from".split()
)
# What may stand between two words of one name ("Kari Nordmann", "Ole-Martin", "LindaBerg", "Per_Olsen").
_ADJACENT_GAPS = frozenset((" ", "-", "  ", "", "_"))
# What may stand between a word such as "samtale" and a name ("Samtale_Linda", "Kontroll#Kari").
_TRIGGER_GAPS = frozenset(("", ".", ":", ",", "-", "\u2013", "/", "_", "#", "|", "+", "(", "@"))
# "Kari N.", "Ola N -": a first name with the initial of a surname.
_INITIAL_AFTER_RE = re.compile(r" ([A-ZÆØÅ]\.?)(?=$|[\s,;:\-)(])")
# Initials written with dots, in a text all in small or all in capital letters ("samtale med k.n.").
_DOTTED_INITIALS_RE = re.compile(
    r"(?<![^\W\d_])(?P<t>[^\W\d_]+)\.?:? (?:[-\u2013:] |\()?(?P<i>[^\W\d_]\. ?[^\W\d_]\.?(?: ?[^\W\d_]\.?)?)"
    r"(?![^\W\d_]|\. ?[^\W\d_]{2})"
)
# Abbreviations that look like initials.
_NOT_INITIALS = frozenset("m.m. m.m e.l. e.l o.l. o.l f.eks. bl.a. d.v.s. i.e. e.g. a.s. m.fl. "
                          "t.o.m. f.o.m. o.a. p.t. ev. kl. d.d.".split())


def _abbreviation(initials: str) -> bool:
    """"m.m.", "e.l." in small letters are abbreviations, not initials ("E.L." are initials)."""
    return initials.islower() and initials.replace(" ", "") in _NOT_INITIALS


_INITIALS_ONLY_RE = re.compile(
    r"(?<![^\W\d_])(?P<t>[^\W\d_]+)\.?:? (?:[-\u2013:] |\()?(?P<i>[A-ZÆØÅ]\. ?[A-ZÆØÅ]\.?(?: ?[A-ZÆØÅ]\.?)?|[A-ZÆØÅ]{2,3})"
    r"(?![^\W\d_]|\. ?[^\W\d_]{2})"
)
# Words for an appointment (also as the last part of a compound: "Kontrolltime", "Legesamtale",
# "Dagbehandling") after which initials with dots are a patient ("Kontrolltime E.L.", "Tilsyn N.N.").
_INITIALS_TAILS = ("time", "timen", "kontroll", "kontrollen", "samtale", "behandling", "besøk",
                   "tilsyn", "oppmøte", "konsultasjon", "vurdering", "utredning", "utgreiing",
                   "innkalling", "oppfølging", "undersøkelse", "vaksinering", "innleggelse")
_COMPANY_SUFFIXES = frozenset(("as", "asa", "ans", "da", "sa", "ab", "ltd", "inc"))
_PREV_NOT_PERSON = frozenset(
    "st sankt saint sykehuset helse prosjekt prosjektet project program programmet system "
    "systemet møterom sal salen bygg fløy operasjon".split()
)
_DOTTED_BEFORE_RE = re.compile(r"(?:[^\W\d_]\. ?-?){1,3}$")
_INITIALS_BEFORE_RE = re.compile(r"(?:(?:[A-ZÆØÅ]\. ?-?){1,3}|[A-ZÆØÅ]{1,2} )$")
_SEN_ENDS = ("sen", "son")
_AGE_AFTER_NAME_RE = re.compile(
    r",? ?(?P<a>\((?P<n>[0-9]{1,3})(?: ?(?:år|mnd|md|måneder|uker|years?|y))?\)"
    r"|(?P<n2>[0-9]{1,3}) ?(?:år|mnd|md|måneder|uker|dager|years?|y|yo|y/o)(?![^\W\d_]))"
)
_TRAILING_INITIAL_RE = re.compile(r" [A-ZÆØÅ]\.(?:$|[\s,\-])")
def _has_consult_word(tokset: frozenset[str], lower: str) -> bool:
    """The subject is a consultation with one person ("kontroll", "samtale", "pasient", "tolk")."""
    return (not _CONSULT_WORDS.isdisjoint(tokset) or not _INTERPRETER.isdisjoint(tokset)
            or _TRIGGER_TAIL_RE.search(lower) is not None)


def _maybe_unknown_name(toks: list[str], raw: list[str], cased: bool, lower: str) -> bool:
    """A quick look for what rules 7 and 8 need: a word no dictionary knows after a trigger, or
    two such words in a row (no other rule has anything to say when this is called)."""
    n = len(toks)
    for i in range(1, n):
        prev = toks[i - 1]
        t = toks[i]
        if len(t) < 3 or not (prev in _SLOT_TRIGGERS or prev.endswith(_TRIGGER_TAILS)):
            continue
        if cased and not raw[i][0].isupper() and prev not in _STRONG_TRIGGERS:
            continue
        if (prev in _PREPOSITIONS and not _has_consult_word(frozenset(toks), lower)
                and not (i + 1 < n and (not cased or raw[i + 1][0].isupper()))):
            continue
        if not is_word(t):
            return True
    for i in range(n - 1) if n == 2 or _has_consult_word(frozenset(toks), lower) else ():
        if cased and not (raw[i][0].isupper() and raw[i + 1][0].isupper()):
            continue
        if len(toks[i]) >= 3 and len(toks[i + 1]) >= 3 and not is_word(toks[i]) and not is_word(toks[i + 1]):
            return True
    if (n >= 2 and (not cased or raw[0][0].isupper())
            and (toks[1] in _CONSULT_TRIGGERS or toks[1].endswith(_TRIGGER_TAILS))):
        return not is_word(toks[0])
    return False


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string (for doctests and tools)."""
    return _find(Doc(text))


def _find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """Names of people in ``doc`` as (kind, severity, start, end) in ``doc.text`` offsets."""
    text, lower, words = doc.text, doc.lower, doc.parts
    n = len(words)
    if not n:
        return []
    cased = doc.cased
    toks = doc.part_toks
    raw = [text[s:e] for s, e in words]

    # What each token is: 0 not a name, 1 ambiguous name, 2 a name.
    kind = [0] * n
    first = [False] * n
    small = [False] * n  # a listed, unambiguous name written in small letters in a cased text
    for i in range(n):
        t = toks[i]
        if len(t) < 2 or (cased and len(t) <= 4 and raw[i].isupper()):
            continue  # in a text with small letters, "LIS", "AMU", "EVA" are abbreviations
        base = t
        if base not in ALL_NAMES and t.endswith("s") and t[:-1] in ALL_NAMES and i + 1 < n:
            base = t[:-1]  # genitive "Hansens sak" (not "Philips" at the end: a company)
        if base in ALL_NAMES:
            if cased and not is_cap(raw[i]):
                small[i] = base not in AMBIGUOUS and base == t
                continue
            kind[i] = 1 if base in AMBIGUOUS else 2
            first[i] = base in FIRST_NAMES
        elif len(t) >= 5 and foreign_shape(t) and (not cased or is_cap(raw[i])):
            kind[i] = 2  # "Bondarenko", "Wiśniewska", "Sivakumar": a surname from abroad
        elif (t in SURNAME_PARTICLES and i + 1 < n and (not cased or is_cap(raw[i]))
              and text[words[i][1]:words[i + 1][0]] in ("-", " ") and (not cased or is_cap(raw[i + 1]))
              and len(toks[i + 1]) >= 3 and toks[i + 1] not in _INSTITUTION_NEXT):
            kind[i] = 2  # "Al-Khatib", "Abu Bakr"
            if toks[i + 1] not in ALL_NAMES:
                kind[i + 1] = kind[i + 1] or 2
    if cased:
        initials = _INITIALS_ONLY_RE.search(text) is not None
    else:
        initials = any(not _abbreviation(m.group("i")) for m in _DOTTED_INITIALS_RE.finditer(text))
    has_consult = cased and (not _CONSULT_TRIGGERS.isdisjoint(doc.part_tokset)
                             or not _INTERPRETER.isdisjoint(doc.part_tokset)
                             or _TRIGGER_TAIL_RE.search(lower) is not None)
    if has_consult:  # Rule 6 needs two capitalised words in a row after the first word
        has_consult = any(raw[k][0].isupper() and raw[k + 1][0].isupper() for k in range(1, n - 1))
    if (not any(kind) and not any(small) and not initials and not any(t.endswith(_SEN_ENDS) for t in toks)
            and (not cased or _STRONG_TRIGGERS.isdisjoint(doc.part_tokset)) and not has_consult
            and not _maybe_unknown_name(toks, raw, cased, lower)):
        return []
    title = cased and n >= 3 and all(r[0].isupper() for r in raw)  # "Kostnad Per Dag": capitals say nothing
    if toks[-1] in _COMPANY_SUFFIXES and n > 1 and text[words[-1][0]:words[-1][1]].isupper():
        return []  # "Berg og Hansen AS": a company
    out: list[tuple[str, str, int, int]] = []
    covered = [False] * n

    def adjacent(i: int) -> bool:  # token i and i+1 touch (space or hyphen between)
        gap = text[words[i][1]:words[i + 1][0]]
        # "LindaBerg" (camel case), "Per_Olsen", "emma.olsen": glued
        return gap in _ADJACENT_GAPS or (gap == "." and text[words[i + 1][0]].islower()
                                         and words[i + 1][1] - words[i + 1][0] > 2)

    def institution_after(j: int) -> bool:
        if not (j + 1 < n and toks[j + 1] in _INSTITUTION_NEXT and adjacent(j)):
            return False
        # "IP Emma BUP": a first name that is nothing else, then an abbreviation: a person there
        return not (toks[j + 1] in _ACRONYM_INSTITUTIONS and first[j] and toks[j] not in SURNAMES
                    and toks[j] not in AMBIGUOUS)

    def place_after(j: int) -> bool:
        """An institution word follows, maybe after more capitalised words ("Halfdan
        Wilhelmsens allé", "Kong Olav Vs gate")."""
        for k in range(j, min(j + 3, n - 1)):
            if institution_after(k):
                return True
            if not (adjacent(k) and (raw[k + 1][0].isupper() or not cased)):
                return False
        return False

    def prev_blocks(i: int) -> bool:
        return i > 0 and toks[i - 1] in _PREV_NOT_PERSON

    def unknown(j: int) -> bool:
        """Token j is no listed name, no place, no word of an organisation and no dictionary word."""
        t = toks[j]
        if len(t) < 3 or kind[j] or t in ALL_NAMES or t in AMBIGUOUS or t in _ORG_NAME_WORDS:
            return False
        if t in _INSTITUTION_NEXT or t in _NOT_SURNAME or t in _TRIGGERS:
            return False
        if raw[j].isupper() and len(t) <= 5 and (cased or len(t) <= 3):
            return False  # an abbreviation ("LHL", "BUP")
        if not cased and (len(t) < 4 or not VOWEL_RE.search(t)):
            return False  # "ips", "rvts": with no capitals to tell, a short word is an abbreviation
        return not is_word(t)

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
              and is_cap(raw[i + 1]) and not raw[i + 1].isupper() and len(toks[i + 1]) >= 3
              and toks[i + 1] not in _NOT_SURNAME and not institution_after(i + 1)
              and not prev_blocks(i)):
            emit(i, i + 1, "block")  # "Kari Tveitan": a first name and a surname not in the lists
            i += 2
        elif (kind[i] and first[i] and (im := _INITIAL_AFTER_RE.match(text, words[i][1])) is not None
              and (kind[i] == 2  # an ambiguous first name ("Signe R.") needs the dot
                   or text.startswith(".", im.end(1) - 1))
              and not prev_blocks(i)):
            m = im
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
            is_surname = toks[i] in SURNAMES or (is_cap(raw[i]) and sen_name(toks[i]))
            if is_surname and (kind[i] == 2 or kind[i + 1] == 2 or toks[i] not in AMBIGUOUS):
                emit(i, i + 1, "block")
            elif is_surname and cased and is_cap(raw[i]) and is_cap(raw[i + 1]):
                emit(i, i + 1, "warn")  # "Strand, Tor": both are also words
            elif is_surname and not cased and i == 0:
                emit(i, i + 1, "warn")  # "bakke, tore - kontroll": a name first, no capitals to tell
            elif (not is_surname and (not cased or is_cap(raw[i])) and unknown(i)
                  and (i == 0 or toks[i - 1] in _SLOT_TRIGGERS)):
                # "Fjeldheim, Reidun": a surname no list knows, and no word either
                emit(i, i + 1, "block" if kind[i + 1] == 2 else "warn")

    # Rule 3: initials with a surname, either order ("K. Nordmann", "O.J. Hansen", "Hansen K.").
    for i in range(n):
        if covered[i] or not kind[i] or first[i] or institution_after(i):
            continue
        bm = (_INITIALS_BEFORE_RE if cased else _DOTTED_BEFORE_RE).search(
            text, max(0, words[i][0] - 10), words[i][0])
        if bm and (bm.start() == 0 or not text[bm.start() - 1].isalnum()):
            out.append(("person_name", "block", bm.start(), words[i][1]))
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
        if prev not in _TRIGGERS and not prev.endswith(_TRIGGER_TAILS):
            continue
        gap = text[words[i - 1][1]:words[i][0]]
        if gap.strip() not in _TRIGGER_GAPS or len(gap) > 3:
            continue
        if gap.strip() == "/" and prev != "m" and gap != "/":
            continue
        if institution_after(i) or place_after(i):
            continue
        strong_trigger = prev in _STRONG_TRIGGERS
        if kind[i] == 2:
            emit(i, i, "block")
        elif kind[i] == 1 and (not cased or is_cap(raw[i])):
            if strong_trigger:
                emit(i, i, "block")
            elif cased and not text[words[i][1]:words[i][1] + 2].strip().isdigit():
                emit(i, i, "warn")
            elif not cased and first[i] or prev in _CONSULT_TRIGGERS or prev.endswith(_TRIGGER_TAILS):
                # "samtale med per", "avtale med knut og liv", "videokonsultasjon haugen": a name
                # where the text ends or goes on with "og" or a dash
                rest = text[words[i][1]:words[i][1] + 3]
                if (i + 1 == n or toks[i + 1] in _UNCASED_NAME_END or rest[:2].strip() in ("-", ",", ":", "(")
                        or prev in _CONSULT_TRIGGERS) and not cased:
                    emit(i, i, "warn")
        elif small[i] and prev in _TRIGGERS:
            emit(i, i, "warn")
        elif cased and is_cap(raw[i]) and sen_name(toks[i]):
            emit(i, i, "block")
        elif (strong_trigger and cased and not title and is_cap(raw[i]) and not raw[i].isupper()
              and len(toks[i]) >= 3 and toks[i] not in _NOT_SURNAME):
            emit(i, i, "warn")  # "Pasient Rønningen": a surname the lists lack

    # Initials after a word for a patient or a consultation ("Pasient K.N.", "Kontroll T. H.",
    # "pas. KN").
    if initials:
        for m in (_INITIALS_ONLY_RE if cased else _DOTTED_INITIALS_RE).finditer(text):
            trig = m.group("t").lower()
            dotted = "." in m.group("i")
            if _abbreviation(m.group("i")):
                continue
            if trig in _TRIGGERS and (dotted or trig in _STRONG_TRIGGERS):
                out.append(("person_name", "block", m.start("i"), m.end("i")))
            elif dotted and (trig.endswith(_TRIGGER_TAILS) or trig.endswith(_INITIALS_TAILS)):
                out.append(("person_name", "block", m.start("i"), m.end("i")))

    # Rule 6: two capitalised words that no list knows, right after a word for a consultation
    # ("Kontroll Tsion Weldemariam", "Samtale med Hevin Barzani"): a name from abroad.
    if has_consult and (not title or n == 3):  # "Kontroll Tsion Weldemariam" is no title
        for i in range(1, n - 1):
            if covered[i] or covered[i + 1] or not adjacent(i):
                continue
            prev = toks[i - 1]
            gap = text[words[i - 1][1]:words[i][0]]
            if gap.strip() not in ("", ".", ":", "-", "\u2013", "/") or len(gap) > 3:
                continue
            consult = prev in _CONSULT_TRIGGERS or prev.endswith(_TRIGGER_TAILS)
            if prev in ("med", "m") and i >= 2:
                consult = (toks[i - 2] in _CONSULT_TRIGGERS or toks[i - 2].endswith(_TRIGGER_TAILS)
                           or not doc.part_tokset.isdisjoint(_INTERPRETER))
            if not consult:
                continue
            pair = (i, i + 1)
            if all(is_cap(raw[k]) and not raw[k].isupper() and len(toks[k]) >= 3
                   and toks[k] not in _NOT_SURNAME and toks[k] not in _ORG_NAME_WORDS
                   and toks[k] not in _INSTITUTION_NEXT and (kind[k] == 0 or k == i + 1)
                   and not toks[k].endswith(_WORD_ENDINGS) and not toks[k].startswith(_WORD_STARTS)
                   for k in pair) and not place_after(i + 1):
                emit(i, i + 1, "warn")

    # Rule 7: a word no list and no dictionary knows, where a person would stand: after a word for
    # a consultation, a patient or a preposition such as "med", "for", "rundt" ("Samtale med
    # Dagfinn", "kontroll ulvestad", "PASIENT FJELDHEIM"). In a text with capitals it must be
    # capitalised (any case after "pasient", "fru", "familien"). Runs on over following unknown
    # words or names ("Gudleik Tveitan").
    consult_ctx = _has_consult_word(doc.part_tokset, lower)
    for i in range(1, n):
        if covered[i]:
            continue
        prev = toks[i - 1]
        if prev not in _SLOT_TRIGGERS and not prev.endswith(_TRIGGER_TAILS):
            continue
        gap = text[words[i - 1][1]:words[i][0]]
        if gap.strip() not in _TRIGGER_GAPS or len(gap) > 3:
            continue
        if gap.strip() == "/" and prev != "m" and gap != "/":
            continue
        if cased and not (is_cap(raw[i]) and not raw[i].isupper()) and prev not in _STRONG_TRIGGERS:
            continue
        if title and n > 3:
            continue
        if not unknown(i) or institution_after(i) or place_after(i) or prev_blocks(i):
            continue
        j = i
        while (j + 1 < n and adjacent(j) and not covered[j + 1]
               and (kind[j + 1] == 2 or unknown(j + 1)) and (not cased or is_cap(raw[j + 1]))):
            j += 1
        if institution_after(j):
            continue
        if prev in _PREPOSITIONS and not consult_ctx and j == i:
            continue  # "Møte med Telenor": one unknown word after a bare preposition is as often a firm
        emit(i, j, "warn")

    # Rule 8: in a subject about a consultation (or of two words only), two words in a row that no
    # list and no dictionary knows, capitalised in a text with small letters ("Gudleik Tveitan -
    # samtale"), or in any case in a text without ("kontroll gudleik tveitan"); and one such word
    # (capitalised where capitals tell) that starts the subject before a word for a consultation
    # ("Tveitan - kontroll", "fjeldheim kontroll").
    pair_ctx = n == 2 or consult_ctx
    for i in range(n - 1) if pair_ctx and not (title and n > 3) else ():
        if cased and not (raw[i][0].isupper() and raw[i + 1][0].isupper()):
            continue
        if covered[i] or covered[i + 1] or not adjacent(i):
            continue
        if cased and not all(is_cap(raw[k]) and not raw[k].isupper() for k in (i, i + 1)):
            continue
        if not (unknown(i) and unknown(i + 1)) or prev_blocks(i) or place_after(i):
            continue
        emit(i, i + 1, "warn")
    if n >= 2 and not covered[0] and (not cased or (is_cap(raw[0]) and not raw[0].isupper())):
        gap = text[words[0][1]:words[1][0]].strip()
        if (gap in ("", "-", "\u2013", ":", ",")
                and (toks[1] in _CONSULT_TRIGGERS or toks[1].endswith(_TRIGGER_TAILS)) and unknown(0)):
            emit(0, 0, "warn")

    # Rule 5: a -sen surname alone, a listed name alone.
    for i in range(n):
        if covered[i]:
            continue
        if kind[i] == 2 and not institution_after(i) and not prev_blocks(i) and not place_after(i):
            emit(i, i, "warn")
        elif (cased and i > 0 and is_cap(raw[i]) and not raw[i].isupper()
              and sen_name(toks[i]) and not institution_after(i)
              and not prev_blocks(i)):
            emit(i, i, "warn")

    # A name followed by an age ("Ella (12)", "Oliver, 15 år", "Lea 3 mnd"): the age, and the name
    # becomes a block.
    if doc.has_digit:
        for idx in range(len(out)):
            nk, _, s0, e0 = out[idx]
            am = _AGE_AFTER_NAME_RE.match(text, e0)
            if am and int(am.group("n") or am.group("n2")) <= 110:
                out[idx] = (nk, "block", s0, e0)
                out.append(("age", "block", am.start("a"), am.end()))
    return out


def find(doc: Doc) -> list[Finding]:
    """Names of people in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc)]
