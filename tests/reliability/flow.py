"""Walking a Teams user through Ny avtale over HTTP, step by step, for the reliability tests.

Small on purpose: it presses the cards the bot sent (``TeamsClient.press`` fills every input with
the card's own default, as Teams does) and reads where the dialog is from the last card's buttons.
"""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from tests.harness import ConnectorStub, Reply, TeamsClient, actions_of

TZ = ZoneInfo("Europe/Oslo")
STEPS = ("template", "subject", "invitations", "time", "recurrence", "summary")
SUBJECT = "Planlegging av vaktliste"
CREATED = "Møtet er opprettet"


class FlakyConnector(ConnectorStub):
    """The connector stub, refusing the next ``fail_posts`` replies with a 503, or taking the next
    ``drop_posts`` replies (the user sees them) and closing the connection without an answer."""

    fail_posts = 0
    drop_posts = 0

    async def _post(self, request: web.Request) -> web.Response:
        if self.fail_posts:
            self.fail_posts -= 1
            await request.read()
            return web.json_response({"error": {"code": "ServiceUnavailable", "message": "try later"}}, status=503)
        if self.drop_posts:
            self.drop_posts -= 1
            response = await super()._post(request)
            request.transport.close()  # delivered, and the answer lost on the way back
            return response
        return await super()._post(request)


def meeting_day(days_ahead: int = 3) -> date:
    return datetime.now(TZ).date() + timedelta(days=days_ahead)


def answers(subject: str = SUBJECT, emails: str = "", sms: str = "", day: date | None = None,
            start: str = "13:00", end: str = "14:00") -> dict[str, dict[str, Any]]:
    """A valid answer for every step (``None`` for template/recurrence/summary: the card defaults)."""
    day = day or meeting_day()
    return {
        "template": {},
        "subject": {"subject": subject},
        "invitations": {"emails": emails, "sms": sms, "consent": "true" if (emails or sms) else "false"},
        "time": {"date": day.isoformat(), "start": start, "end": end, "when": ""},
        "recurrence": {"recurrence": "none", "until": ""},
        "summary": {},
    }


def step_of(reply: Reply) -> tuple[str, str] | None:
    """``(step, run)`` of a Ny avtale step card (from its primary button's data), else ``None``."""
    for card in reply.cards:
        for action in actions_of(card):
            data = action.get("data") or {}
            if action.get("type") == "Action.Submit" and data.get("step") in STEPS and data.get("run"):
                return data["step"], data["run"]
    return None


def last_step(replies: list[Reply]) -> tuple[str, str, Reply] | None:
    for reply in reversed(replies):
        found = step_of(reply)
        if found:
            return found[0], found[1], reply
    return None


async def begin(client: TeamsClient) -> list[Reply]:
    return await client.say("ny avtale")


async def answer(client: TeamsClient, reply: Reply, values: dict[str, Any]) -> list[Reply]:
    """Press the step card's primary button with ``values`` in its inputs."""
    return await client.press(reply, inputs=values)


async def walk_to(client: TeamsClient, target: str, **kwargs: Any) -> tuple[str, Reply]:
    """Start Ny avtale and answer every step before ``target``; returns ``(run, target card)``."""
    given = answers(**kwargs)
    replies = await begin(client)
    while True:
        found = last_step(replies)
        assert found is not None, [r.text for r in replies]
        step, run, reply = found
        if step == target:
            return run, reply
        replies = await answer(client, reply, given[step])


async def finish_from(client: TeamsClient, reply: Reply, **kwargs: Any) -> list[Reply]:
    """From a step card, answer it and every later step, then press Opprett møte."""
    given = answers(**kwargs)
    replies = [reply]
    while True:
        found = last_step(replies)
        assert found is not None, [r.text for r in replies]
        step, _run, card = found
        replies = await answer(client, card, given[step])
        if step == "summary":
            return replies


def stored_meetings(data_dir: Path, organizer_id: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    """What the embedded portal's database holds (read from the file, as any replica would)."""
    db = sqlite3.connect(str(Path(data_dir) / "portal.sqlite3"), timeout=30)
    db.row_factory = sqlite3.Row
    try:
        sql, args = "SELECT id, kind, organizer_id, subject, invitations, join_url FROM meetings WHERE 1=1", []
        if organizer_id is not None:
            sql, args = sql + " AND organizer_id = ?", args + [organizer_id]
        if kind is not None:
            sql, args = sql + " AND kind = ?", args + [kind]
        return [dict(row) for row in db.execute(sql, args)]
    finally:
        db.close()


async def confirm(client: TeamsClient, bot_url: str, summary: Reply) -> int:
    """Press Opprett møte on a summary card (to any replica); returns the HTTP status."""
    run = last_step([summary])[1]
    activity = client.activity(value={"action": "confirm", "step": "summary", "run": run}, replyToId=summary.id)
    async with client.session.post(f"{bot_url}/api/messages", json=activity) as response:
        await response.read()
        return response.status


def replies_since(client: TeamsClient, before: int) -> list[Reply]:
    return [Reply(a) for a in client.connector.sent[before:] if a["_conversation"] == client.conversation_id]
