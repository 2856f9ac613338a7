"""A person uses the bot in Microsoft's Teams emulator, in headless Chromium, in Norwegian.

Each test loads the emulator (a fresh install: an empty chat and the welcome card), acts as a person
would (types in the compose box, clicks card buttons, fills card inputs), saves a screenshot per step,
and checks what the embedded portal stored through its REST API.
"""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tools import devrun

pytestmark = pytest.mark.e2e

OSLO = ZoneInfo("Europe/Oslo")
WEEKDAYS_NB = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]
ORGANIZER = devrun.USER["aadObjectId"]
TEMPLATE = "Videomøte (50, FullHD, Chat) (nb)"
# A valid fødselsnummer (check digits right): the subject screening must refuse it.
FODSELSNUMMER = "15076500565"


def join_link(card) -> str:
    match = re.search(r"https?://\S+/portal/webapp/conference/\d{6}", card.inner_text())
    assert match, "no join link on the card"
    return match.group(0)


def test_welcome_then_quick_meeting_link_opens_the_join_page(teams, stack):
    welcome = teams.open()
    for title in ("Hurtigavtale", "Ny avtale", "Hjelp"):
        expect(welcome.get_by_role("button", name=title, exact=True)).to_be_visible()
    teams.shot("welcome")

    welcome.get_by_role("button", name="Hurtigavtale", exact=True).click()
    quick = teams.card("Hurtigavtale - 365")
    expect(quick).to_contain_text("Lenken er gyldig til")
    link = join_link(quick)
    assert link.startswith(stack.bot_url + "/portal/webapp/conference/")
    teams.shot("quick-meeting")

    with teams.page.context.expect_page() as opened:
        quick.get_by_role("link", name="Åpne møtet").click()
    join_page = opened.value
    join_page.wait_for_load_state()
    assert join_page.url == link
    expect(join_page.locator("body")).to_contain_text("Hurtigavtale - 365")
    expect(join_page.locator("body")).to_contain_text("Møtet er åpent")
    join_page.screenshot(path=str(teams.shots / "03-join-page.png"))
    join_page.close()

    meetings = stack.meetings(ORGANIZER)
    assert [(m["kind"], m["join_url"]) for m in meetings] == [("quick", link)]


def test_new_meeting_every_card_then_the_portal_holds_exactly_that(teams, stack):
    day = datetime.now(OSLO).date() + timedelta(days=8)
    day += timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday, 8 to 14 days ahead
    until = day + timedelta(weeks=4)
    when = f"{WEEKDAYS_NB[day.weekday()]} {day.day}. {MONTHS_NB[day.month - 1]} kl 10.15-11.30"
    subject = "Planlegging av vaktliste"
    teams.open()

    teams.send("ny avtale")
    card = teams.card("Ny avtale - steg 1 av 6")
    card.get_by_role("radio", name=TEMPLATE).check()
    teams.shot("template")
    card.get_by_role("button", name="Neste").click()

    card = teams.card("Ny avtale - steg 2 av 6")
    expect(teams.page.get_by_text(f"✓ Velg mal: {TEMPLATE}")).to_be_visible()
    card.get_by_label("Emne").fill(subject)
    teams.shot("subject")
    card.get_by_role("button", name="Neste").click()

    card = teams.card("Ny avtale - steg 3 av 6")
    card.get_by_label("Send invitasjon per e-post").fill("anne.berg@example.org; bjorn.dahl@example.org,")
    card.get_by_label("Send invitasjon per SMS").fill("+47 923 45 678, 412 34 567")
    card.get_by_role("checkbox", name="De inviterte har akseptert kommunikasjon via e-post/SMS").check()
    teams.shot("invitations")
    card.get_by_role("button", name="Neste").click()

    card = teams.card("Ny avtale - steg 4 av 6")
    expect(teams.page.get_by_text("✓ Invitasjoner: E-post 2, SMS 2")).to_be_visible()
    card.get_by_label("Eller skriv tidspunktet").fill(when)
    teams.shot("time-in-norwegian")
    card.get_by_role("button", name="Neste").click()

    card = teams.card("Ny avtale - steg 5 av 6")
    expect(teams.page.get_by_text("✓ Tidspunkt: ")).to_contain_text(f"{day:%d.%m.%Y} 10:15-11:30")
    teams.choose(card, "Regelmessighet", "Ukentlig")
    teams.pick_date(card, "Gjenta til og med", until)
    expect(card.get_by_role("combobox", name="Gjenta til og med")).to_have_value(
        f"{until.day}. {MONTHS_NB[until.month - 1]} {until.year}")
    teams.shot("recurrence")
    card.get_by_role("button", name="Neste").click()

    summary = teams.card("Ny avtale - steg 6 av 6")
    for shown in (TEMPLATE, subject, "anne.berg@example.org, bjorn.dahl@example.org",
                  "+47 923 45 678, +47 412 34 567", f"tir {day:%d.%m.%Y} 10:15-11:30",
                  f"Ukentlig, 5 møter: første tir {day:%d.%m.%Y} 10:15-11:30, siste tir {until:%d.%m.%Y} 10:15-11:30"):
        expect(summary).to_contain_text(shown)
    teams.shot("summary")
    summary.get_by_role("button", name="Opprett møte").click()

    result = teams.card("Møtet er opprettet")
    expect(result).to_contain_text(subject)
    expect(result).to_contain_text("5 møter")
    expect(result).to_contain_text("Invitasjoner sendt: 2 på e-post og 2 på SMS.")
    link = join_link(result)
    teams.shot("result")

    listed = stack.meetings(ORGANIZER)
    assert [m["room_number"] for m in listed] == [link.rsplit("/", 1)[1]]
    meeting = stack.portal(f"meetings/{listed[0]['id']}")
    template_id = next(t["id"] for t in stack.portal("templates")["templates"] if t["name"] == TEMPLATE)
    start = datetime.combine(day, time(10, 15), OSLO)
    end = datetime.combine(day, time(11, 30), OSLO)
    assert meeting["kind"] == "scheduled"
    assert meeting["status"] == "active"
    assert meeting["join_url"] == link
    assert meeting["template_id"] == template_id
    assert meeting["subject"] == subject
    assert meeting["time_zone"] == "Europe/Oslo"
    assert datetime.fromisoformat(meeting["start"]) == start
    assert datetime.fromisoformat(meeting["end"]) == end
    assert meeting["recurrence"] == {"frequency": "weekly", "interval": 1, "until": until.isoformat()}
    expected = [(datetime.combine(day + timedelta(weeks=n), time(10, 15), OSLO),
                 datetime.combine(day + timedelta(weeks=n), time(11, 30), OSLO)) for n in range(5)]
    assert [(datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]))
            for o in meeting["occurrences"]] == expected
    assert meeting["invitations"] == {"emails": ["anne.berg@example.org", "bjorn.dahl@example.org"],
                                      "sms": ["+4792345678", "+4741234567"]}
    outbox = [m for m in stack.portal("outbox")["messages"] if m["meeting_id"] == meeting["id"]]
    assert sorted((m["channel"], m["to"]) for m in outbox) == [
        ("email", "anne.berg@example.org"), ("email", "bjorn.dahl@example.org"),
        ("sms", "+4741234567"), ("sms", "+4792345678")]


def test_subject_with_a_fodselsnummer_is_refused_and_nothing_is_booked(teams, stack):
    teams.open()
    teams.send("ny avtale")
    card = teams.card("Ny avtale - steg 1 av 6")
    card.get_by_role("button", name="Neste").click()

    card = teams.card("Ny avtale - steg 2 av 6")
    card.get_by_label("Emne").fill(f"Oppfølging {FODSELSNUMMER}")
    card.get_by_role("button", name="Neste").click()

    refused = teams.card("Emnet kan ikke brukes")
    expect(refused).to_contain_text("fødselsnummer")
    expect(refused).to_contain_text("Ny avtale - steg 2 av 6")  # asked again, not a step further
    expect(refused.get_by_label("Emne")).to_have_value("")
    assert FODSELSNUMMER not in " ".join(teams.page.locator(".ac-adaptiveCard").all_inner_texts())
    teams.shot("fodselsnummer-refused")

    teams.send("avbryt")
    notice = teams.card("Ny avtale er avbrutt")
    expect(notice).to_contain_text("Ingenting er opprettet")
    teams.shot("cancelled-by-typing")
    assert stack.meetings(ORGANIZER) == []


def test_cancel_half_way_then_start_again(teams, stack):
    teams.open()
    teams.send("ny avtale")
    card = teams.card("Ny avtale - steg 1 av 6")
    card.get_by_role("button", name="Neste").click()
    card = teams.card("Ny avtale - steg 2 av 6")
    card.get_by_label("Emne").fill("Fagmøte")
    card.get_by_role("button", name="Neste").click()
    card = teams.card("Ny avtale - steg 3 av 6")
    teams.shot("half-way")

    card.get_by_role("button", name="Avbryt").click()
    notice = teams.card("Ny avtale er avbrutt")
    expect(notice).to_contain_text("Ingenting er opprettet")
    expect(teams.page.get_by_text("✕ Ny avtale avbrutt")).to_be_visible()
    expect(teams.cards("Ny avtale - steg 3 av 6")).to_have_count(0)  # the step's card was replaced
    teams.shot("cancelled")
    assert stack.meetings(ORGANIZER) == []

    expect(teams.cards("Ny avtale - steg 1 av 6")).to_have_count(0)  # its card became "✓ Velg mal: ..."
    notice.get_by_role("button", name="Ny avtale", exact=True).click()
    expect(teams.cards("Ny avtale - steg 1 av 6")).to_have_count(1)  # a new run starts at step 1
    teams.shot("started-again")


def test_help(teams, stack):
    teams.open()
    teams.send("hjelp")
    help_card = teams.card("Dette kan du gjøre")
    for text in ("hurtig", "ny avtale", "avbryt", "Skriv aldri sensitiv informasjon i emnet"):
        expect(help_card).to_contain_text(text)
    for title in ("Hurtigavtale", "Ny avtale", "Hjelp"):
        expect(help_card.get_by_role("button", name=title, exact=True)).to_be_visible()
    teams.shot("help")


def test_group_chat_mention_for_a_quick_meeting(teams, stack):
    teams.open()
    teams.open_chat("Ortopedisk poliklinikk")
    teams.card("Velkommen til Delta video")  # the bot was installed in the group chat too
    teams.shot("group-chat")

    teams.mention("Delta video", "hurtig")
    teams.shot("mention-typed")
    teams.press_send()
    quick = teams.card("Alle her kan bruke lenken")  # the card for everyone in the chat
    expect(quick).to_contain_text("Hurtigavtale - 365")
    expect(quick).to_contain_text(devrun.USER["name"])
    link = join_link(quick)
    teams.shot("group-quick-meeting")

    meetings = stack.meetings(ORGANIZER)
    assert [(m["kind"], m["join_url"]) for m in meetings] == [("quick", link)]
