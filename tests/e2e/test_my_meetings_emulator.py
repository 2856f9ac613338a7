"""Mine møter in Microsoft's Teams emulator: a weekly series and a quick meeting listed with their
buttons, **Avlys denne** on a picked meeting of the series, and the calendar file behind
**Legg i kalender** (screenshots in test-artifacts/e2e/<test>/)."""
from __future__ import annotations

import json
import urllib.request
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tools import devrun

pytestmark = pytest.mark.e2e

OSLO = ZoneInfo("Europe/Oslo")
WEEKDAYS = "man tir ons tor fre lør søn".split()


def book_series(stack, weeks: int = 6) -> dict:
    """A weekly series booked straight in the embedded portal for the emulator's user."""
    day = datetime.now(OSLO).date() + timedelta(days=3)
    occurrences = [(datetime.combine(day + timedelta(weeks=n), time(9, 0), OSLO),
                    datetime.combine(day + timedelta(weeks=n), time(9, 45), OSLO)) for n in range(weeks)]
    body = {"organizer": {"id": devrun.USER["aadObjectId"], "name": devrun.USER["name"], "email": None},
            "template_id": "videokonsultasjon-15-hd-chat-nb", "subject": "Fagmøte ortopedi",
            "time_zone": "Europe/Oslo", "start": occurrences[0][0].isoformat(), "end": occurrences[0][1].isoformat(),
            "recurrence": {"frequency": "weekly", "interval": 1, "until": occurrences[-1][0].date().isoformat()},
            "occurrences": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in occurrences],
            "invitations": {"emails": ["anne.berg@example.org"], "sms": []}}
    request = urllib.request.Request(f"{stack.bot_url}/portal/api/v1/meetings", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Idempotency-Key": "e2e-series-1"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read().decode("utf-8"))


def period(start: datetime, end: datetime) -> str:
    return f"{WEEKDAYS[start.weekday()]} {start:%d.%m.%Y} {start:%H:%M}-{end:%H:%M}"


def test_mine_moter_lists_cancels_one_and_offers_the_calendar_file(teams, stack):
    meeting = book_series(stack)
    occ = [(datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"])) for o in meeting["occurrences"]]
    welcome = teams.open()
    welcome.get_by_role("button", name="Hurtigavtale", exact=True).click()
    teams.card("Lenken er gyldig til")

    teams.send("mine møter")
    listing = teams.card("Nyeste lenke")
    expect(listing).to_contain_text("Hurtigavtale - 365")
    expect(listing).to_contain_text(period(*occ[0]))
    expect(listing).to_contain_text("Fagmøte ortopedi")
    expect(listing).to_contain_text(f"ukentlig til {occ[-1][0]:%d.%m}, 6 igjen")
    for title in ("Åpne møtet", "Legg i kalender"):  # Action.OpenUrl: links
        expect(listing.get_by_role("link", name=title, exact=True).first).to_be_visible()
    for title in ("Endre", "Avlys", "Avlys denne"):
        expect(listing.get_by_role("button", name=title, exact=True).first).to_be_visible()
    teams.shot("mine-moter")

    listing.get_by_role("button", name="Avlys denne", exact=True).click()
    ask = teams.card("Avlyse ett møte i serien?")
    teams.choose(ask, "Velg møtet som skal avlyses", period(*occ[2]))
    teams.shot("avlys-denne")
    ask.get_by_role("button", name="Ja, avlys dette møtet").click()
    done = teams.card("er avlyst, og de inviterte får beskjed")
    expect(done).to_contain_text(period(*occ[2]))
    teams.shot("avlyst")

    stored = stack.portal(f"meetings/{meeting['id']}")
    assert [o["start"] for o in stored["cancelled_occurrences"]] == [occ[2][0].isoformat()]
    assert len(stored["occurrences"]) == 5 and stored["status"] == "active"

    teams.send("mine møter")
    listing = teams.cards("Nyeste lenke").last
    expect(listing).to_contain_text(f"ukentlig til {occ[-1][0]:%d.%m}, 5 igjen")
    teams.shot("mine-moter-after")
    # the file behind it is checked through HTTP in tests/bot/test_calendar_link.py and tests/calendar
    expect(listing.get_by_role("link", name="Legg i kalender", exact=True).first).to_be_visible()
