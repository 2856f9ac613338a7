"""Invitee lists of a "Ny avtale": e-mail and SMS text -> validated, normalised, de-duplicated.

The card (contracts.md section 3) submits two free-text inputs and a toggle:

``emails``
    addresses separated by commas, semicolons, spaces or new lines; a trailing separator is fine.
``sms``
    numbers separated by commas, semicolons or new lines; spaces *inside* a number belong to it
    (``+47 923 45 678``). Tabs and other blanks inside a number are ignored as well.
``consent``
    ``"true"`` / ``"false"`` from an ``Input.Toggle`` (a bool is accepted too): the organizer confirms
    the invitees accepted contact by e-mail/SMS (the guideline: "forutsetter at de har akseptert
    kommunikasjon via e-post / SMS").

Rules
-----
* E-mail: syntax only, with ``email_validator.validate_email(addr, check_deliverability=False)``;
  the normalised form is kept (domain in lower case, IDNA domains in Unicode). Duplicates are
  compared case-insensitively; the first spelling wins.
* SMS: parsed with ``phonenumbers`` in default region ``NO`` (so ``92345678`` and
  ``0047 923 45 678`` both mean ``+4792345678``), must be a valid number and of type ``MOBILE`` or
  ``FIXED_LINE_OR_MOBILE``; kept in E.164. Only digits, blanks, ``+ - . ( )`` are allowed in an
  entry: letters (vanity numbers, ``ext. 12``) are refused rather than silently dropped.
  Duplicates are compared in E.164.
* Limits: at most ``max_participants - 1`` invitees in all (**the organizer takes a seat** of the
  template's ``max_participants``); a person invited both by e-mail and by SMS counts twice, since the
  bot cannot know it is the same person. Entries that are invalid still count (once corrected they
  are invitees). Independently of the template: at most :data:`MAX_PER_LIST` distinct entries per
  list, :data:`MAX_ENTRY_LENGTH` characters per entry and :data:`MAX_TEXT_LENGTH` characters per
  list text (a longer text is not parsed at all).
* Consent: required whenever either list has any entry (valid or not).
* Both lists empty is fine: the organizer sends the link themself.

:func:`parse_invitees` never raises on what a card submit can hold: ``None`` is an empty list, any
other non-``str`` value is the problem ``invalid_type``. It reports every problem at once, each bad
entry once, in the order typed (e-mail problems, then SMS, then limits, then consent).

Problem codes (:class:`InviteeProblem`.code):

=====================  =======================================================================
``invalid_type``       the input is not text (``field`` says which; ``entry`` is None)
``invalid_email``      ``entry`` is not an e-mail address
``invalid_phone``      ``entry`` is not a valid phone number
``landline``           ``entry`` is a valid number but not a mobile one (landline, toll-free, ...)
``too_long``           ``entry`` longer than ``limit`` characters, or (``entry`` None) the whole
                       text of ``field`` longer than ``limit`` characters
``too_many``           more than ``limit`` invitees (``field`` None: the template's limit) or
                       more than ``limit`` entries in ``field``
``consent_required``   someone is invited but ``consent`` is not true
=====================  =======================================================================

Privacy: addresses and numbers are personal data. This module never logs; the ``repr`` of
:class:`Invitees` and :class:`InviteeProblem` shows counts and codes only, so an accidental
``log.info("%r", invitees)`` leaks nothing. Use :func:`mask_email` / :func:`mask_phone` where a
short display is needed.

Examples::

    >>> inv, problems = parse_invitees("Ola@Example.NO, kari@example.no,", "923 45 678", "true", 15)
    >>> inv.emails, inv.sms, problems
    (('Ola@example.no', 'kari@example.no'), ('+4792345678',), [])
    >>> for problem in parse_invitees("ola@", "+47 33 34 20 00", "false", 15)[1]:
    ...     print(problem)
    InviteeProblem(code='invalid_email', field='emails')
    InviteeProblem(code='landline', field='sms')
    InviteeProblem(code='consent_required', field='consent')
    >>> format_phone("+4792345678"), mask_phone("+4792345678"), mask_email("ola@example.no")
    ('+47 923 45 678', '+47 ••• •• 678', 'o***@example.no')
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import phonenumbers
from email_validator import EmailNotValidError, validate_email

__all__ = [
    "DEFAULT_REGION",
    "MAX_ENTRY_LENGTH",
    "MAX_PER_LIST",
    "MAX_TEXT_LENGTH",
    "ORGANIZER_SEATS",
    "InviteeProblem",
    "Invitees",
    "format_phone",
    "invitee_limit",
    "mask_email",
    "mask_phone",
    "parse_consent",
    "parse_invitees",
    "split_emails",
    "split_sms",
]

#: Region assumed for numbers typed without a country code.
DEFAULT_REGION = "NO"
#: Distinct entries allowed in one list, whatever the template says.
MAX_PER_LIST = 100
#: Characters allowed in one entry (the SMTP limit of an address).
MAX_ENTRY_LENGTH = 254
#: Characters allowed in one list's text; a longer text is refused without parsing.
MAX_TEXT_LENGTH = 10_000
#: Seats of the template's ``max_participants`` taken by the organizer.
ORGANIZER_SEATS = 1

# How much of an over-long entry is echoed back in a problem.
_ECHO_LENGTH = 64

_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)

# E-mail: commas, semicolons and any whitespace (Unicode too: NBSP from copy-paste, line breaks).
_EMAIL_SEPARATORS = re.compile(r"[,;\s]+")
# SMS: commas, semicolons and line breaks only (every character str.splitlines() breaks on).
_SMS_SEPARATORS = re.compile(r"[,;\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# What a phone entry may contain once NFKC-normalised: an optional leading + (or "(+"), digits, blanks and
# the usual punctuation. Letters (vanity numbers, "ext.") are refused rather than dropped.
_PHONE_CHARS = re.compile(r"\(?\+?[\d\s().\-]*\d[\d\s().\-]*")


@dataclass(frozen=True)
class InviteeProblem:
    """One thing wrong with the invitee inputs.

    ``code``: see the module docstring. ``entry``: the offending entry as typed (shortened when
    over-long), or None when the problem is about a whole input. ``field``: the card input id it
    belongs to (``"emails"``, ``"sms"``, ``"consent"``) or None for the overall limit. ``limit``:
    the number a ``too_many`` / ``too_long`` problem exceeded.
    """

    code: str
    entry: str | None = None
    field: str | None = None
    limit: int | None = None

    def __repr__(self) -> str:  # no entry: it is personal data
        parts = [f"code={self.code!r}"]
        if self.field is not None:
            parts.append(f"field={self.field!r}")
        if self.limit is not None:
            parts.append(f"limit={self.limit!r}")
        return f"InviteeProblem({', '.join(parts)})"


@dataclass(frozen=True)
class Invitees:
    """Validated invitees: e-mail addresses (normalised) and mobile numbers (E.164), in typed order."""

    emails: tuple[str, ...] = ()
    sms: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.emails) + len(self.sms)

    def __bool__(self) -> bool:
        return self.total > 0

    def __repr__(self) -> str:  # counts only: addresses and numbers are personal data
        return f"Invitees(emails={len(self.emails)}, sms={len(self.sms)})"


# --------------------------------------------------------------------------------------- splitting


def split_emails(text: str | None) -> list[str]:
    """Split an e-mail list on commas, semicolons and whitespace; empty pieces are dropped.

    >>> split_emails("a@x.no, b@x.no;c@x.no\\nd@x.no e@x.no,")
    ['a@x.no', 'b@x.no', 'c@x.no', 'd@x.no', 'e@x.no']
    """
    if text is None:
        return []
    if not isinstance(text, str):
        raise TypeError("e-mail list must be text")
    return [piece for piece in _EMAIL_SEPARATORS.split(text) if piece]


def split_sms(text: str | None) -> list[str]:
    """Split an SMS list on commas, semicolons and line breaks; pieces are stripped, empty ones dropped.

    >>> split_sms("+47 923 45 678, 98765432;\\n0047 412 34 567,")
    ['+47 923 45 678', '98765432', '0047 412 34 567']
    """
    if text is None:
        return []
    if not isinstance(text, str):
        raise TypeError("SMS list must be text")
    return [piece.strip() for piece in _SMS_SEPARATORS.split(text) if piece.strip()]


# -------------------------------------------------------------------------------------- validation


def _normalise_email(entry: str) -> str | None:
    try:
        result = validate_email(entry, check_deliverability=False)
    except EmailNotValidError:
        return None
    except Exception:  # noqa: BLE001 - a library bug on odd input must not break a card submit
        return None
    local, _, domain = result.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def _parse_phone(entry: str) -> tuple[str | None, str | None]:
    """``(e164, None)`` for a valid mobile number, else ``(None, problem_code)``."""
    compact = unicodedata.normalize("NFKC", entry).strip()
    if not _PHONE_CHARS.fullmatch(compact):
        return None, "invalid_phone"
    try:
        number = phonenumbers.parse(compact, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None, "invalid_phone"
    except Exception:  # noqa: BLE001 - see _normalise_email
        return None, "invalid_phone"
    if number.extension or not phonenumbers.is_valid_number(number):
        return None, "invalid_phone"
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None, "landline"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def _echo(entry: str) -> str:
    return entry if len(entry) <= _ECHO_LENGTH else entry[:_ECHO_LENGTH] + "…"


def _check_list(text: Any, field_name: str, split: Callable[[str | None], list[str]],
                normalise: Callable[[str], tuple[str | None, str | None]], bad_code: str
                ) -> tuple[list[str], int, list[InviteeProblem]]:
    """Validate one list. Returns ``(values, entry_count, problems)``.

    ``values`` are the distinct valid normalised entries in order; ``entry_count`` the number of
    distinct entries meant as invitees (valid or not), for the limits.
    """
    if text is None:
        return [], 0, []
    if not isinstance(text, str):
        return [], 0, [InviteeProblem("invalid_type", None, field_name)]
    if len(text) > MAX_TEXT_LENGTH:
        return [], 0, [InviteeProblem("too_long", None, field_name, MAX_TEXT_LENGTH)]

    # Distinct raw entries first (cheap), so the per-list cap bounds the validation work.
    raw: list[str] = []
    seen_raw: set[str] = set()
    for entry in split(text):
        key = entry.casefold()
        if key not in seen_raw:
            seen_raw.add(key)
            raw.append(entry)
    if len(raw) > MAX_PER_LIST:
        return [], len(raw), [InviteeProblem("too_many", None, field_name, MAX_PER_LIST)]

    values: list[str] = []
    seen: set[str] = set()
    problems: list[InviteeProblem] = []
    invalid = 0
    for entry in raw:
        if len(entry) > MAX_ENTRY_LENGTH:
            problems.append(InviteeProblem("too_long", _echo(entry), field_name, MAX_ENTRY_LENGTH))
            invalid += 1
            continue
        value, code = normalise(entry)
        if value is None:
            problems.append(InviteeProblem(code or bad_code, entry, field_name))
            invalid += 1
            continue
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            values.append(value)
    return values, len(values) + invalid, problems


def _email_or_problem(entry: str) -> tuple[str | None, str | None]:
    value = _normalise_email(entry)
    return (value, None) if value is not None else (None, "invalid_email")


def parse_consent(consent: object) -> bool | None:
    """``True`` / ``False`` for a toggle's value, ``None`` when the value is of a wrong type.

    ``"true"`` (any case, blanks around) and ``True`` are consent; ``None``, ``""``, ``"false"``,
    ``False`` and any other text are not.
    """
    if consent is None:
        return False
    if isinstance(consent, bool):
        return consent
    if isinstance(consent, str):
        return consent.strip().lower() == "true"
    return None


def invitee_limit(max_participants: int | None) -> int | None:
    """Invitees a template allows: its ``max_participants`` less the organizer's seat (never < 0).

    ``None`` (template without a limit) gives ``None``.
    """
    if max_participants is None:
        return None
    if isinstance(max_participants, bool) or not isinstance(max_participants, int):
        raise TypeError("max_participants must be an int or None")
    return max(max_participants - ORGANIZER_SEATS, 0)


def parse_invitees(
    emails_text: str | None,
    sms_text: str | None,
    consent: object,
    max_participants: int | None,
) -> tuple[Invitees | None, list[InviteeProblem]]:
    """Validate the card's ``emails``, ``sms`` and ``consent`` against a template's ``max_participants``.

    Returns ``(Invitees, [])`` when all is well (possibly with both lists empty), else
    ``(None, problems)`` with every problem found. Never raises for any value of the first three
    arguments; ``max_participants`` comes from the portal's template and must be an int or None
    (``TypeError`` otherwise: that is a programming error, not user input).
    """
    limit = invitee_limit(max_participants)

    emails, email_count, problems = _check_list(
        emails_text, "emails", split_emails, _email_or_problem, "invalid_email"
    )
    sms, sms_count, sms_problems = _check_list(sms_text, "sms", split_sms, _parse_phone, "invalid_phone")
    problems.extend(sms_problems)

    if limit is not None and email_count + sms_count > limit:
        problems.append(InviteeProblem("too_many", None, None, limit))

    agreed = parse_consent(consent)
    if agreed is None:
        problems.append(InviteeProblem("invalid_type", None, "consent"))
    elif not agreed and (email_count or sms_count):
        problems.append(InviteeProblem("consent_required", None, "consent"))

    if problems:
        return None, problems
    return Invitees(emails=tuple(emails), sms=tuple(sms)), []


# ------------------------------------------------------------------------------------------ display


def _parse_e164(e164: str) -> phonenumbers.PhoneNumber | None:
    if not isinstance(e164, str):
        return None
    try:
        return phonenumbers.parse(e164, DEFAULT_REGION)
    except Exception:  # noqa: BLE001 - display helpers never raise
        return None


def format_phone(e164: str) -> str:
    """A number for display: ``phonenumbers`` INTERNATIONAL format, except that Norwegian 8-digit
    mobile numbers are grouped the Norwegian way, 3-2-3 (``+47 923 45 678``) rather than
    phonenumbers' ``+47 92 34 56 78``. Text that is not a number is returned unchanged.

    >>> format_phone("+4792345678"), format_phone("+46701234567"), format_phone("+4733342000")
    ('+47 923 45 678', '+46 70 123 45 67', '+47 33 34 20 00')
    """
    number = _parse_e164(e164)
    if number is None:
        return e164 if isinstance(e164, str) else ""
    national = str(number.national_number)
    if (
        number.country_code == 47
        and len(national) == 8
        and phonenumbers.number_type(number) in _MOBILE_TYPES
    ):
        return f"+47 {national[:3]} {national[3:5]} {national[5:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(e164: str) -> str:
    """A number with all but its country code and last three digits hidden.

    >>> mask_phone("+4792345678"), mask_phone("+46701234567"), mask_phone("nonsense")
    ('+47 ••• •• 678', '+46 •• ••• •5 67', '•••')
    """
    number = _parse_e164(e164)
    if number is None:
        return "•••"
    shown = format_phone(e164)
    prefix = f"+{number.country_code}"
    if not shown.startswith(prefix):
        return "•••"
    rest = list(shown[len(prefix):])
    digit_positions = [i for i, ch in enumerate(rest) if ch.isdigit()]
    for i in digit_positions[:-3]:
        rest[i] = "•"
    return prefix + "".join(rest)


def mask_email(addr: str) -> str:
    """An address with its local part reduced to the first character.

    >>> mask_email("ola.nordmann@example.no"), mask_email("nonsense")
    ('o***@example.no', '***')
    """
    if not isinstance(addr, str):
        return "***"
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain:
        return "***"
    return f"{local[0]}***@{domain}"
