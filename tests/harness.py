"""Drive the bot as Teams does: real HTTP POSTs of Teams-shaped activities to ``/api/messages``,
and a connector stub on loopback that records replies, card updates and answers member look-ups.

Used by the protocol tests, the benchmark and the reliability tests.
"""
from __future__ import annotations

import asyncio
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

TENANT = "5f0c2a6e-0000-4000-8000-000000000001"


@dataclass
class Member:
    id: str
    name: str
    aad_object_id: str
    email: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aadObjectId": self.aad_object_id, "email": self.email,
                "userPrincipalName": self.email, "givenName": self.name.split()[0], "tenantId": TENANT}


class ConnectorStub:
    """The Bot Connector service of Teams, on loopback: records what the bot sends."""

    def __init__(self):
        self.sent: list[dict[str, Any]] = []      # every activity the bot posted (send or reply)
        self.updates: list[dict[str, Any]] = []   # every activity the bot updated (PUT)
        self.members: dict[str, Member] = {}
        self.member_lookups = 0
        self.fail_updates = False
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def add_member(self, member: Member) -> None:
        self.members[member.id] = member

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        activity_id = f"act-{next(self._ids)}"
        body["id"] = activity_id
        body["_conversation"] = request.match_info["conversation"]
        body["_reply_to"] = request.match_info.get("activity")
        self.sent.append(body)
        return web.json_response({"id": activity_id})

    async def _put(self, request: web.Request) -> web.Response:
        if self.fail_updates:
            return web.json_response({"error": {"code": "BadArgument", "message": "cannot update"}}, status=400)
        body = await request.json()
        body["_updated"] = request.match_info["activity"]
        self.updates.append(body)
        return web.json_response({"id": request.match_info["activity"]})

    async def _member(self, request: web.Request) -> web.Response:
        self.member_lookups += 1
        member = self.members.get(request.match_info["member"])
        if member is None:
            return web.json_response({"error": {"code": "NotFound", "message": "member not found"}}, status=404)
        return web.json_response(member.as_json())

    async def start(self) -> "ConnectorStub":
        app = web.Application()
        # Any id in a path segment, as the real connector takes them (aiohttp's default pattern
        # would refuse braces).
        conversation, activity, member = "{conversation:[^/]+}", "{activity:[^/]+}", "{member:[^/]+}"
        app.router.add_post(f"/v3/conversations/{conversation}/activities", self._post)
        app.router.add_post(f"/v3/conversations/{conversation}/activities/{activity}", self._post)
        app.router.add_put(f"/v3/conversations/{conversation}/activities/{activity}", self._put)
        app.router.add_get(f"/v3/conversations/{conversation}/members/{member}", self._member)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def start_app(app: web.Application, port: int = 0) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


def cards_of(activity: dict[str, Any]) -> list[dict[str, Any]]:
    return [a["content"] for a in activity.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]


def all_text(card: dict[str, Any]) -> str:
    """Every piece of text in a card (TextBlocks, facts, action titles, input labels)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("text", "title", "value", "label", "placeholder", "fallbackText", "url"):
                if isinstance(node.get(key), str):
                    out.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(out)


def actions_of(card: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("type"), str) and node["type"].startswith("Action."):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("actions", []))
    walk(card.get("body", []))
    return found


def inputs_of(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("type"), str) and node["type"].startswith("Input.") and "id" in node:
                found[node["id"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("body", []))
    return found


@dataclass
class Reply:
    activity: dict[str, Any]

    @property
    def text(self) -> str:
        parts = [self.activity.get("text") or ""]
        parts += [all_text(c) for c in self.cards]
        return "\n".join(p for p in parts if p)

    @property
    def cards(self) -> list[dict[str, Any]]:
        return cards_of(self.activity)

    @property
    def card(self) -> dict[str, Any]:
        return self.cards[0]

    @property
    def id(self) -> str:
        return self.activity["id"]


@dataclass
class TeamsClient:
    """A Teams user in one conversation, talking to the bot over HTTP."""

    session: aiohttp.ClientSession
    bot_url: str
    connector: ConnectorStub
    user: Member
    conversation_id: str = field(default_factory=lambda: "a:" + uuid.uuid4().hex)
    conversation_type: str = "personal"
    locale: str = "nb-NO"
    tenant: str = TENANT
    bot_id: str = "28:delta-bot"
    bot_name: str = "Delta video"
    headers: dict[str, str] = field(default_factory=dict)
    last_status: int = 0

    def activity(self, type_: str = "message", **extra: Any) -> dict[str, Any]:
        conversation = {"id": self.conversation_id, "conversationType": self.conversation_type,
                        "tenantId": self.tenant}
        if self.conversation_type != "personal":
            conversation["isGroup"] = True
        activity = {
            "type": type_,
            "id": "in-" + uuid.uuid4().hex[:12],
            "channelId": "msteams",
            "serviceUrl": self.connector.url,
            "timestamp": "2026-11-25T10:00:00.000Z",
            "locale": self.locale,
            "from": {"id": self.user.id, "name": self.user.name, "aadObjectId": self.user.aad_object_id},
            "recipient": {"id": self.bot_id, "name": self.bot_name},
            "conversation": conversation,
            "channelData": {"tenant": {"id": self.tenant}},
        }
        activity.update(extra)
        return activity

    async def post(self, activity: dict[str, Any]) -> list[Reply]:
        before = len(self.connector.sent)
        async with self.session.post(f"{self.bot_url}/api/messages", json=activity,
                                     headers=self.headers) as response:
            self.last_status = response.status
            await response.read()
        return [Reply(a) for a in self.connector.sent[before:] if a["_conversation"] == self.conversation_id]

    async def say(self, text: str, mention: bool = False, **extra: Any) -> list[Reply]:
        entities = None
        if mention:
            text = f"<at>{self.bot_name}</at> {text}"
            entities = [{"type": "mention", "text": f"<at>{self.bot_name}</at>",
                         "mentioned": {"id": self.bot_id, "name": self.bot_name}}]
        activity = self.activity(text=text, **extra)
        if entities:
            activity["entities"] = entities
        return await self.post(activity)

    async def submit(self, data: dict[str, Any], reply_to: str | None = None) -> list[Reply]:
        """A card's Action.Submit as Teams sends it: a message with ``value`` and no text."""
        activity = self.activity(value=data)
        if reply_to:
            activity["replyToId"] = reply_to
        return await self.post(activity)

    async def press(self, reply: Reply, title: str | None = None, inputs: dict[str, Any] | None = None,
                    card_index: int = 0) -> list[Reply]:
        """Press a card's action (the first one by default, or the one with ``title``), with inputs
        filled as given and every other input at its card default, as Teams does."""
        card = reply.cards[card_index]
        candidates = [a for a in actions_of(card) if a["type"] == "Action.Submit"]
        action = candidates[0] if title is None else next(a for a in candidates if a.get("title") == title)
        data = dict(action.get("data") or {})
        if action.get("associatedInputs", "auto") != "none":
            for input_id, spec in inputs_of(card).items():
                if "value" in spec:
                    data[input_id] = spec["value"]
            data.update(inputs or {})
        return await self.submit(data, reply_to=reply.id)

    async def install(self) -> list[Reply]:
        return await self.post(self.activity("installationUpdate", action="add"))


async def wait_for(predicate, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.01)
