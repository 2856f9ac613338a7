"""A fault-injecting middleware for the embedded portal's REST API, for the retry tests.

Put it on a parent app in front of :func:`core.portal.rest.create_portal_app`; plan faults for the
next requests to a route and the rest pass through to the real portal. Every request is recorded
(method, path, Idempotency-Key, whether it carried a bearer token) so tests can count attempts.
"""
from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Status:
    """Answer with this status and the contract's error shape, without calling the portal."""

    status: int
    code: str = "injected"
    message: str = "injected fault"
    retry_after: str | None = None


@dataclass
class Raw:
    """Answer with this status and body as they are (not the contract's shape)."""

    status: int
    text: str
    content_type: str = "text/plain"


@dataclass
class DropAfterCommit:
    """Let the portal do the work (commit), then drop the connection before the answer is sent."""


@dataclass
class DropBeforeCommit:
    """Drop the connection without calling the portal."""


@dataclass
class Hang:
    """Never answer (until the test ends): a portal slower than any timeout."""


@dataclass
class Seen:
    method: str
    path: str
    idempotency_key: str | None
    bearer: bool
    outcome: str = "passed"


@dataclass
class Faults:
    plans: list[tuple[str, str, deque]] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    committed: int = 0

    def plan(self, method: str, path_suffix: str, *actions) -> None:
        """The next requests ``method`` to a path ending with ``path_suffix`` get ``actions`` in turn."""
        self.plans.append((method, path_suffix, deque(actions)))

    def requests(self, method: str, path_suffix: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path.endswith(path_suffix)]

    def _next(self, request: web.Request):
        for method, suffix, actions in self.plans:
            if request.method == method and request.path.endswith(suffix) and actions:
                return actions.popleft()
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        seen = Seen(request.method, request.path, request.headers.get("Idempotency-Key"),
                    request.headers.get("Authorization", "").startswith("Bearer "))
        self.seen.append(seen)
        action = self._next(request)
        if action is None:
            return await handler(request)
        seen.outcome = type(action).__name__
        if isinstance(action, Status):
            headers = {"Retry-After": action.retry_after} if action.retry_after is not None else None
            return web.json_response({"error": {"code": action.code, "message": action.message}},
                                     status=action.status, headers=headers)
        if isinstance(action, Raw):
            return web.Response(status=action.status, text=action.text, content_type=action.content_type)
        if isinstance(action, Hang):
            await self.release.wait()
            raise web.HTTPServiceUnavailable()
        if isinstance(action, DropAfterCommit):
            response = await handler(request)
            assert response.status < 300, response.status
            self.committed += 1
        request.transport.close()  # the client sees the connection drop, no answer
        raise asyncio.CancelledError()
