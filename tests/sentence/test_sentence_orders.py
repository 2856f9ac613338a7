"""Any order: sentences built from known parts in every order hypothesis tries, each part read
into its own field, nothing else anywhere. And no text makes read_sentence fail."""
from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.portal.embedded import SEED_TEMPLATES
from core.sentence import Sentence, read_sentence

from .conftest import NOW, show

TEMPLATES = [dict(t) for t in SEED_TEMPLATES]

SUBJECTS = ["Fagmøte", "Veiledning", "Oppfølging", "Teammøte", "Styremøte ortopedi", "Kontroll", "Project meeting"]
TIMES = [
    ("i morgen kl 10-11", ("2026-11-26 10:00", "2026-11-26 11:00")),
    ("fredag 13-14", ("2026-11-27 13:00", "2026-11-27 14:00")),
    ("15.12 kl 9-10:30", ("2026-12-15 09:00", "2026-12-15 10:30")),
    ("torsdag kl 9-10", ("2026-11-26 09:00", "2026-11-26 10:00")),
    ("i morgon 8-8:15", ("2026-11-26 08:00", "2026-11-26 08:15")),
    ("mandag 3.12 kl 14-15", None),    # 3 December is a Thursday: refused, never guessed
]
EMAILS = ["kari@siv.no", "ola.nordmann@siv.no"]
PHONES = ["923 45 678", "+47 412 34 567", "41234567"]
RECURRENCES = [("hver uke", "weekly"), ("daglig", "daily"), ("annenhver uke", "biweekly"),
               ("hver måned", "monthly"), ("kvar veke", "weekly"), ("hverdager", "weekdays")]
UNTILS = [("til 1. mars", dt.date(2027, 3, 1)), ("til 31.12", dt.date(2026, 12, 31)),
          ("til og med 18.12", dt.date(2026, 12, 18))]
TEMPLATE_WORDS = [("sensitivt rom", "sensitivt-rom-5-hd-nb"), ("50 deltakere", "videomote-50-fullhd-chat-nb"),
                  ("engelsk", "videokonsultasjon-15-hd-chat-en")]


@st.composite
def sentences(draw: Any) -> tuple[str, dict[str, Any]]:
    parts: list[str] = []
    want: dict[str, Any] = {"emails": (), "sms": (), "recurrence": None, "until": None,
                            "template_id": None, "left_out": ()}
    subject = draw(st.sampled_from(SUBJECTS))
    when, period = draw(st.sampled_from(TIMES))
    parts += [subject, when]
    want.update(subject=subject, when=period, refused=period is None)
    if draw(st.booleans()):
        email = draw(st.sampled_from(EMAILS))
        parts.append(draw(st.sampled_from(["", "med ", "inviter "])) + email)
        want["emails"] = (email,)
    if draw(st.booleans()):
        phone = draw(st.sampled_from(PHONES))
        parts.append(draw(st.sampled_from(["", "og ", "sms "])) + phone)
        want["sms"] = (phone,)
    if draw(st.booleans()):
        words, frequency = draw(st.sampled_from(RECURRENCES))
        parts.append(words)
        want["recurrence"] = frequency
        if draw(st.booleans()):
            words, day = draw(st.sampled_from(UNTILS))
            parts.append(words)
            want["until"] = day
    if draw(st.booleans()):
        words, template_id = draw(st.sampled_from(TEMPLATE_WORDS))
        parts.append(words)
        want["template_id"] = template_id
    order = draw(st.permutations(parts))
    return " ".join(order), want


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_any_order(case: tuple[str, dict[str, Any]]) -> None:
    text, want = case
    s = read_sentence(text, NOW, "nb", TEMPLATES)
    got = {"subject": s.subject, "when": show(s.period), "refused": s.when_refusal is not None,
           "emails": s.emails, "sms": s.sms, "recurrence": s.recurrence, "until": s.until,
           "template_id": s.template_id, "left_out": s.left_out}
    assert got == want, text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["nb", "nn", "en-US", ""]))
def test_never_fails(text: str, locale: str) -> None:
    s = read_sentence(text, NOW, locale, TEMPLATES)
    assert isinstance(s, Sentence)
    assert s.period is None or s.when_refusal is None
    assert all(isinstance(p, str) and p.strip() for p in s.left_out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["i", "morgen", "kl", "10-11", "fredag", "med", "og", "til", "hver", "uke", "daglig", "Fagmøte", "1.",
     "mars", "31.12", "kari@siv.no", "923", "45", "678", "+47", "sensitivt", "rom", "50", "deltakere",
     "engelsk", "(langvarig", "rom)", "tomorrow", "every", "week", "until", '"', "«", "»", ",", "-"]),
    max_size=14))
def test_never_fails_on_its_own_words(words: list[str]) -> None:
    s = read_sentence(" ".join(words), NOW, "nb", TEMPLATES)
    assert s.period is None or s.when_refusal is None
    assert (s.when_text is None) == (s.period is None and s.when_refusal is None)


EN_SUBJECTS = ["Project meeting", "Team sync", "Review", "Budget planning", "Retro"]
EN_TIMES = [
    ("tomorrow 10-11am", ("2026-11-26 10:00", "2026-11-26 11:00")),
    ("Friday 1-2pm", ("2026-11-27 13:00", "2026-11-27 14:00")),
    ("next Tuesday 9-10", ("2026-12-01 09:00", "2026-12-01 10:00")),
    ("Dec 3 2pm-3pm", ("2026-12-03 14:00", "2026-12-03 15:00")),
]
EN_RECURRENCES = [("every week", "weekly"), ("daily", "daily"), ("every other week", "biweekly"),
                  ("monthly", "monthly"), ("every weekday", "weekdays")]
EN_UNTILS = [("until March 1", dt.date(2027, 3, 1)), ("until Dec 18", dt.date(2026, 12, 18))]
EN_TEMPLATE_WORDS = [("sensitive room", "sensitivt-rom-5-hd-nb"), ("50 participants", "videomote-50-fullhd-chat-nb"),
                     ("in English", "videokonsultasjon-15-hd-chat-en")]


@st.composite
def english(draw: Any) -> tuple[str, dict[str, Any]]:
    subject = draw(st.sampled_from(EN_SUBJECTS))
    when, period = draw(st.sampled_from(EN_TIMES))
    parts = [subject, when]
    want: dict[str, Any] = {"subject": subject, "when": period, "refused": False, "emails": (), "sms": (),
                            "recurrence": None, "until": None, "template_id": None, "left_out": ()}
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["", "with ", "invite "])) + "kari@siv.no")
        want["emails"] = ("kari@siv.no",)
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["", "and ", "sms "])) + "+47 923 45 678")
        want["sms"] = ("+47 923 45 678",)
    if draw(st.booleans()):
        words, frequency = draw(st.sampled_from(EN_RECURRENCES))
        parts.append(words)
        want["recurrence"] = frequency
        if draw(st.booleans()):
            words, day = draw(st.sampled_from(EN_UNTILS))
            parts.append(words)
            want["until"] = day
    if draw(st.booleans()):
        words, template_id = draw(st.sampled_from(EN_TEMPLATE_WORDS))
        parts.append(words)
        want["template_id"] = template_id
    return " ".join(draw(st.permutations(parts))), want


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english(), st.sampled_from(["en-US", "nb"]))
def test_any_order_english(case: tuple[str, dict[str, Any]], locale: str) -> None:
    text, want = case
    s = read_sentence(text, NOW, locale, TEMPLATES)
    got = {"subject": s.subject, "when": show(s.period), "refused": s.when_refusal is not None,
           "emails": s.emails, "sms": s.sms, "recurrence": s.recurrence, "until": s.until,
           "template_id": s.template_id, "left_out": s.left_out}
    assert got == want, text
