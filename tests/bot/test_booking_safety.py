"""Booking safety: no meeting is ever created twice or reported wrongly, whatever the portal and
Teams do. Over real HTTP: the bot on loopback (its connector stub records what users see), and for
the portal either the embedded one or its REST API on its own loopback port (``PORTAL_URL``) behind
middlewares that lose answers, refuse, answer 409, hold requests, or show only what the contract
promises (tests/portal/faults.py and the ones below).

* an uncertain "Opprett møte" (the answer lost) offers only **Prøv igjen**, same body and key;
* a 409 is looked up in the organizer's list, never "nothing was created";
* a changed form after a definite refusal gets a new idempotency key;
* the organizer sent with a key is the one the first attempt saw (Teams' look-up may fail once);
* "nothing was created" only where it is true; no English from the client reaches users;
* the time is checked again at "Opprett møte"; the result is sent before the summary collapses;
* Avlys only shows one's own meetings when the portal names no organizer;
* limits hold for bookings running side by side.
"""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web

from core.portal.embedded import EmbeddedPortal, body_hash
from core.portal.rest import create_portal_app
from tests.bot.new_meeting_steps import NOW, Form, at, next_weekday, titles, update_lines
from tests.harness import TeamsClient, actions_of, start_app, wait_for
from tests.portal.faults import DropAfterCommit, DropBeforeCommit, Faults, Raw, Status
from tests.reliability.flow import FlakyConnector

MEETINGS = "/api/v1/meetings"
QUICK = "/api/v1/meetings/quick"

UNCERTAIN = "Det er usikkert om møtet ble opprettet. Trykk Prøv igjen – det blir ikke opprettet to ganger."
NOTHING = "Ingenting er opprettet"
CREATED = "Møtet er opprettet"
NO_EDIT = "Du kan endre avtalen når vi vet om møtet ble opprettet."
LOST = (DropAfterCommit(), DropBeforeCommit(), DropBeforeCommit())  # created, then every answer lost
NEVER = (DropBeforeCommit(), DropBeforeCommit(), DropBeforeCommit())  # lost before the portal, unknowable


class Clock:
    """The bot's "now" (``start_bot(clock=...)``), moved by the test."""

    def __init__(self, at: datetime = NOW):
        self.now = at

    def __call__(self) -> datetime:
        return self.now.astimezone(timezone.utc)


class StrictKeys:
    """A portal that keeps every Idempotency-Key it was sent, refused requests too (as e.g. Stripe
    does): the same key with another body is a 409, even when the first was refused."""

    def __init__(self):
        self.bodies: dict[str, str] = {}

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        key = request.headers.get("Idempotency-Key")
        if request.method == "POST" and key:
            digest = body_hash(json.loads(await request.read()))
            if self.bodies.setdefault(key, digest) != digest:
                return web.json_response({"error": {"code": "idempotency_conflict",
                                                    "message": "Idempotency-Key was used with another body"}},
                                         status=409)
        return await handler(request)


class ContractOnly:
    """A portal whose ``GET /meetings/{id}`` shows what the contract lists, no ``organizer_id``."""

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        response = await handler(request)
        parts = request.path.rstrip("/").split("/")
        if request.method == "GET" and parts[-2:-1] == ["meetings"] and response.status == 200:
            body = json.loads(response.body)
            body.pop("organizer_id", None)
            return web.json_response(body)
        return response


class Gate:
    """Holds every quick-meeting create until ``release`` is set (requests in flight side by side)."""

    def __init__(self):
        self.waiting = 0
        self.release = asyncio.Event()

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        if request.method == "POST" and request.path.endswith(QUICK):
            self.waiting += 1
            await self.release.wait()
        return await handler(request)


class PortalServer:
    def __init__(self, url: str, faults: Faults, embedded: EmbeddedPortal):
        self.url, self.faults, self.embedded = url, faults, embedded

    async def meetings(self, client: TeamsClient, kind: str | None = None) -> list[dict]:
        return [m for m in await self.embedded.list_meetings(client.user.aad_object_id)
                if kind is None or m["kind"] == kind]

    def keys(self, path: str) -> list[str | None]:
        return [seen.idempotency_key for seen in self.faults.requests("POST", path)]


@pytest.fixture
async def connector():
    """The connector stub, able to refuse the bot's next replies (``fail_posts``)."""
    stub = await FlakyConnector().start()
    yield stub
    await stub.close()


@pytest.fixture
async def portal_with(tmp_path):
    """Start the embedded portal's REST API on loopback behind the fault middleware and ``extra``."""
    started = []

    async def _start(*extra) -> PortalServer:
        faults = Faults()
        holder: dict[str, EmbeddedPortal] = {}
        parent = web.Application(middlewares=[m.middleware for m in extra] + [faults.middleware])
        parent.add_subapp("/delta", create_portal_app(lambda: holder.get("portal")))
        runner, url = await start_app(parent)
        holder["portal"] = EmbeddedPortal.open(tmp_path / f"portal-{len(started)}" / "portal.sqlite3",
                                               base_url=url + "/delta")
        started.append((runner, faults, holder["portal"]))
        return PortalServer(url + "/delta", faults, holder["portal"])

    yield _start
    for runner, faults, embedded in started:
        faults.release.set()
        await runner.cleanup()
        await embedded.close()


async def bot_on(start_bot, portal: PortalServer, clock=None, **settings):
    return await start_bot(portal_url=portal.url, clock=clock or Clock(), **settings)


async def at_summary(bot, client=None, **answers) -> Form:
    form = Form(client or bot.client())
    await form.start("ny avtale")
    await form.fill(**answers)
    assert form.step == "summary", form.text
    return form


def retry_data(reply) -> dict:
    return next(a["data"] for a in actions_of(reply.card) if a.get("data", {}).get("action") == "retry")


# -- 1 and 3: an uncertain create --------------------------------------------------------------
async def test_an_uncertain_create_offers_only_retry_and_the_retry_creates_once(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    form = await at_summary(bot, emails="ola@example.no")
    summary = form.card
    portal.faults.plan("POST", MEETINGS, *LOST)
    await form.press()  # Opprett møte: the portal creates it, the answer never comes back
    assert UNCERTAIN in form.text and NOTHING not in form.text and "avviste" not in form.text
    assert form.step == "summary" and titles(form.card) == ["Prøv igjen", "Avbryt"]  # no Endre
    created = await portal.meetings(form.client)
    assert len(created) == 1  # it exists, invitations went out

    await form.press("Endre", reply=summary)  # the card from before the failure still has Endre
    assert NO_EDIT in form.text and form.step == "summary" and titles(form.card) == ["Prøv igjen", "Avbryt"]

    uncertain_card = form.card
    assert retry_data(uncertain_card)["retry_of"] == "new_meeting"  # contracts section 3: a retry
    await form.press()  # Prøv igjen
    assert CREATED in form.text and created[0]["join_url"] in form.text
    assert [m["id"] for m in await portal.meetings(form.client)] == [created[0]["id"]]
    assert len(await portal.embedded.outbox(created[0]["id"])) == 1  # one invitation, not two
    assert len(set(portal.keys(MEETINGS))) == 1 and len(portal.keys(MEETINGS)) == 4
    # a late second press on the Prøv igjen card: the meeting exists, nothing more is sent
    late = await form.client.press(uncertain_card)
    assert "allerede opprettet" in late[0].text
    assert len(portal.keys(MEETINGS)) == 4


async def test_a_409_is_looked_up_and_the_meeting_shown(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    form = await at_summary(bot, subject="Fagmøte")
    portal.faults.plan("POST", MEETINGS, *LOST, Status(409, "idempotency_conflict",
                                                       "Idempotency-Key was used with another body"))
    await form.press()
    assert UNCERTAIN in form.text
    await form.press()  # Prøv igjen: the portal says 409; the bot finds the meeting in the list
    created = await portal.meetings(form.client)
    assert len(created) == 1
    assert CREATED in form.text and created[0]["join_url"] in form.text
    assert "avviste" not in form.text and NOTHING not in form.text and "another body" not in form.text


async def test_a_409_without_the_meeting_in_the_list_says_so_and_never_nothing_created(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    form = await at_summary(bot)
    portal.faults.plan("POST", MEETINGS, *NEVER, Status(409, "idempotency_conflict", "conflict"))
    await form.press()
    await form.press()
    assert "jeg finner ikke møtet blant dine møter" in form.text and "Sjekk «Mine møter»" in form.text
    assert NOTHING not in form.text and titles(form.card) == ["Prøv igjen", "Avbryt"]
    await form.press("Avbryt")
    assert "Ny avtale er avbrutt. Det er usikkert om møtet ble opprettet" in form.text
    assert NOTHING not in form.text


async def test_a_definite_refusal_then_a_changed_form_gets_a_new_key(start_bot, portal_with):
    """The portal refused (422) and, like some portals, keeps the refused key: the changed form
    must go with a new key, or it would be a 409 for ever."""
    strict = StrictKeys()
    portal = await portal_with(strict)
    bot = await bot_on(start_bot, portal)
    form = await at_summary(bot, subject="Første emne")
    portal.faults.plan("POST", MEETINGS, Status(422, "invalid_subject", "subject refused"))
    await form.press()
    assert "Delta-portalen avviste forespørselen: emnet er ikke gyldig. Ingenting er opprettet." in form.text
    assert "Endre" in titles(form.card)
    await form.press("Endre")
    await form.press("Emne")
    await form.press(subject="Andre emne")
    assert form.step == "summary"
    await form.press()
    assert CREATED in form.text, form.text
    meetings = await portal.meetings(form.client)
    assert [m["subject"] for m in meetings] == ["Andre emne"]
    first, second = portal.keys(MEETINGS)
    assert first != second


async def test_the_same_form_after_a_definite_failure_keeps_its_key(start_bot, portal_with):
    portal = await portal_with(StrictKeys())
    bot = await bot_on(start_bot, portal)
    form = await at_summary(bot)
    portal.faults.plan("POST", MEETINGS, Status(503), Status(503), Status(503))
    await form.press()
    assert "Delta-portalen svarer ikke akkurat nå. Ingenting er opprettet." in form.text
    assert "Endre" in titles(form.card)
    await form.press()
    assert CREATED in form.text and len(await portal.meetings(form.client)) == 1
    assert len(set(portal.keys(MEETINGS))) == 1


# -- 2: the organizer sent with a key ----------------------------------------------------------
async def test_a_retry_sends_the_organizer_the_first_attempt_saw(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    client = bot.client()
    form = await at_summary(bot, client)
    member = bot.connector.members.pop(client.user.id)  # Teams' member look-up fails: no e-mail
    portal.faults.plan("POST", MEETINGS, *LOST)
    await form.press()  # created with the organizer as far as Teams told: id and name
    bot.connector.add_member(member)  # the look-up works again and would find the e-mail
    await form.press()
    assert CREATED in form.text and "avviste" not in form.text, form.text
    assert len(await portal.meetings(client)) == 1
    assert (await portal.embedded.user(client.user.aad_object_id))["email"] is None


async def test_hurtigavtale_retry_sends_the_same_organizer_and_no_personal_data_in_the_card(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    client = bot.client()
    member = bot.connector.members.pop(client.user.id)
    portal.faults.plan("POST", QUICK, *LOST)
    failed = await client.say("hurtig")
    data = retry_data(failed[0])
    assert set(data) <= {"action", "retry_of", "key", "organizer", "uncertain"}
    assert client.user.email not in json.dumps(data) and client.user.name not in json.dumps(data)
    bot.connector.add_member(member)
    again = await client.press(failed[0], title="Prøv igjen")
    assert "Åpne møtet" in again[0].text, again[0].text
    assert len(await portal.meetings(client, "quick")) == 1
    assert len(set(portal.keys(QUICK))) == 1


async def test_hurtigavtale_retry_sends_nothing_when_the_organizer_cannot_be_the_same(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    client = bot.client()
    portal.faults.plan("POST", QUICK, *LOST)
    failed = await client.say("hurtig")  # the look-up worked: the e-mail went with the key
    assert UNCERTAIN in failed[0].text
    bot.resources.bot.services.directory._cache.clear()  # another replica, or the cache expired
    member = bot.connector.members.pop(client.user.id)
    sent = len(portal.keys(QUICK))
    refused = await client.press(failed[0], title="Prøv igjen")
    assert "Jeg fikk ikke sjekket hvem du er i Teams" in refused[0].text
    assert len(portal.keys(QUICK)) == sent  # nothing sent
    bot.connector.add_member(member)
    again = await client.press(refused[0], title="Prøv igjen")
    assert "Åpne møtet" in again[0].text and len(await portal.meetings(client, "quick")) == 1


# -- 3: "nothing was created" only where it is true --------------------------------------------
async def test_nothing_created_only_when_nothing_reached_the_portal(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    client = bot.client()
    portal.faults.plan("POST", QUICK, Status(503), Status(503), Status(503))
    refused = await client.say("hurtig")
    assert "Delta-portalen svarer ikke akkurat nå. Ingenting er opprettet." in refused[0].text
    portal.faults.plan("POST", QUICK, *NEVER)
    lost = await client.say("hurtig")
    assert UNCERTAIN in lost[0].text and NOTHING not in lost[0].text
    assert await portal.meetings(client) == []


# -- 4: the time, again, at "Opprett møte" -----------------------------------------------------
async def test_a_summary_left_open_past_the_start_asks_for_the_time_again(start_bot):
    clock = Clock()
    bot = await start_bot(clock=clock)
    form = await at_summary(bot)
    day = next_weekday(1)
    clock.now = at(day, "13:06")  # 13:00-14:00 began while the summary stayed open
    summary = form.card
    await form.press()
    assert "Tidspunktet har passert mens oppsummeringen sto åpen" in form.text and CREATED not in form.text
    assert form.step == "time"
    assert await bot.resources.embedded_portal.list_meetings(form.client.user.aad_object_id) == []
    assert update_lines(bot.connector)[summary.id] == "✕ Oppsummering: tidspunktet har passert"
    later = day + timedelta(days=1)
    await form.press(date=later.isoformat(), start="13:00", end="14:00", when="")
    await form.fill()
    await form.press()
    assert CREATED in form.text
    [meeting] = await bot.resources.embedded_portal.list_meetings(form.client.user.aad_object_id)
    assert datetime.fromisoformat(meeting["start"]) == at(later, "13:00")


async def test_a_start_within_the_grace_is_still_created(start_bot):
    clock = Clock()
    bot = await start_bot(clock=clock)
    form = await at_summary(bot)
    clock.now = at(next_weekday(1), "13:04")
    await form.press()
    assert CREATED in form.text


async def test_after_an_uncertain_create_the_start_passing_does_not_change_the_request(start_bot, portal_with):
    """Prøv igjen finishes the action the user took before the start: same body, same key."""
    clock = Clock()
    portal = await portal_with()
    bot = await bot_on(start_bot, portal, clock)
    form = await at_summary(bot)
    portal.faults.plan("POST", MEETINGS, *LOST)
    await form.press()
    clock.now = at(next_weekday(1), "13:30")
    await form.press()
    assert CREATED in form.text and len(await portal.meetings(form.client)) == 1
    assert len(set(portal.keys(MEETINGS))) == 1


@pytest.mark.parametrize("lost, created", [(LOST, True), (NEVER, False)], ids=["it was created", "it was not"])
async def test_an_uncertain_meeting_whose_time_is_over_is_looked_up(start_bot, portal_with, lost, created):
    clock = Clock()
    portal = await portal_with()
    bot = await bot_on(start_bot, portal, clock)
    form = await at_summary(bot)
    portal.faults.plan("POST", MEETINGS, *lost)
    await form.press()
    clock.now = at(next_weekday(1), "15:00")  # the meeting is over: the request cannot be sent again
    await form.press()
    meetings = await portal.meetings(form.client)
    if created:
        assert CREATED in form.text and meetings[0]["join_url"] in form.text
    else:
        assert "Tidspunktet har passert" in form.text and form.step == "time" and meetings == []
    assert len(portal.keys(MEETINGS)) == 3  # no request after the first attempt's three


# -- 5: the result before the summary collapses ------------------------------------------------
async def test_the_summary_stays_when_the_result_cannot_be_sent(start_bot):
    bot = await start_bot(clock=Clock())
    form = await at_summary(bot)
    summary = form.card
    bot.connector.fail_posts = 1  # the result card is refused by the connector
    replies = await form.client.press(summary)
    assert any("Noe gikk galt" in r.text for r in replies)
    assert summary.id not in [u["_updated"] for u in bot.connector.updates]  # still says Opprett møte
    again = await form.client.press(summary)
    assert any(CREATED in r.text for r in again)
    assert summary.id in [u["_updated"] for u in bot.connector.updates]
    assert len(await bot.resources.embedded_portal.list_meetings(form.client.user.aad_object_id)) == 1


# -- 6: the client's own English never reaches users -------------------------------------------
async def test_a_portal_error_without_its_own_reason_gets_a_catalogue_text(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal)
    client = bot.client()
    portal.faults.plan("POST", QUICK, Raw(413, "Request Entity Too Large"))
    replies = await client.say("hurtig")
    assert "Delta-portalen avviste forespørselen. Ingenting er opprettet." in replies[0].text
    assert "413" not in replies[0].text and "portal answered" not in replies[0].text
    english = bot.client("Ola Nordmann", locale="en-US")
    portal.faults.plan("POST", QUICK, Raw(413, "Request Entity Too Large"))
    replies = await english.say("quick")
    assert "The Delta portal refused the request. Nothing was created." in replies[0].text
    portal.faults.plan("POST", QUICK, Status(418, "teapot", "Portalen er *opptatt* <nå>"))
    replies = await client.say("hurtig")
    assert r"Delta-portalen avviste forespørselen: Portalen er \*opptatt\* \<nå\>." in replies[0].text


# -- 7: Avlys with a portal that names no organizer --------------------------------------------
async def test_avlys_shows_only_ones_own_meeting_when_the_portal_names_no_organizer(start_bot, portal_with):
    portal = await portal_with(ContractOnly())
    bot = await bot_on(start_bot, portal)
    owner, intruder = bot.client(), bot.client("Per Hansen")
    start, end = at(next_weekday(2), "10:00").isoformat(), at(next_weekday(2), "11:00").isoformat()
    body = {"organizer": {"id": owner.user.aad_object_id, "name": owner.user.name, "email": owner.user.email},
            "template_id": "videokonsultasjon-15-hd-chat-nb", "subject": "Fagmøte ortopedi",
            "time_zone": "Europe/Oslo", "start": start, "end": end, "recurrence": None,
            "occurrences": [{"start": start, "end": end}], "invitations": {"emails": ["lege.en@siv.no"], "sms": []}}
    meeting = await portal.embedded.create_meeting(body, idempotency_key="avlys-test-key")
    seen = await intruder.submit({"action": "cancel_meeting", "meeting_id": meeting["id"]})
    assert "Fant ikke møtet" in seen[0].text and "Fagmøte ortopedi" not in seen[0].text
    mine = await owner.submit({"action": "cancel_meeting", "meeting_id": meeting["id"]})
    assert "Avlyse møtet?" in mine[0].text and "Fagmøte ortopedi" in mine[0].text


# -- 8: limits with bookings side by side ------------------------------------------------------
async def test_parallel_bookings_cannot_pass_the_limit_together(start_bot, portal_with):
    gate = Gate()
    portal = await portal_with(gate)
    bot = await bot_on(start_bot, portal, max_meetings_per_hour=1)
    personal = bot.client("Kari Nordmann")
    group = TeamsClient(bot.session, bot.url, bot.connector, personal.user, conversation_type="groupChat")
    first = asyncio.create_task(personal.say("hurtig"))
    await wait_for(lambda: gate.waiting == 1)
    second = asyncio.create_task(group.say("hurtig"))  # same organizer, another chat: runs alongside
    await wait_for(lambda: second.done() or gate.waiting == 2)
    gate.release.set()
    first_replies, second_replies = await first, await second
    assert "Åpne møtet" in first_replies[0].text
    assert "Du har opprettet mange møter den siste timen (1)" in second_replies[0].text
    assert len(await portal.meetings(personal, "quick")) == 1


async def test_a_failure_that_created_nothing_gives_its_place_back(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal, max_meetings_per_hour=1)
    client = bot.client()
    portal.faults.plan("POST", QUICK, Status(503), Status(503), Status(503))
    assert NOTHING in (await client.say("hurtig"))[0].text
    assert "Åpne møtet" in (await client.say("hurtig"))[0].text


async def test_an_uncertain_failure_keeps_its_place_and_its_retry_is_never_refused(start_bot, portal_with):
    portal = await portal_with()
    bot = await bot_on(start_bot, portal, max_meetings_per_hour=1)
    client = bot.client()
    portal.faults.plan("POST", QUICK, *LOST)
    failed = await client.say("hurtig")
    assert UNCERTAIN in failed[0].text
    assert "mange møter" in (await client.say("hurtig"))[0].text  # it may exist: it counts
    again = await client.press(failed[0], title="Prøv igjen")
    assert "Åpne møtet" in again[0].text and len(await portal.meetings(client, "quick")) == 1
