"""The aiohttp application: ``POST /api/messages``, ``/healthz``, ``/readyz`` and the embedded portal.

Everything with a life (portal, storage, adapter, bot) is opened in ``cleanup_ctx`` and closed
there; nothing lives at module level.
"""
from __future__ import annotations

import inspect
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, AsyncIterator

import jwt
from aiohttp import web
from msrest.serialization import Model
from botbuilder.core import TurnContext
from botbuilder.schema import ActivityTypes

from core.booking import Booking
from core.limits import RateLimiter
from core.invitations.preview import PreviewSetup
from core.portal.embedded import EmbeddedPortal
from core.portal.rest import create_portal_app

from .actions import Services, card_activity
from .cards import common
from . import sdk
from .config import Settings
from .handler import DeltaBot
from .i18n import Texts
from .teams import MemberDirectory
from .sdk.connector import PooledCloudAdapter
from .sdk.state import ConversationState, PrivateConversationState
from .sdk.turns import TurnRunner

log = logging.getLogger(__name__)

MAX_ACTIVITY_BYTES = 256 * 1024


@dataclass
class Resources:
    """What the app opened at start-up (filled in by its cleanup contexts)."""

    settings: Settings
    portal: Any = None
    storage: Any = None
    adapter: PooledCloudAdapter | None = None
    bot: DeltaBot | None = None
    embedded_portal: EmbeddedPortal | None = None
    started_at: float = 0.0
    turns: TurnRunner | None = None
    conversation_state: ConversationState | None = None
    dialog_state: PrivateConversationState | None = None
    # Outbound Bot Framework credentials; None = botbuilder's own (msal against Entra ID). Tests set
    # one that gets its token from a loopback signer, since login.microsoftonline.com is out of reach.
    credentials_factory: Any = None
    # The clock of the booking rules, the Ny avtale dialog and the embedded portal: a callable that
    # returns an aware datetime. None = the real one (UTC now). Tests set a frozen "now" here.
    clock: Any = None
    reminder_store: Any = None   # core.reminders store (SQLite or Blob)
    reminders: Any = None        # bot.reminders.ReminderLoop


RESOURCES = web.AppKey("resources", Resources)


def _bad_request(message: str, status: int = 400) -> web.Response:
    return web.json_response({"error": {"code": "bad_request", "message": message}}, status=status)


async def messages(request: web.Request) -> web.Response:
    """Bot Framework's endpoint. Bad bodies are 4xx, failed authentication 401, never 500."""
    resources = request.app[RESOURCES]
    if "application/json" not in request.headers.get("Content-Type", ""):
        return _bad_request("Content-Type must be application/json", 415)
    if request.content_length is not None and request.content_length > MAX_ACTIVITY_BYTES:
        return _bad_request("activity too large", 413)
    try:
        # StreamReader.read(n) returns what has arrived so far (one chunk), not n bytes: read to EOF.
        raw = b""
        while len(raw) <= MAX_ACTIVITY_BYTES:
            chunk = await request.content.read(MAX_ACTIVITY_BYTES + 1 - len(raw))
            if not chunk:
                break
            raw += chunk
    except Exception:
        return _bad_request("could not read the body")
    if len(raw) > MAX_ACTIVITY_BYTES:
        return _bad_request("activity too large", 413)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _bad_request("body is not valid JSON")
    if not isinstance(body, dict) or not isinstance(body.get("type"), str) or not body.get("type"):
        return _bad_request("body is not a Bot Framework activity")
    # Every activity from a channel names these; state keys and replies are built from them. They
    # are checked in the raw JSON: msrest's deserialisation turns {"id": 5} into the string "5".
    if not _has_activity_fields(body):
        return _bad_request("activity lacks conversation, serviceUrl, from or channelId, or has a field "
                            "of the wrong type")
    try:
        # = Activity().deserialize(body), in a third of the time (bot/sdk/serialization.py)
        activity = resources.adapter.parse_activity(body)
    except Exception:
        return _bad_request("body is not a Bot Framework activity")

    auth_header = request.headers.get("Authorization", "")
    adapter = resources.adapter
    if not resources.settings.development_mode and not auth_header:
        # botbuilder 4.17.1 answers 500 here (it passes "" where it checks for None).
        return web.Response(status=401)
    try:
        auth_result = await adapter.bot_framework_authentication.authenticate_request(activity, auth_header)
    except (PermissionError, jwt.PyJWTError, ValueError, KeyError) as exc:
        # botbuilder lets InvalidSignatureError and ExpiredSignatureError escape as 500.
        log.info("unauthenticated request refused: %s", type(exc).__name__)
        return web.Response(status=401)
    except Exception as exc:
        log.warning("authentication failed: %s", type(exc).__name__)
        return web.Response(status=401)
    invoke_response = await adapter.process_activity(
        auth_result, activity, lambda turn_context: resources.turns.run(turn_context, resources.bot))
    status = int(invoke_response.status) if invoke_response else 201
    log.debug("activity handled type=%s channel=%s status=%d", _known(activity.type, _ACTIVITY_TYPES),
              _known(activity.channel_id, _CHANNELS), status)
    if invoke_response:
        body = invoke_response.body
        if isinstance(body, Model):  # botbuilder answers some invokes with a model, not JSON data
            body = body.serialize()
        return web.json_response(data=body, status=invoke_response.status)
    return web.Response(status=201)


_ACTIVITY_TYPES = frozenset(t.value for t in ActivityTypes)
_CHANNELS = frozenset(("msteams", "emulator", "webchat", "directline", "test"))


def _known(value: Any, known: frozenset[str]) -> str:
    """A sender-chosen value for a log line: itself when it is one we know, else "other"."""
    return value if isinstance(value, str) and value in known else "other"


def _nonblank(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


_OBJECT_FIELDS = ("recipient", "channelData")
_LIST_OF_OBJECT_FIELDS = ("entities", "attachments", "membersAdded", "membersRemoved", "reactionsAdded",
                          "reactionsRemoved")


def _has_activity_fields(body: dict[str, Any]) -> bool:
    """The fields replies and state keys are built from, and the shapes botbuilder dereferences
    without checking (a list as ``channelData`` fails deep inside TeamsActivityHandler)."""
    conversation, sender, service_url = body.get("conversation"), body.get("from"), body.get("serviceUrl")
    if not (isinstance(conversation, dict) and _nonblank(conversation.get("id"))
            and isinstance(sender, dict) and _nonblank(sender.get("id"))
            and _nonblank(service_url) and service_url.startswith(("https://", "http://"))
            and _nonblank(body.get("channelId"))):
        return False
    if any(body.get(name) is not None and not isinstance(body[name], dict) for name in _OBJECT_FIELDS):
        return False
    return all(body.get(name) is None or (isinstance(body[name], list)
                                          and all(isinstance(item, dict) for item in body[name]))
               for name in _LIST_OF_OBJECT_FIELDS)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    resources = request.app[RESOURCES]
    checks = {"storage": False, "portal": False}
    try:
        storage = resources.storage
        answer = storage.ping() if hasattr(storage, "ping") else storage is not None
        checks["storage"] = bool(await answer) if inspect.isawaitable(answer) else bool(answer)
    except Exception as exc:
        log.warning("readiness: storage %s", type(exc).__name__)
    try:
        checks["portal"] = bool(await resources.portal.ping())
    except Exception as exc:
        log.warning("readiness: portal %s", type(exc).__name__)
    ok = all(checks.values())
    return web.json_response({"status": "ready" if ok else "not ready", "checks": checks}, status=200 if ok else 503)


def _open_portal(settings: Settings, clock=None):
    """The portal port: the HTTP client when ``PORTAL_URL`` is set, else the embedded portal."""
    if settings.portal_url:
        from core.portal.http import HttpPortal

        return HttpPortal.from_settings(
            base_url=settings.portal_url,
            authority=settings.portal_authority,
            client_id=settings.portal_client_id,
            client_secret=settings.portal_client_secret,
            client_cert=settings.portal_client_cert,
            scope=settings.portal_scope,
        ), None
    portal = EmbeddedPortal.open(settings.data_dir / "portal.sqlite3", base_url=settings.public_base_url + "/portal",
                                 clock=clock, sip_domain=settings.portal_sip_domain,
                                 contact=settings.invitation_contact)
    return portal, portal


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def make_error_handler(resources: Resources):
    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        """Log a reference and the exception type only; tell the user what to do. Dialog state is not
        cleared: the failed turn's changes are simply not saved, so the dialog stays at its step."""
        ref = uuid.uuid4().hex[:8]
        log.error("turn failed ref=%s type=%s activity=%s", ref, type(error).__name__,
                  _known(getattr(turn_context.activity, "type", None), _ACTIVITY_TYPES))
        texts = Texts.for_locale(turn_context.activity.locale)
        try:
            await turn_context.send_activity(
                card_activity(common.failure_card(texts, texts("error_body", ref=ref))))
        except Exception as send_error:
            log.error("could not tell the user ref=%s type=%s", ref, type(send_error).__name__)

    return on_turn_error


async def _portal(app: web.Application) -> AsyncIterator[None]:
    """Start-up, then the portal: the HTTP client, or the embedded portal (SQLite)."""
    resources = app[RESOURCES]
    settings = resources.settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.development_mode:
        log.warning("DEVELOPMENT MODE: MicrosoftAppId is empty, requests are NOT authenticated. "
                    "Listening on loopback only.")
    portal, embedded = _open_portal(settings, resources.clock or _utc_now)
    resources.portal, resources.embedded_portal = portal, embedded
    try:
        if hasattr(portal, "start"):
            await portal.start()
        yield
    finally:
        result = portal.close()
        if inspect.isawaitable(result):
            await result


async def _bot(app: web.Application) -> AsyncIterator[None]:
    """The bot itself, over the portal, storage and adapter opened before it."""
    resources = app[RESOURCES]
    settings = resources.settings
    clock = resources.clock or _utc_now
    from core.when import warm_up

    warm_up(settings.tz)
    from core.reminders.portal import RemindingPortal

    services = Services(
        booking=Booking(RemindingPortal(resources.portal, resources.reminder_store, settings.tz), settings.tz,
                        clock=clock),
        directory=MemberDirectory(),
        tz=settings.tz,
        limits=RateLimiter(settings.max_meetings_per_hour, settings.max_invitations_per_hour),
        reminders=resources.reminder_store,
        previews=PreviewSetup(
            join_base=settings.public_base_url + "/portal" if not settings.portal_url
            else "https://" + settings.portal_sip_domain,
            sip_domain=settings.portal_sip_domain, contact=settings.invitation_contact),
    )
    from .dialogs.new_meeting import NewMeetingDialog

    resources.bot = DeltaBot(services, resources.conversation_state, resources.dialog_state,
                             NewMeetingDialog(services), allowed_tenants=settings.allowed_tenants)
    resources.started_at = time.monotonic()
    yield


async def _reminder_store(app: web.Application) -> AsyncIterator[None]:
    """Where reminders and the organizers' personal-chat references are kept: beside the bot state
    (SQLite in ``DATA_DIR``, or the Blob container with ``STATE_STORAGE=blob``)."""
    resources = app[RESOURCES]
    settings = resources.settings
    if settings.state_storage == "blob":
        from core.reminders.blob_store import BlobReminderStore

        store: Any = BlobReminderStore(settings.azure_storage_connection_string, settings.azure_storage_container)
    else:
        from core.reminders.sqlite_store import SqliteReminderStore

        store = SqliteReminderStore(settings.data_dir / "reminders.sqlite3")
    resources.reminder_store = store
    try:
        yield
    finally:
        await store.close()


async def _reminder_loop(app: web.Application) -> AsyncIterator[None]:
    """The reminders: record personal-chat references on every turn, send what is due."""
    from .reminders import ReferenceRecorder, ReminderLoop

    resources = app[RESOURCES]
    settings = resources.settings
    resources.adapter.use(ReferenceRecorder(resources.reminder_store))
    loop = ReminderLoop(resources.reminder_store, resources.portal, resources.adapter, settings.app_id,
                        settings.tz, resources.clock or _utc_now, settings.reminder_poll_seconds)
    resources.reminders = loop
    loop.start()
    try:
        yield
    finally:
        await loop.close()


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=MAX_ACTIVITY_BYTES)
    resources = Resources(settings=settings)
    app[RESOURCES] = resources
    # One cleanup context per resource, in order: a failure while one opens still closes those
    # opened before it (aiohttp runs the cleanup of every context that started).
    app.cleanup_ctx.append(_portal)
    sdk.install(app, resources, on_turn_error=make_error_handler(resources))
    app.cleanup_ctx.append(_reminder_store)
    app.cleanup_ctx.append(_bot)
    app.cleanup_ctx.append(_reminder_loop)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    if not settings.portal_url:
        from core.portal.auth import portal_authenticator

        # bearer tokens from PORTAL_TOKEN_ISSUER when set, else the API answers loopback clients only
        app.add_subapp("/portal", create_portal_app(
            lambda: resources.embedded_portal,
            authenticator=portal_authenticator(settings.portal_token_issuer, settings.portal_token_audience)))
    return app
