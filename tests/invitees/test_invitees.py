"""core.invitees: e-mail / SMS invitee lists -> validated, normalised (contracts.md section 3)."""
from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.invitees import (
    MAX_ENTRY_LENGTH,
    MAX_PER_LIST,
    MAX_TEXT_LENGTH,
    InviteeProblem,
    Invitees,
    format_phone,
    invitee_limit,
    mask_email,
    mask_phone,
    parse_consent,
    parse_invitees,
    split_emails,
    split_sms,
)


def codes(problems):
    return [(p.code, p.entry, p.field) for p in problems]


# ------------------------------------------------------------------------------------ splitting


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        (None, []),
        ("   \n ,;, ", []),
        ("a@x.no", ["a@x.no"]),
        ("a@x.no,", ["a@x.no"]),
        ("a@x.no, b@x.no,", ["a@x.no", "b@x.no"]),
        ("a@x.no;b@x.no;", ["a@x.no", "b@x.no"]),
        ("a@x.no\nb@x.no\r\nc@x.no", ["a@x.no", "b@x.no", "c@x.no"]),
        ("a@x.no b@x.no\tc@x.no", ["a@x.no", "b@x.no", "c@x.no"]),
        ("a@x.no\u00a0b@x.no", ["a@x.no", "b@x.no"]),  # NBSP from copy-paste
        (" a@x.no ,; b@x.no ;, ", ["a@x.no", "b@x.no"]),
        ("a b@c.no", ["a", "b@c.no"]),
    ],
)
def test_split_emails(text, expected):
    assert split_emails(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        (None, []),
        (" ,;\n ", []),
        ("+47 923 45 678", ["+47 923 45 678"]),
        ("+47 923 45 678,", ["+47 923 45 678"]),
        ("+47 923 45 678, 98765432;", ["+47 923 45 678", "98765432"]),
        ("92345678\n98765432\r\n41234567", ["92345678", "98765432", "41234567"]),
        ("  923 45 678 ;  0047 987 65 432 , ", ["923 45 678", "0047 987 65 432"]),
        ("92345678,,;;98765432", ["92345678", "98765432"]),
    ],
)
def test_split_sms(text, expected):
    assert split_sms(text) == expected


@pytest.mark.parametrize("split", [split_emails, split_sms])
def test_split_refuses_non_text(split):
    with pytest.raises(TypeError):
        split(42)


# -------------------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ola@example.no", ("ola@example.no",)),
        ("Ola.Nordmann@EXAMPLE.NO", ("Ola.Nordmann@example.no",)),  # domain lower-cased
        ("ola@example.no, kari@example.no,", ("ola@example.no", "kari@example.no")),
        ("ola@example.no kari@example.no", ("ola@example.no", "kari@example.no")),
        ("ola@example.no;kari@example.no\nper@example.no", ("ola@example.no", "kari@example.no", "per@example.no")),
        ("ola@blåbær.no", ("ola@blåbær.no",)),  # internationalised domain
        # duplicates, case-insensitive, first spelling and order kept
        ("b@x.no, a@x.no, B@X.NO, a@x.no,", ("b@x.no", "a@x.no")),
        ("Ola@x.no, ola@x.no", ("Ola@x.no",)),
    ],
)
def test_valid_emails(text, expected):
    result, problems = parse_invitees(text, "", "true", None)
    assert problems == []
    assert result.emails == expected
    assert result.sms == ()


@pytest.mark.parametrize(
    "text, bad",
    [
        ("ola@", ["ola@"]),
        ("a b@c.no", ["a"]),  # two tokens: "a" is not an address, "b@c.no" is
        ("@example.no", ["@example.no"]),
        ("ola", ["ola"]),
        ("ola@@example.no", ["ola@@example.no"]),
        ("ola@localhost", ["ola@localhost"]),
        ("ola@example..no", ["ola@example..no"]),
        ("ola@example.no, kari@, per, ola@example.no", ["kari@", "per"]),
        ("kari@, kari@, KARI@", ["kari@"]),  # each bad entry once
        ("Ola Nordmann <ola@example.no>", ["Ola", "Nordmann", "<ola@example.no>"]),
    ],
)
def test_invalid_emails_all_listed(text, bad):
    result, problems = parse_invitees(text, None, "true", None)
    assert result is None
    assert codes(problems) == [("invalid_email", b, "emails") for b in bad]


# ----------------------------------------------------------------------------------------- SMS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("92345678", ("+4792345678",)),  # Norwegian without +47
        ("923 45 678", ("+4792345678",)),
        ("+47 923 45 678", ("+4792345678",)),
        ("+4792345678", ("+4792345678",)),
        ("0047 923 45 678", ("+4792345678",)),
        ("004792345678", ("+4792345678",)),
        ("+47 923-45-678", ("+4792345678",)),
        ("(+47) 923 45 678", ("+4792345678",)),
        ("+47\u00a0923\u00a045\u00a0678", ("+4792345678",)),  # NBSP
        ("＋４７ ９２３ ４５ ６７８", ("+4792345678",)),  # full-width
        ("412 34 567", ("+4741234567",)),
        ("+46 70 123 45 67", ("+46701234567",)),  # Swedish mobile
        ("+45 20 12 34 56", ("+4520123456",)),  # Danish (fixed line or mobile)
        ("+44 7911 123456", ("+447911123456",)),  # UK mobile
        ("+47 923 45 678, 98765432,", ("+4792345678", "+4798765432")),
        ("92345678\n98765432;41234567", ("+4792345678", "+4798765432", "+4741234567")),
        # duplicates in E.164, order kept
        ("98765432, +47 923 45 678, 92345678, 0047 98765432", ("+4798765432", "+4792345678")),
    ],
)
def test_valid_sms(text, expected):
    result, problems = parse_invitees(None, text, "true", None)
    assert problems == []
    assert result.sms == expected
    assert result.emails == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+47 33 34 20 00", [("landline", "+47 33 34 20 00", "sms")]),  # SiV switchboard-like landline
        ("33342000", [("landline", "33342000", "sms")]),
        ("+47 800 12 345", [("landline", "+47 800 12 345", "sms")]),  # toll-free: not a mobile
        ("12345678", [("invalid_phone", "12345678", "sms")]),
        ("123", [("invalid_phone", "123", "sms")]),
        ("+47 923 45 678 +47 987 65 432", [("invalid_phone", "+47 923 45 678 +47 987 65 432", "sms")]),
        ("abc92345678xyz", [("invalid_phone", "abc92345678xyz", "sms")]),
        ("923 45 678 ext 12", [("invalid_phone", "923 45 678 ext 12", "sms")]),
        ("ola@example.no", [("invalid_phone", "ola@example.no", "sms")]),
        ("+", [("invalid_phone", "+", "sms")]),
        ("+47 923 45 678, 33342000, 12", [("landline", "33342000", "sms"), ("invalid_phone", "12", "sms")]),
    ],
)
def test_invalid_sms_all_listed(text, expected):
    result, problems = parse_invitees(None, text, "true", None)
    assert result is None
    assert codes(problems) == expected


# -------------------------------------------------------------------------------- both, limits


def test_both_lists_empty_is_fine_without_consent():
    for emails, sms in [("", ""), (None, None), ("  ,\n", " ;\n"), ("", None)]:
        result, problems = parse_invitees(emails, sms, "false", 2)
        assert problems == []
        assert result == Invitees((), ())
        assert result.total == 0
        assert not result


def test_both_lists():
    result, problems = parse_invitees("ola@example.no, kari@example.no", "92345678", "true", 15)
    assert problems == []
    assert result.emails == ("ola@example.no", "kari@example.no")
    assert result.sms == ("+4792345678",)
    assert result.total == 3
    assert result


@pytest.mark.parametrize(
    "max_participants, n_emails, n_sms, ok",
    [
        (15, 14, 0, True),  # the organizer takes the 15th seat
        (15, 15, 0, False),
        (15, 7, 7, True),
        (15, 8, 7, False),
        (2, 1, 0, True),
        (2, 0, 1, True),
        (2, 1, 1, False),
        (1, 0, 0, True),
        (1, 1, 0, False),
        (0, 1, 0, False),
        (None, 100, 100, True),  # no template limit: only the per-list cap
    ],
)
def test_template_limit_counts_the_organizer(max_participants, n_emails, n_sms, ok):
    emails = ",".join(f"p{i}@example.no" for i in range(n_emails))
    sms = ",".join(f"+47 9{i:07d}" for i in range(n_sms))
    result, problems = parse_invitees(emails, sms, "true", max_participants)
    if ok:
        assert problems == []
        assert result.total == n_emails + n_sms
    else:
        assert result is None
        limit = invitee_limit(max_participants)
        assert problems == [InviteeProblem("too_many", None, None, limit)]


def test_duplicates_do_not_count_towards_the_limit():
    result, problems = parse_invitees("a@x.no, A@x.no, a@X.NO", "92345678, +47 923 45 678", "true", 3)
    assert problems == []
    assert result.total == 2


def test_invalid_entries_count_towards_the_limit_and_all_problems_are_listed():
    result, problems = parse_invitees("a@x.no, b@, c@x.no", "33342000", "false", 3)
    assert result is None
    assert codes(problems) == [
        ("invalid_email", "b@", "emails"),
        ("landline", "33342000", "sms"),
        ("too_many", None, None),
        ("consent_required", None, "consent"),
    ]


@pytest.mark.parametrize("field_name", ["emails", "sms"])
def test_per_list_cap(field_name):
    make = (lambda i: f"p{i}@example.no") if field_name == "emails" else (lambda i: f"9{i:07d}")
    at_cap = ",".join(make(i) for i in range(MAX_PER_LIST))
    over = ",".join(make(i) for i in range(MAX_PER_LIST + 1))
    args = {"emails": (at_cap, None), "sms": (None, at_cap)}[field_name]
    result, problems = parse_invitees(*args, "true", None)
    assert problems == [] and result.total == MAX_PER_LIST
    args = {"emails": (over, None), "sms": (None, over)}[field_name]
    result, problems = parse_invitees(*args, "true", None)
    assert result is None
    assert problems == [InviteeProblem("too_many", None, field_name, MAX_PER_LIST)]


def test_entry_too_long_is_echoed_shortened():
    long_entry = "a" * 300 + "@example.no"
    result, problems = parse_invitees(long_entry + ", ola@example.no", None, "true", None)
    assert result is None
    assert len(problems) == 1
    (problem,) = problems
    assert (problem.code, problem.field, problem.limit) == ("too_long", "emails", MAX_ENTRY_LENGTH)
    assert len(problem.entry) < 100 and long_entry.startswith(problem.entry.rstrip("…"))


@pytest.mark.parametrize("field_name", ["emails", "sms"])
def test_whole_text_too_long(field_name):
    text = "," * (MAX_TEXT_LENGTH + 1)
    args = (text, None) if field_name == "emails" else (None, text)
    result, problems = parse_invitees(*args, "true", None)
    assert result is None
    assert problems == [InviteeProblem("too_long", None, field_name, MAX_TEXT_LENGTH)]


def test_max_participants_must_be_int_or_none():
    with pytest.raises(TypeError):
        parse_invitees("", "", "true", "15")
    with pytest.raises(TypeError):
        parse_invitees("", "", "true", True)


# ------------------------------------------------------------------------------------- consent


@pytest.mark.parametrize(
    "consent, agreed",
    [
        ("true", True),
        ("True", True),
        (" TRUE ", True),
        (True, True),
        ("false", False),
        (False, False),
        ("", False),
        (None, False),
        ("yes", False),
        (1, None),
        (["true"], None),
        ({"value": "true"}, None),
    ],
)
def test_parse_consent(consent, agreed):
    assert parse_consent(consent) is agreed


@pytest.mark.parametrize(
    "emails, sms, consent, expected",
    [
        ("ola@example.no", "", "true", []),
        ("", "92345678", True, []),
        ("ola@example.no", "", "false", [("consent_required", None, "consent")]),
        ("", "92345678", None, [("consent_required", None, "consent")]),
        ("ola@example.no", "92345678", False, [("consent_required", None, "consent")]),
        ("ola@example.no", "", "ja", [("consent_required", None, "consent")]),
        # an invalid entry is still someone invited
        ("ola@", "", "false", [("invalid_email", "ola@", "emails"), ("consent_required", None, "consent")]),
        # nobody invited: no consent needed
        ("", "", "false", []),
        ("", "", None, []),
        # a consent of a wrong type is reported whether or not anyone is invited
        ("", "", 1, [("invalid_type", None, "consent")]),
        ("ola@example.no", "", {"x": 1}, [("invalid_type", None, "consent")]),
    ],
)
def test_consent_rules(emails, sms, consent, expected):
    result, problems = parse_invitees(emails, sms, consent, 15)
    assert codes(problems) == expected
    assert (result is None) == bool(expected)


# --------------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize("bad", [42, 4.2, True, ["ola@example.no"], {"a": 1}, b"ola@example.no", object()])
def test_wrong_types_are_problems(bad):
    result, problems = parse_invitees(bad, bad, "true", 15)
    assert result is None
    assert codes(problems) == [("invalid_type", None, "emails"), ("invalid_type", None, "sms")]


def test_wrong_type_in_one_list_still_reports_the_other():
    result, problems = parse_invitees(["x"], "12, 92345678", "true", 15)
    assert result is None
    assert codes(problems) == [("invalid_type", None, "emails"), ("invalid_phone", "12", "sms")]


# ------------------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    "e164, shown",
    [
        ("+4792345678", "+47 923 45 678"),
        ("+4741234567", "+47 412 34 567"),
        ("+46701234567", "+46 70 123 45 67"),
        ("+4733342000", "+47 33 34 20 00"),
        ("not a number", "not a number"),
    ],
)
def test_format_phone(e164, shown):
    assert format_phone(e164) == shown


@pytest.mark.parametrize(
    "e164, masked",
    [
        ("+4792345678", "+47 ••• •• 678"),
        ("+46701234567", "+46 •• ••• •5 67"),
        ("nonsense", "•••"),
        ("", "•••"),
        (None, "•••"),
    ],
)
def test_mask_phone(e164, masked):
    assert mask_phone(e164) == masked


@pytest.mark.parametrize(
    "addr, masked",
    [
        ("ola@example.no", "o***@example.no"),
        ("o@example.no", "o***@example.no"),
        ("Ola.Nordmann@sykehuset.no", "O***@sykehuset.no"),
        ("nonsense", "***"),
        ("@example.no", "***"),
        (None, "***"),
    ],
)
def test_mask_email(addr, masked):
    assert mask_email(addr) == masked


def test_repr_hides_personal_data():
    result, _ = parse_invitees("ola@example.no", "92345678", "true", 15)
    _, problems = parse_invitees("kari@", "33342000", "true", 15)
    text = repr(result) + repr(problems) + str(result) + str(problems)
    for secret in ("ola", "kari", "92345678", "33342000", "example"):
        assert secret not in text
    assert repr(result) == "Invitees(emails=1, sms=1)"


def test_nothing_is_logged(caplog):
    with caplog.at_level(logging.DEBUG):
        parse_invitees("ola@example.no, kari@", "92345678, 33342000", "false", 2)
    assert caplog.records == []


# ------------------------------------------------------------------------------------ property

_card_values = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.text(alphabet="0123456789 +-()@.,;\n\tabcæøå", max_size=200),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(emails=_card_values, sms=_card_values, consent=_card_values,
       max_participants=st.one_of(st.none(), st.integers(-5, 200)))
def test_parse_invitees_never_raises(emails, sms, consent, max_participants):
    result, problems = parse_invitees(emails, sms, consent, max_participants)
    assert (result is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, InviteeProblem)
        assert problem.entry is None or isinstance(problem.entry, str)
    if result is not None:
        assert all(isinstance(e, str) and "@" in e for e in result.emails)
        assert all(s.startswith("+") and s[1:].isdigit() for s in result.sms)
        assert len(set(e.lower() for e in result.emails)) == len(result.emails)
        assert len(set(result.sms)) == len(result.sms)
        limit = invitee_limit(max_participants)
        assert limit is None or result.total <= limit
