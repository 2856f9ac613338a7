"""A patient's appointment named by its clinic, ward or team (kind ``health``).

``Time ved revmatologisk poliklinikk`` tells both what the meeting is about and that it is with a
patient, as much as a diagnosis does; ``Fagdag for poliklinikkene`` or ``Kreftavdelingen –
budsjettmøte`` is the department's own business. The guideline (the subject must not tell what the
meeting is about or who it is with) is applied per phrase:

* a word for an appointment of one person (``time``, ``kontroll``, ``oppfølging``, ``samtale``,
  ``innkalling``, ``videokonsultasjon``, ``utredning``, nynorsk ``utgreiing``; also as the last
  part of a compound: ``Kontrolltime``, ``Legesamtale``) or ``poliklinisk``,
* with a unit of care named (a bare ``poliklinikk`` names none): ``poliklinikk``, ``klinikk``, ``avdeling``, ``sengepost``, ``team``,
  ``ambulatorium``, ``habilitering``, ``tjeneste``, ``intensiv``, ``BUP``, ``DPS``, ``ØNH`` — as a
  word or as the last part of a compound (``hudpoliklinikken``, ``barnehabiliteringen``,
  ``akutteamet``), never inside a word (``Skolegata`` holds no ``skole``),
* and no word of the unit's own business (a meeting: ``-møte``; a course, a budget, staffing, a
  plan, a deviation, a waiting list: :data:`ADMIN_PARTS`),

is a ``warn`` on the unit (a ``block`` next to a person, by :func:`core.sensitive.scan`).
:func:`appointment_at_unit` tells :mod:`.health` that such a subject is no subject about the
organisation, so the unit no longer silences the health terms in it.

>>> find_text("Time ved revmatologisk poliklinikk")
[('health', 'warn', 9, 34)]
>>> find_text("Samtale hos BUP Tønsberg")
[('health', 'warn', 12, 15)]
>>> find_text("Fagdag for poliklinikkene"), find_text("Oppfølging av handlingsplan, ruspoliklinikken")
([], [])
"""

from __future__ import annotations

import re

from ._finding import Finding
from ._text import Doc
from ._trie import trie_pattern
from .nynorsk import forms

__all__ = ["find", "find_text", "appointment_at_unit", "ADMIN_PARTS"]

KIND = "health"

# Units of care, as a word or as the last part of a compound, with their inflected forms.
_UNITS = ("poliklinikk", "klinikk", "avdeling", "sengepost", "team", "ambulatori", "habilitering",
          "tjeneste", "intensiv", "senter", "ward", "clinic", "unit", "mottak", "dagenhet",
          "behandlingsenhet", "overvåkning", "overvaking", "sykehusinstitusjon", "dps", "bup", "ønh",
          "vpp", "rehabilitering", "lab", "laboratori")
_UNIT_RE = re.compile(
    r"(?<![^\W\d_-])(?:[^\W\d_]+-?)?(?:" + trie_pattern(sorted(forms(_UNITS), key=len, reverse=True))
    + r")(?:en|et|ene|a|er|ane|ar|n|et|um|umet|s)?(?![^\W\d_])"
)
# An adjective before the unit belongs to its name ("revmatologisk poliklinikk").
# A unit word alone names no unit.
_BARE_UNIT_RE = re.compile(r"(?:poliklinikk|klinikk|avdeling|sengepost|team|tjeneste|senter|mottak|"
                           r"ward|clinic|unit|lab|laboratori)(?:en|et|ene|a|er|um|umet)?")
_ADJECTIVE_BEFORE_RE = re.compile(r"(?:[^\W\d_]+(?:sk|ske|ært|ær) )+$")
_APPOINTMENTS = ("time", "timen", "timer", "kontroll", "kontrollen", "oppfølging", "oppfølgingen",
                 "samtale", "samtalen", "innkalling", "konsultasjon", "videokonsultasjon",
                 "utredning", "utgreiing", "vurdering", "behandling", "undersøkelse", "undersøking",
                 "innleggelse", "innlegging", "oppmøte", "appointment", "follow-up", "poliklinisk",
                 "dagbehandling", "konsultasjonen", "henvisning", "tilvising", "besøk")
_APPOINTMENT_RE = re.compile(r"(?:" + trie_pattern(_APPOINTMENTS) + r")(?![^\W\d_])")
#: Word parts of a unit's own business: a subject with one is about the organisation.
ADMIN_PARTS = tuple(sorted(forms((
    "møte", "møtet", "møter", "fagdag", "kurs", "undervisning", "opplæring", "budsjett", "bemanning",
    "turnus", "vaktplan", "ventelist", "avvik", "handlingsplan", "timebok", "rutine", "seminar",
    "planlegging", "strategi", "kvalitet", "prosjekt", "statistikk", "rapport", "evaluering",
    "drift", "ledelse", "leder", "rekruttering", "samarbeid", "ansatte", "personal", "fagmøte",
    "system", "journal", "utstyr", "innkjøp", "rekvisisjon", "tilsyn fra", "omvisning",
    "informasjon", "nyansatt", "nytilsett", "hospitering", "veiledning", "supervisjon", "forum",
    "nettverk", "konferanse", "workshop", "webinar", "lunsj", "julebord", "sommerfest",
    "internundervisning", "simulering", "øvelse", "forbedring", "pasientsikkerhet",
    "retningslinje", "prosedyre", "sertifisering", "akkreditering", "revisjon", "flytting",
    "ombygging", "kapasitet", "lønn", "arbeidsmiljø", "medarbeider", "ferie", "sykefravær",
    "tavle", "status", "mandat", "organisering", "omorganisering", "pasientflyt", "logistikk",
    "journalføring", "dokumentasjon", "koding", "meeting", "training", "budget", "staff",
    "avtale", "pilot", "ny tjeneste", "nytt tilbud", "tilbud", "gjennomgang", "plan",
))))
_ADMIN_RE = re.compile(trie_pattern(ADMIN_PARTS))


def find_text(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`find` on a plain string."""
    return _find(Doc(text))


def _units(doc: Doc) -> list[tuple[int, int]]:
    lower = doc.lower
    if not any(t.endswith(_APPOINTMENTS) for t in doc.toks):  # (cheaper than the pattern)
        return []
    if _APPOINTMENT_RE.search(lower) is None or _ADMIN_RE.search(lower) is not None:
        return []
    out = []
    for m in _UNIT_RE.finditer(lower):
        if _BARE_UNIT_RE.fullmatch(m.group()) is not None:
            # "Videokonsultasjon poliklinikk": which clinic? Named only by an adjective before it
            # ("ortopedisk poliklinikk") or a name after it ("avdeling Tønsberg" is still none)
            b = _ADJECTIVE_BEFORE_RE.search(lower, max(0, m.start() - 40), m.start())
            if b is None or _APPOINTMENT_RE.fullmatch(b.group().split()[0]) is not None:
                continue
        out.append(m.span())
    return out


def appointment_at_unit(doc: Doc) -> bool:
    """The subject is one person's appointment at a named unit of care."""
    return bool(_units(doc))


def _find(doc: Doc) -> list[tuple[str, str, int, int]]:
    """A patient's appointment at a named unit, as (kind, severity, start, end) in ``doc.text``."""
    out: list[tuple[str, str, int, int]] = []
    for s, e in _units(doc):
        b = _ADJECTIVE_BEFORE_RE.search(doc.lower, max(0, s - 40), s)
        if b is not None and _APPOINTMENT_RE.fullmatch(b.group().split()[0]) is None:
            s = b.start()
        out.append((KIND, "warn", s, e))
    return out


def find(doc: Doc) -> list[Finding]:
    """A patient's appointment at a named unit in ``doc`` (offsets into ``doc.text``)."""
    return [Finding(k, s, a, b) for k, s, a, b in _find(doc)]
