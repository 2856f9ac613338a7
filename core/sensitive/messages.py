"""What the bot says about a finding, in Norwegian Bokmål (``nb``) and English (``en``).

Texts never repeat what was found: a number is shown, if at all, with every digit masked. The rule
(why a subject must not tell who or what) is said once, by :func:`rule`; each finding then gets one
short line (:func:`explain`): what was found for a ``block``, what *may* be sensitive and why for a
``warn`` (the organizer decides, as a separate, deliberate step).
"""

from __future__ import annotations

from ._finding import Finding

__all__ = ["explain", "explain_all", "rule", "suggest", "mask", "masked_excerpt", "language"]

_WHY = {
    "nb": "Emnet sendes ut i e-post- og SMS-invitasjoner og vises i videoportalen, så det må ikke si "
          "hvem møtet gjelder eller hva det handler om (helsepersonelloven § 21).",
    "en": "The subject is sent out in e-mail and SMS invitations and shown in the video portal, so it "
          "must not tell who the meeting is about or what it concerns (Norwegian Health Personnel Act § 21).",
}

# One short line per finding: what was found (a block) ...
_FOUND = {
    "national_id": {"nb": "Et fødselsnummer, D-nummer eller annet personnummer",
                    "en": "A national identity number (fødselsnummer, D-number or similar)"},
    "birth_date": {"nb": "En fødselsdato", "en": "A date of birth"},
    "age": {"nb": "En persons alder", "en": "A person's age"},
    "phone": {"nb": "Et telefonnummer", "en": "A phone number"},
    "email": {"nb": "En e-postadresse", "en": "An e-mail address"},
    "address": {"nb": "En adresse der noen bor", "en": "The address where someone lives"},
    "person_name": {"nb": "Navnet på en person", "en": "A person's name"},
    "health": {"nb": "Noe om helse, en diagnose, en behandling eller et behandlingssted",
               "en": "Something about health, a diagnosis, a treatment or a place of treatment"},
    "patient_reference": {"nb": "En bestemt pasient eller pårørende",
                          "en": "A specific patient or relative"},
}
# ... and what may be sensitive, and why (a warn).
_MAY = {
    "national_id": _FOUND["national_id"],
    "birth_date": {"nb": "Kan være en fødselsdato: sammen med noe annet peker den ut en person",
                   "en": "May be a date of birth: with anything else it points at a person"},
    "age": {"nb": "Kan være en persons alder: sammen med noe annet peker den ut en person",
            "en": "May be a person's age: with anything else it points at a person"},
    "phone": _FOUND["phone"],
    "email": _FOUND["email"],
    "address": {"nb": "Kan være en adresse: sier hvor noen bor", "en": "May be an address: tells where someone lives"},
    "person_name": {"nb": "Kan være et navn: sier hvem møtet gjelder",
                    "en": "May be a name: tells who the meeting is about"},
    "health": {"nb": "Kan si noe om helse, en diagnose eller et behandlingssted: sier hva møtet handler om",
               "en": "May say something about health, a diagnosis or a place of treatment: tells what the "
                     "meeting is about"},
    "patient_reference": {"nb": "Kan peke på en bestemt pasient eller pårørende: sier hvem møtet gjelder",
                          "en": "May point at a specific patient or relative: tells who the meeting is about"},
}
_GENERIC = {"nb": "Noe som kan være sensitivt", "en": "Something that may be sensitive"}
_RULE = {
    "block": {"nb": "Emnet kan ikke brukes. " + _WHY["nb"] + " Dette fant vi:",
              "en": "The subject cannot be used. " + _WHY["en"] + " This is what we found:"},
    "warn": {"nb": "Emnet kan være sensitivt. " + _WHY["nb"] + " Dette kan være sensitivt:",
             "en": "The subject may be sensitive. " + _WHY["en"] + " This may be sensitive:"},
}
_DIGIT_KINDS = frozenset({"national_id", "phone", "birth_date", "age"})

_SUGGESTIONS = {
    "nb": ["Videokonsultasjon", "Tverrfaglig møte", "Fagmøte", "Samtale", "Oppfølging",
           "Veiledning", "Samarbeidsmøte", "Digitalt møte"],
    "en": ["Video consultation", "Multidisciplinary meeting", "Professional meeting",
           "Conversation", "Follow-up", "Supervision", "Collaboration meeting", "Online meeting"],
}
# A neutral subject for a kind of template, found by a word of its name or id.
_FOR_TEMPLATE = (
    ("videokonsultasjon", {"nb": "Videokonsultasjon", "en": "Video consultation"}),
    ("sensitiv", {"nb": "Samtale", "en": "Conversation"}),
    ("videomøte", {"nb": "Videomøte", "en": "Video meeting"}),
    ("videomote", {"nb": "Videomøte", "en": "Video meeting"}),
    ("hurtig", {"nb": "Digitalt møte", "en": "Online meeting"}),
)


def language(locale: str | None) -> str:
    """``nb`` for Norwegian locales (nb, nn, no, with or without region), else ``en``."""
    if not locale:
        return "nb"
    lang = locale.replace("_", "-").split("-")[0].lower()
    return "nb" if lang in ("nb", "nn", "no") else "en"


def masked_excerpt(text: str, finding: Finding) -> str:
    """The flagged span with every digit replaced by ``•`` (``010190 12345`` → ``•••••• •••••``)."""
    return "".join("•" if c.isdigit() else c for c in text[finding.start:finding.end])


def rule(severity: str, locale: str = "nb") -> str:
    """The rule, said once above the findings: why the subject cannot be used (``block``) or why it
    may be sensitive (``warn``).

    >>> rule("warn").startswith("Emnet kan være sensitivt.")
    True
    """
    return _RULE["block" if severity == "block" else "warn"][language(locale)]


def explain(finding: Finding, locale: str = "nb", text: str | None = None) -> str:
    """One short line about one finding: what was found (a ``block``), or what may be sensitive and
    why (a ``warn``). The rule itself is said once, by :func:`rule`.

    With ``text`` (the subject the finding came from) a number-like finding is shown with its
    digits masked; names and health terms are never echoed.

    >>> explain(Finding("national_id", "block", 8, 19), "nb", "Samtale 01019012345")
    'Et fødselsnummer, D-nummer eller annet personnummer (•••••••••••)'
    >>> explain(Finding("person_name", "warn", 8, 13), "nb", "Samtale Ingrid")
    'Kan være et navn: sier hvem møtet gjelder'
    """
    lang = language(locale)
    table = _FOUND if finding.severity == "block" else _MAY
    line = table.get(finding.kind, _GENERIC)[lang]
    if text is not None and finding.kind in _DIGIT_KINDS:
        line += f" ({masked_excerpt(text, finding)})"
    return line


def explain_all(findings: list[Finding], locale: str = "nb", text: str | None = None) -> list[str]:
    """The rule once, then one line per finding (the same line once), blocks first.

    >>> for line in explain_all([Finding("person_name", "block", 12, 23), Finding("health", "block", 0, 11)]):
    ...     print(line[:40])
    Emnet kan ikke brukes. Emnet sendes ut i
    Navnet på en person
    Noe om helse, en diagnose, en behandling
    """
    if not findings:
        return []
    severity = "block" if any(f.severity == "block" for f in findings) else "warn"
    lines = [rule(severity, locale)]
    for f in sorted(findings, key=lambda f: f.severity != "block"):
        line = explain(f, locale, text)
        if line not in lines:
            lines.append(line)
    return lines


def suggest(locale: str = "nb", template: str | None = None) -> list[str]:
    """Neutral subjects the organizer may use instead; with ``template`` (the chosen template's name
    or id) the one that suits it first.

    >>> suggest("nb", "Videomøte (50, FullHD, Chat) (nb)")[0]
    'Videomøte'
    """
    lang = language(locale)
    out = list(_SUGGESTIONS[lang])
    if template:
        low = template.lower()
        for word, subject in _FOR_TEMPLATE:
            if word in low:
                out = [subject[lang]] + [s for s in out if s != subject[lang]]
                break
    return out


def mask(text: str, findings: list[Finding]) -> str:
    """``text`` with every flagged span replaced by ``•••`` (overlapping spans merged)."""
    spans = sorted((f.start, f.end) for f in findings if 0 <= f.start < f.end)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = []
    pos = 0
    for s, e in merged:
        out.append(text[pos:s])
        out.append("•••")
        pos = e
    out.append(text[pos:])
    return "".join(out)
