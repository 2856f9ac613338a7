"""The HTTP client for the portal contract (contracts.md section 2).

One :class:`aiohttp.ClientSession` for the app's life (:meth:`HttpPortal.start` / :meth:`close`), a
connect timeout and a per-attempt total timeout, and an overall deadline so the user always gets an
answer in bounded time.

Retries, with exponential backoff and full jitter (capped), happen on connection errors, timeouts, 429
(``Retry-After`` honoured, capped) and 502/503/504 — never on other 4xx and never on 500 (the portal
said it failed on our request; trying again would not help). A POST is retried only because it
carries an ``Idempotency-Key``: the caller makes one key per user action and every retry of that
action reuses it, so a retry after a lost answer returns the first meeting instead of a second.

A 401 refreshes the token once and tries again; the second 401 is :class:`Unauthorized`.

Errors become the typed exceptions of :mod:`core.portal.protocol` with the portal's own ``code`` and
``message`` where it gave them (``portal_message`` is set only then). Each error says whether the
request may have been carried out all the same (``reached``): a timeout or a connection dropped
after sending, a 2xx that is not JSON, a 500/502/504 — for a create, the meeting may exist. No
connection, no token, 503 and 429 reached nothing; a 4xx is the portal's definite answer. Once any
attempt of a call may have reached the portal, so may the call, whatever the last attempt said
(except a 4xx about the request itself: a replay of a created key would have returned the meeting).

Logs name the operation, the status and the attempt — never a body, a query string (organizer ids)
or a token. Answers pass through as the portal gave them, v1.1's room fields (``room_number``,
``guest_pin``, ``host_pin``, ``sip_address``) included; a PIN never reaches a log line.
"""
from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import time
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable
from urllib.parse import quote

import aiohttp

from .protocol import (
    Conflict,
    NotFound,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    Unauthorized,
)

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_MESSAGE = 300


class _Retry(Exception):
    """One attempt failed in a way worth another; ``error`` is what to raise if none is left."""

    def __init__(self, error: PortalError, wait: float | None = None):
        super().__init__(error.code)
        self.error = error
        self.wait = wait


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now() if now else datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


class HttpPortal:
    """The :class:`~core.portal.protocol.Portal` over HTTP, with tokens from a
    :class:`~core.portal.auth.TokenProvider` (or none, for a portal without authentication)."""

    def __init__(self, base_url: str, tokens: Any = None, *,
                 connect_timeout: float = 3.0, timeout: float = 10.0, deadline: float = 12.0,
                 max_attempts: int = 3, backoff_base: float = 0.25, backoff_cap: float = 2.0,
                 retry_after_cap: float = 5.0, ssl: Any = None,
                 random_fn: Callable[[], float] = random.random,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("the portal URL must start with http:// or https://")
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.deadline = deadline
        self.max_attempts = max(1, max_attempts)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self._ssl = ssl
        self._random = random_fn
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def from_settings(cls, *, base_url: str, authority: str = "", client_id: str = "",
                      client_secret: str = "", client_cert: str = "", scope: str = "",
                      **options: Any) -> "HttpPortal":
        """From the ``PORTAL_*`` settings; without ``PORTAL_CLIENT_ID`` no token is sent."""
        tokens = None
        if client_id:
            from .auth import TokenProvider

            tokens = TokenProvider(authority=authority, client_id=client_id, scope=scope,
                                   client_secret=client_secret, client_cert=client_cert)
        return cls(base_url, tokens, **options)

    # -- life cycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=100, ssl=self._ssl if self._ssl is not None else True)
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=self.timeout, sock_connect=self.connect_timeout),
                headers={"Accept": "application/json", "User-Agent": "siv-delta-bot"},
                raise_for_status=False,
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> "HttpPortal":
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    # -- contract --------------------------------------------------------------------------------
    async def templates(self) -> list[dict[str, Any]]:
        answer: dict[str, list[dict[str, Any]]] = await self._call("templates", "GET", "/api/v1/templates")
        return answer["templates"]

    async def create_quick_meeting(self, organizer: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        meeting: dict[str, Any] = await self._call("create_quick_meeting", "POST", "/api/v1/meetings/quick",
                                                   body={"organizer": organizer}, idempotency_key=idempotency_key)
        return meeting

    async def create_meeting(self, body: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        meeting: dict[str, Any] = await self._call("create_meeting", "POST", "/api/v1/meetings", body=body,
                                                   idempotency_key=idempotency_key)
        return meeting

    async def list_meetings(self, organizer_id: str) -> list[dict[str, Any]]:
        answer: dict[str, list[dict[str, Any]]] = await self._call(
            "list_meetings", "GET", "/api/v1/meetings", params={"organizer": organizer_id})
        return answer["meetings"]

    async def get_meeting(self, meeting_id: str) -> dict[str, Any]:
        meeting: dict[str, Any] = await self._call("get_meeting", "GET",
                                                   "/api/v1/meetings/" + quote(meeting_id, safe=""))
        return meeting

    async def cancel_meeting(self, meeting_id: str, organizer_id: str) -> None:
        # DELETE is idempotent by nature (cancelling a cancelled meeting is a no-op), so it is retried.
        await self._call("cancel_meeting", "DELETE", "/api/v1/meetings/" + quote(meeting_id, safe=""),
                         params={"organizer": organizer_id})

    async def cancel_occurrence(self, meeting_id: str, start: str, organizer_id: str) -> None:
        # Idempotent like cancel_meeting (a cancelled occurrence stays cancelled), so it is retried.
        await self._call("cancel_occurrence", "DELETE", "/api/v1/meetings/" + quote(meeting_id, safe="")
                         + "/occurrences/" + quote(start, safe=""), params={"organizer": organizer_id})
    async def update_meeting(self, meeting_id: str, changes: dict[str, Any], organizer_id: str, *,
                             idempotency_key: str) -> dict[str, Any]:
        """``PATCH /api/v1/meetings/{id}``: retried like a create, with the same key and body."""
        answer: dict[str, Any] = await self._call("update_meeting", "PATCH",
                                                  "/api/v1/meetings/" + quote(meeting_id, safe=""),
                                body=changes, params={"organizer": organizer_id}, idempotency_key=idempotency_key)
        return answer

    async def outbox(self, meeting_id: str | None = None) -> list[dict[str, Any]]:
        """Embedded portal only (``GET /api/v1/outbox``)."""
        params = {"meeting_id": meeting_id} if meeting_id else None
        answer: dict[str, list[dict[str, Any]]] = await self._call("outbox", "GET", "/api/v1/outbox",
                                                                   params=params)
        return answer["messages"]

    async def ping(self) -> bool:
        """True when the portal answers the templates call (one attempt, no retries)."""
        await self._call("ping", "GET", "/api/v1/templates", attempts=1)
        return True

    # -- the request loop --------------------------------------------------------------------------
    async def _call(self, operation: str, method: str, path: str, *, body: Any = None,
                    params: dict[str, str] | None = None, idempotency_key: str | None = None,
                    attempts: int | None = None) -> Any:
        if method == "POST" and not idempotency_key:
            raise ValueError("a create needs an idempotency key (one per user action)")
        if self._session is None:
            await self.start()
        attempts = attempts or self.max_attempts
        started = time.monotonic()
        refreshed = False
        reached = False  # whether an earlier attempt may have been carried out by the portal
        attempt = 0
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        while True:
            attempt += 1
            remaining = self.deadline - (time.monotonic() - started)
            if remaining <= 0:
                raise PortalUnavailable("the portal did not answer in time", code="timeout", reached=reached)
            try:
                return await self._attempt(operation, method, path, data, params, idempotency_key,
                                           min(self.timeout, remaining))
            except _TokenRejected as rejected:
                if refreshed or self.tokens is None:
                    raise _settled(rejected.error, reached) from None
                refreshed = True
                attempt -= 1  # a refreshed token is not a retry of a failure
                log.info("portal %s: token refused, refreshing once", operation)
                await self.tokens.invalidate()
                continue
            except _Retry as retry:
                reached = reached or retry.error.reached
                wait = self._backoff(attempt) if retry.wait is None else min(retry.wait, self.retry_after_cap)
                left = self.deadline - (time.monotonic() - started)
                if attempt >= attempts or wait >= left:
                    log.warning("portal %s failed after %d attempt(s): %s", operation, attempt, retry.error.code)
                    raise _settled(retry.error, reached) from None
                log.info("portal %s attempt %d: %s, retrying in %.2fs", operation, attempt, retry.error.code, wait)
                await self._sleep(wait)
            except PortalError as error:  # a definite answer, or no token (nothing sent this time)
                raise _settled(error, reached) from None

    def _backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**(attempt-1))]."""
        return self._random() * min(self.backoff_cap, self.backoff_base * (2.0 ** (attempt - 1)))

    async def _attempt(self, operation: str, method: str, path: str, data: bytes | None,
                       params: dict[str, str] | None, idempotency_key: str | None, timeout: float) -> Any:
        headers = {}
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        if self.tokens is not None:
            try:
                headers["Authorization"] = "Bearer " + await self.tokens.token()
            except PortalError as error:  # before anything was sent
                error.reached = False
                raise
        assert self._session is not None
        try:
            async with self._session.request(
                    method, self.base_url + path, data=data, params=params, headers=headers,
                    timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=self.connect_timeout),
                    allow_redirects=False) as response:
                status = response.status
                raw = await response.read()
                retry_after = response.headers.get("Retry-After")
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            # No connection was made (refused, no route, TLS handshake, connect timeout): nothing sent.
            raise _Retry(PortalUnavailable(f"the portal could not be reached ({type(exc).__name__})",
                                           code="unreachable", reached=False)) from None
        except asyncio.TimeoutError:
            raise _Retry(PortalUnavailable("the portal did not answer in time", code="timeout", reached=True)) from None
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
            # The connection broke after the request may have been sent: its answer is lost.
            raise _Retry(PortalUnavailable(f"the portal could not be reached ({type(exc).__name__})",
                                           code="unreachable", reached=True)) from None
        if 200 <= status < 300:
            if status == 204 or not raw:
                return None
            try:
                return json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise PortalUnavailable("the portal answered with something that is not JSON",
                                        code="bad_answer", reached=True) from None
        code, message = _error_of(raw)
        said = message or None  # the portal's own reason, only from its JSON error body
        if status in RETRY_STATUSES:
            if status == 429:
                failure: PortalError = RateLimited(message or "the portal asks us to slow down",
                                                   code=code or RateLimited.code, portal_message=said)
            else:
                # 503: the portal (or its gateway) took nothing on; 502/504: a gateway lost the answer.
                failure = PortalUnavailable(message or f"the portal answered {status}", code=code or "unavailable",
                                            status=status, portal_message=said, reached=status != 503)
            raise _Retry(failure, parse_retry_after(retry_after))
        if status == 401:
            raise _TokenRejected(Unauthorized(message or "the portal refused the token", code=code or "unauthorized",
                                              portal_message=said))
        if status == 403:
            raise Unauthorized(message or "the portal refused access", code=code or "forbidden", status=403,
                               portal_message=said)
        if status == 404:
            raise NotFound(message or "not found", code=code or NotFound.code, portal_message=said)
        if status == 409:
            raise Conflict(message or "conflict", code=code or Conflict.code, portal_message=said)
        if status in (400, 422):
            raise PortalRejected(message or "the portal refused the request", code=code or "invalid", status=status,
                                 portal_message=said)
        if 400 <= status < 500:
            raise PortalRejected(message or f"the portal answered {status}", code=code or "http_error", status=status,
                                 portal_message=said)
        log.warning("portal %s answered %d", operation, status)
        # A 500 says the portal failed on our request; whether it undid its work, we cannot know.
        raise PortalUnavailable(message or f"the portal answered {status}", code=code or "unavailable", status=503,
                                portal_message=said, reached=True)


def _settled(error: PortalError, reached: bool) -> PortalError:
    """The error a call ends with: it may have reached the portal if any attempt may have, unless
    the portal's answer is about the request itself (a replayed key that had created a meeting
    would have been answered with that meeting, not a 4xx)."""
    if reached and not isinstance(error, (PortalRejected, Conflict, NotFound)):
        error.reached = True
    return error


class _TokenRejected(Exception):
    def __init__(self, error: PortalError):
        super().__init__(error.code)
        self.error = error


def _error_of(raw: bytes) -> tuple[str, str]:
    """The contract's ``{"error": {"code", "message"}}`` (empty strings when the body is not that)."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "", ""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return "", ""
    code, message = error.get("code"), error.get("message")
    code = code if isinstance(code, str) else ""
    message = message if isinstance(message, str) else ""
    return code[:64], message[:MAX_MESSAGE]
