"""What the bot says about a finding, in Norwegian Bokmål (``nb``) and English (``en``).

Texts never repeat what was found: a number is shown, if at all, with every digit masked.
"""

from __future__ import annotations

from ._finding import Finding

__all__ = ["explain", "suggest", "mask", "masked_excerpt", "language"]

_WHY = {
    "nb": "Emnet sendes ut i e-post- og SMS-invitasjoner og vises i videoportalen, så det kan ikke "
          "inneholde taushetsbelagte opplysninger (helsepersonelloven § 21).",
    "en": "The subject is sent out in e-mail and SMS invitations and shown in the video portal, so "
          "it must not contain confidential information (Norwegian Health Personnel Act § 21).",
}

_WHAT = {
    "national_id": {
        "nb": "Emnet ser ut til å inneholde et fødselsnummer, D-nummer eller annet personnummer",
        "en": "The subject seems to contain a national identity number (fødselsnummer, D-number or similar)",
    },
    "birth_date": {
        "nb": "Emnet ser ut til å inneholde en fødselsdato",
        "en": "The subject seems to contain a date of birth",
    },
    "age": {
        "nb": "Emnet ser ut til å oppgi en persons alder",
        "en": "The subject seems to state a person's age",
    },
    "phone": {
        "nb": "Emnet inneholder et telefonnummer",
        "en": "The subject contains a phone number",
    },
    "email": {
        "nb": "Emnet inneholder en e-postadresse",
        "en": "The subject contains an e-mail address",
    },
    "address": {
        "nb": "Emnet ser ut til å inneholde en adresse",
        "en": "The subject seems to contain a street address",
    },
    "person_name": {
        "nb": "Emnet ser ut til å inneholde navnet på en person",
        "en": "The subject seems to contain a person's name",
    },
    "health": {
        "nb": "Emnet ser ut til å si noe om helse, diagnose eller et sensitivt tema",
        "en": "The subject seems to say something about health, a diagnosis or a sensitive topic",
    },
    "patient_reference": {
        "nb": "Emnet ser ut til å peke på en bestemt pasient eller pårørende",
        "en": "The subject seems to point at a specific patient or relative",
    },
}
_GENERIC = {
    "nb": "Emnet kan inneholde sensitiv informasjon",
    "en": "The subject may contain sensitive information",
}
_ACTION = {
    "block": {
        "nb": "Skriv et nøytralt emne uten navn, tall eller tema, for eksempel «Videokonsultasjon».",
        "en": "Please write a neutral subject without names, numbers or topics, for example \"Video consultation\".",
    },
    "warn": {
        "nb": "Bekreft at emnet ikke sier hvem møtet gjelder eller hva det handler om, eller endre det.",
        "en": "Please confirm that the subject does not tell who the meeting is about or what it concerns, or change it.",
    },
}
_DIGIT_KINDS = frozenset({"national_id", "phone", "birth_date", "age"})

_SUGGESTIONS = {
    "nb": ["Videokonsultasjon", "Tverrfaglig møte", "Fagmøte", "Samtale", "Oppfølging",
           "Veiledning", "Samarbeidsmøte", "Digitalt møte"],
    "en": ["Video consultation", "Multidisciplinary meeting", "Professional meeting",
           "Conversation", "Follow-up", "Supervision", "Collaboration meeting", "Online meeting"],
}


def language(locale: str | None) -> str:
    """``nb`` for Norwegian locales (nb, nn, no, with or without region), else ``en``."""
    if not locale:
        return "nb"
    lang = locale.replace("_", "-").split("-")[0].lower()
    return "nb" if lang in ("nb", "nn", "no") else "en"


def masked_excerpt(text: str, finding: Finding) -> str:
    """The flagged span with every digit replaced by ``•`` (``010190 12345`` → ``•••••• •••••``)."""
    return "".join("•" if c.isdigit() else c for c in text[finding.start:finding.end])


def explain(finding: Finding, locale: str = "nb", text: str | None = None) -> str:
    """One or two sentences: what was found, why it is not allowed, what to do.

    With ``text`` (the subject the finding came from) a number-like finding is shown with its
    digits masked; names and health terms are never echoed.
    """
    lang = language(locale)
    what = _WHAT.get(finding.kind, _GENERIC)[lang]
    if text is not None and finding.kind in _DIGIT_KINDS:
        what += f" ({masked_excerpt(text, finding)})"
    action = _ACTION.get(finding.severity, _ACTION["warn"])[lang]
    return f"{what}. {_WHY[lang]} {action}"


def suggest(locale: str = "nb") -> list[str]:
    """Neutral subjects the organizer may use instead."""
    return list(_SUGGESTIONS[language(locale)])


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
