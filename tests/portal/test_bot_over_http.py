"""Issue 3, done when: with ``PORTAL_URL`` pointing at a separately started embedded portal (its own
process, ``python -m core.portal``) that only accepts bearer tokens from the test issuer, and the bot
configured with client credentials for that issuer, the bot books quick and scheduled meetings
through HTTP with msal tokens.

The bot trusts the test issuer's CA through ``REQUESTS_CA_BUNDLE`` (msal's HTTP client is requests),
as a hospital with its own CA would configure it.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from tests.harness import free_port, inputs_of

from .conftest import CLIENT_ID, CLIENT_SECRET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
async def portal_process(tmp_path, issuer):
    """The embedded portal's REST API as its own process, checking tokens from the local issuer."""
    port = free_port()
    log_path = tmp_path / "portal.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "core.portal", "--host", "127.0.0.1", "--port", str(port),
             "--data-dir", str(tmp_path / "portal-data"), "--issuer", issuer.url,
             "--audience", issuer.audience, "--ca-file", issuer.ca_file],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                if process.poll() is not None:
                    raise AssertionError("portal exited:\n" + log_path.read_text(errors="replace"))
                try:
                    async with session.get(url + "/api/v1/templates") as response:
                        if response.status == 401:  # up, and refusing requests without a token
                            break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("portal did not start:\n" + log_path.read_text(errors="replace"))
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
async def bot_over_http(start_bot, portal_process, issuer, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", issuer.ca_file)
    bot = await start_bot(portal_url=portal_process, portal_authority=issuer.url, portal_client_id=CLIENT_ID,
                          portal_client_secret=CLIENT_SECRET, portal_scope=issuer.scope)
    bot.portal_url = portal_process
    return bot


async def api(bot, path: str, issuer, **params):
    """Read the portal's API as an outside client with its own token."""
    headers = {"Authorization": f"Bearer {issuer.token(client_id='reader')}"}
    async with bot.session.get(bot.portal_url + path, params=params, headers=headers) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def test_the_bot_books_a_quick_meeting_through_http_with_a_token(bot_over_http, issuer):
    bot = bot_over_http
    assert "/portal" not in [r.canonical for r in bot.app.router.resources()]  # no embedded portal here
    client = bot.client()
    replies = await client.say("hurtig")
    assert "Åpne møtet" in replies[0].text, replies[0].text
    meetings = (await api(bot, "/api/v1/meetings", issuer, organizer=client.user.aad_object_id))["meetings"]
    assert len(meetings) == 1 and meetings[0]["kind"] == "quick"
    assert meetings[0]["join_url"] in replies[0].text
    # msal went to the issuer's token endpoint with the bot's client id, and the portal took the token
    assert [(r.get("grant_type"), r.get("client_id")) for r in issuer.token_requests] == \
        [("client_credentials", CLIENT_ID)]
    async with bot.session.get(f"{bot.url}/readyz") as response:
        assert response.status == 200


async def test_the_bot_books_a_scheduled_meeting_through_http_with_a_token(bot_over_http, issuer):
    bot = bot_over_http
    client = bot.client()
    tz = ZoneInfo("Europe/Oslo")
    day = (datetime.now(tz) + timedelta(days=3)).date()
    answers = {
        "subject": "Fagmøte intensiv",
        "emails": "lege.en@siv.no, sykepleier.to@siv.no",
        "sms": "+47 412 34 567",
        "consent": "true",
        "date": day.isoformat(), "start": "10:00", "end": "11:00", "when": "",
        "recurrence": "none", "until": "",
    }
    replies = await client.say("ny avtale")
    result = None
    for _ in range(12):  # each card: fill the contract's inputs it has, press its first action
        card_reply = next((r for r in replies if r.cards and inputs_of(r.card)), None)
        if card_reply is None:
            result = replies
            break
        fill = {k: v for k, v in answers.items() if k in inputs_of(card_reply.card)}
        replies = await client.press(card_reply, inputs=fill)
        if not any(inputs_of(r.card) for r in replies if r.cards):
            summary = next((r for r in replies if r.cards and "Opprett møte" in r.text), None)
            if summary is None:
                result = replies
                break
            replies = await client.press(summary)  # Opprett møte is the summary's first action
            result = replies
            break
    assert result is not None
    text = "\n".join(r.text for r in result)
    meetings = (await api(bot, "/api/v1/meetings", issuer, organizer=client.user.aad_object_id))["meetings"]
    assert len(meetings) == 1, text
    meeting = await api(bot, f"/api/v1/meetings/{meetings[0]['id']}", issuer)
    assert meeting["subject"] == "Fagmøte intensiv"
    assert datetime.fromisoformat(meeting["start"]) == datetime(day.year, day.month, day.day, 10, 0, tzinfo=tz)
    assert datetime.fromisoformat(meeting["end"]) == datetime(day.year, day.month, day.day, 11, 0, tzinfo=tz)
    assert sorted(meeting["invitations"]["emails"]) == ["lege.en@siv.no", "sykepleier.to@siv.no"]
    assert meeting["invitations"]["sms"] == ["+4741234567"]
    assert meeting["join_url"] in text


async def test_a_portal_refusing_the_bots_token_gives_a_clear_message_and_no_meeting(
        start_bot, portal_process, issuer, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", issuer.ca_file)
    # a client the issuer does not know: no token, so the portal is never asked to create anything
    bot = await start_bot(portal_url=portal_process, portal_authority=issuer.url, portal_client_id="unknown-client",
                          portal_client_secret="wrong", portal_scope=issuer.scope)
    bot.portal_url = portal_process
    client = bot.client()
    replies = await client.say("hurtig")
    assert len(replies) == 1
    assert "Åpne møtet" not in replies[0].text
    assert "logget inn i Delta-portalen" in replies[0].text and "Ingenting er opprettet" in replies[0].text
    assert "Traceback" not in replies[0].text and "Exception" not in replies[0].text
    meetings = (await api(bot, "/api/v1/meetings", issuer, organizer=client.user.aad_object_id))["meetings"]
    assert meetings == []
