"""The embedded portal's REST API (contracts.md section 2) and its join page, as an aiohttp app.

The bot mounts it under ``/portal`` when ``PORTAL_URL`` is empty; tests and ``python -m
core.portal`` can run it alone. Handlers only translate HTTP to calls on :class:`EmbeddedPortal`:
bodies are checked here for shape (400 for what is not JSON or not an object), the portal checks
meaning (422), and every error has the contract's shape ``{"error": {"code", "message"}}``.
"""
from __future__ import annotations

import html
import json
import logging
from typing import Any, Awaitable, Callable, Optional, Union

from aiohttp import web
from aiohttp.typedefs import Handler

from .embedded import EmbeddedPortal
from .protocol import PortalError

log = logging.getLogger(__name__)

#: An EmbeddedPortal, or a callable returning one (None while the app starts).
PortalSource = Union[EmbeddedPortal, Callable[[], Optional[EmbeddedPortal]]]
PORTAL_KEY: web.AppKey[PortalSource] = web.AppKey("embedded_portal")
MAX_BODY = 256 * 1024

Authenticator = Callable[[web.Request], Awaitable[None]]
AUTHENTICATOR_KEY: web.AppKey[Authenticator] = web.AppKey("portal_authenticator")


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        authenticate = request.app.get(AUTHENTICATOR_KEY)
        if authenticate is not None and "/api/" in request.path:
            await authenticate(request)
        return await handler(request)
    except PortalError as exc:
        return error_response(exc.status, exc.code, exc.message)
    except web.HTTPException as exc:
        if exc.status >= 400 and exc.content_type != "application/json":
            code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                    413: "too_large"}.get(exc.status, "http_error")
            return error_response(exc.status, code, exc.reason, headers=_auth_headers(exc))
        raise
    except Exception as exc:  # never a stack trace to the client; never data in the log
        log.error("embedded portal error: %s", type(exc).__name__)
        return error_response(500, "internal", "internal error")


def _auth_headers(exc: web.HTTPException) -> dict[str, str] | None:
    value = exc.headers.get("WWW-Authenticate") if exc.headers else None
    return {"WWW-Authenticate": value} if value else None


async def _json_body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise PortalError("body too large", code="too_large", status=413)
    raw = await request.read()
    if len(raw) > MAX_BODY:
        raise PortalError("body too large", code="too_large", status=413)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PortalError("body is not valid JSON", code="invalid_json", status=400) from None
    if not isinstance(body, dict):
        raise PortalError("body must be a JSON object", code="invalid_body", status=400)
    return body


def _portal(request: web.Request) -> EmbeddedPortal:
    source = request.app[PORTAL_KEY]
    portal = source if isinstance(source, EmbeddedPortal) else source()
    if portal is None:
        raise PortalError("portal is starting", code="unavailable", status=503)
    return portal


def _idempotency_key(request: web.Request) -> str:
    key = request.headers.get("Idempotency-Key", "")
    if not key:
        raise PortalError("Idempotency-Key header is required", code="idempotency_key_required", status=400)
    return key


async def templates(request: web.Request) -> web.Response:
    return web.json_response({"templates": await _portal(request).templates()})


async def create_quick(request: web.Request) -> web.Response:
    body = await _json_body(request)
    answer = await _portal(request).create_quick_meeting(body.get("organizer"),  # type: ignore[arg-type]
                                                         idempotency_key=_idempotency_key(request))
    return web.json_response(answer, status=201)


async def create_meeting(request: web.Request) -> web.Response:
    body = await _json_body(request)
    answer = await _portal(request).create_meeting(body, idempotency_key=_idempotency_key(request))
    return web.json_response(answer, status=201)


async def list_meetings(request: web.Request) -> web.Response:
    organizer = request.query.get("organizer", "")
    if not organizer:
        raise PortalError("query parameter organizer is required", code="invalid_organizer", status=400)
    return web.json_response({"meetings": await _portal(request).list_meetings(organizer)})


async def get_meeting(request: web.Request) -> web.Response:
    return web.json_response(await _portal(request).get_meeting(request.match_info["id"]))


async def cancel_meeting(request: web.Request) -> web.Response:
    organizer = request.query.get("organizer", "")
    if not organizer:
        raise PortalError("query parameter organizer is required", code="invalid_organizer", status=400)
    await _portal(request).cancel_meeting(request.match_info["id"], organizer)
    return web.Response(status=204)


async def cancel_occurrence(request: web.Request) -> web.Response:
    organizer = request.query.get("organizer", "")
    if not organizer:
        raise PortalError("query parameter organizer is required", code="invalid_organizer", status=400)
    await _portal(request).cancel_occurrence(request.match_info["id"], request.match_info["start"], organizer)
    return web.Response(status=204)
async def update_meeting(request: web.Request) -> web.Response:
    organizer = request.query.get("organizer", "")
    if not organizer:
        raise PortalError("query parameter organizer is required", code="invalid_organizer", status=400)
    body = await _json_body(request)
    answer = await _portal(request).update_meeting(request.match_info["id"], body, organizer,
                                                   idempotency_key=_idempotency_key(request))
    return web.json_response(answer)


async def outbox(request: web.Request) -> web.Response:
    meeting_id = request.query.get("meeting_id")
    return web.json_response({"messages": await _portal(request).outbox(meeting_id)})


_STATE_TEXT = {
    "open": "Møtet er åpent. Du kan koble til nå.",
    "not_yet": "Møtet er ikke åpnet ennå. Du kan koble til 20 minutter før start.",
    "ended": "Møtet er avsluttet.",
    "expired": "Lenken er utløpt.",
    "cancelled": "Møtet er avlyst.",
}


async def join_page(request: web.Request) -> web.Response:
    """A small page that says which room a link is for and whether it can be joined now.

    ``/webapp/conference/<room number>`` (join.nhn.no's form), and ``/join/<id>`` for links made
    before rooms. A room number has six digits and can be guessed, so the page shows no subject
    and no PIN: only the kind of meeting, the room number and its times."""
    if "room" in request.match_info:
        info = _portal(request).join_page(request.match_info["room"], by="room")
    else:
        info = _portal(request).join_page(request.match_info["id"], by="id")
    if info is None:
        body = _page("Ukjent møte", "<p>Denne lenken hører ikke til noe møte.</p>")
        return web.Response(text=body, content_type="text/html", status=404)
    meeting = info["meeting"]
    title = "Hurtigavtale - 365" if meeting["kind"] == "quick" else "Videomøte"
    rows = [f"<p class=state data-state={info['state']}>{_STATE_TEXT[info['state']]}</p>",
            f"<p>Romnummer {html.escape(str(meeting.get('room_number') or ''))}</p>"]
    if meeting.get("guest_pin"):
        rows.append("<p>Dette rommet krever PIN.</p>")
    if meeting["kind"] == "quick":
        rows.append(f"<p>Gyldig til {html.escape(meeting['valid_until'])}</p>")
    else:
        first = meeting["occurrences"][0]
        rows.append(f"<p>Start {html.escape(first['start'])}, slutt {html.escape(first['end'])}"
                    f" ({len(meeting['occurrences'])} møte(r))</p>")
        if info["next_opens"]:
            rows.append(f"<p>Åpner {html.escape(info['next_opens'])}</p>")
    return web.Response(text=_page(title, "\n".join(rows)), content_type="text/html")


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=nb><head><meta charset=utf-8>"
        f"<title>{html.escape(title)} - Delta (innebygd portal)</title>"
        "<meta name=viewport content='width=device-width, initial-scale=1'></head>"
        "<body style='font-family:sans-serif;max-width:40em;margin:2em auto'>"
        "<p><small>Delta videoportal - innebygd utviklingsportal</small></p>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def create_portal_app(portal: PortalSource, authenticator: Authenticator | None = None) -> web.Application:
    """The REST API and join page as an aiohttp application (mount it with ``add_subapp``)."""
    app = web.Application(middlewares=[_errors], client_max_size=MAX_BODY)
    app[PORTAL_KEY] = portal
    if authenticator is not None:
        app[AUTHENTICATOR_KEY] = authenticator
        if hasattr(authenticator, "close"):  # e.g. BearerVerifier's JWKS session
            async def _close_authenticator(_app: web.Application) -> None:
                await authenticator.close()

            app.on_cleanup.append(_close_authenticator)
    app.router.add_get("/api/v1/templates", templates)
    app.router.add_post("/api/v1/meetings/quick", create_quick)
    app.router.add_post("/api/v1/meetings", create_meeting)
    app.router.add_get("/api/v1/meetings", list_meetings)
    app.router.add_get("/api/v1/meetings/{id}", get_meeting)
    app.router.add_delete("/api/v1/meetings/{id}", cancel_meeting)
    app.router.add_delete("/api/v1/meetings/{id}/occurrences/{start}", cancel_occurrence)
    app.router.add_patch("/api/v1/meetings/{id}", update_meeting)
    app.router.add_get("/api/v1/outbox", outbox)
    app.router.add_get("/webapp/conference/{room}", join_page)
    app.router.add_get("/join/{id}", join_page)  # links made before rooms (contract v1)
    return app
