"""Connector clients that live as long as the app: one per (service URL, audience, app id), all
sending through one keep-alive aiohttp session, with faster msrest serialisation
(:mod:`bot.sdk.serialization`).

Why this exists (botbuilder 4.17.1 / botframework-connector 4.17.1 / msrest 0.7.1 / aiohttp 3.x).
The figures are CPU time per call of the stock code path against ours, measured by
``benchmarks/workarounds.py`` (part of ``make bench``; alone: ``python -m benchmarks.workarounds``)
on the 2-core machine of the README's figures; together with :mod:`bot.sdk.state` they took a
Ny avtale step turn from about 3.2 ms to about 2.0 ms of CPU and a ``hurtig`` turn from about 2.4
to about 1.5 ms (the stock echo bot: about 7.6 ms).

1. **A new ConnectorClient on every turn.** ``CloudAdapterBase.process_activity`` asks the
   ``ConnectorFactory`` of every request for a client, and ``_ConnectorFactoryImpl.create`` builds a
   new ``ConnectorClient``: new credentials, a new msrest ``Configuration`` and a new
   ``Serializer``/``Deserializer`` over every model class. msrest's configuration builds a
   ``ClientRetryPolicy`` whose ``__init__`` computes a 999-item list with a linear ``not in`` test
   over a 500-item list. :class:`PooledConnectorFactory` builds each client once and keeps it
   (bounded LRU).

2. **A second client per turn for OAuth.** ``process_activity`` also calls
   ``create_user_token_client``, which builds a ``TokenApiClient`` (another msrest configuration and
   retry policy) that this bot never uses. :class:`PooledBotFrameworkAuthentication` creates it once
   per app id. Measured, 1 and 2 together: 5.6 ms of CPU per turn stock, 9 µs pooled - most of the
   stock echo bot's 7.7 ms per turn.

3. **A new TCP connection per reply, from a thread.** The stock client sends with ``requests`` in the
   default thread pool executor; its ``requests.Session`` is per client and per thread, so with a
   client per turn every reply and member look-up opens a new connection (and a TLS handshake against
   the real Teams service). :class:`SharedSessionSender` sends through one ``aiohttp.ClientSession``
   created once per adapter (keep-alive to the Teams service URL, no thread hop).

4. **A new MSAL application (and token request) per turn in production.** The credentials created
   per turn hold their own ``msal.ConfidentialClientApplication`` and token cache, so with an app id
   every turn fetched a fresh token from Entra ID synchronously on the event loop. Pooled clients keep
   their credentials (and the MSAL in-memory token cache); :class:`CredentialsPolicy` fetches tokens in
   a worker thread so a refresh never blocks other turns.

5. **Two thread hops per request in aiohttp's ``trust_env``.** With ``trust_env=True`` aiohttp reads
   ``~/.netrc`` and the proxy variables in the default executor on *every* request. The session is
   created without it; the proxy for a host is looked up once (``HTTP(S)_PROXY``/``NO_PROXY``, as
   the stock ``requests`` client honoured them) and passed per request. Replies carry their own
   ``Authorization`` header, so ``.netrc`` credentials never applied to them anyway. The session
   also keeps no cookies (the connector service sets none that matter). Measured for one POST over
   loopback (client and server in one process): about 650 µs of CPU with ``trust_env``, 150 µs
   without.

The msrest serializer replacement is in :mod:`bot.sdk.serialization`; every pooled client gets it.

Nothing installed is patched or forked: these are subclasses and wrappers used by our adapter.
"""
from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any, Optional

import aiohttp
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from msrest.exceptions import ClientRequestError
from msrest.pipeline import AsyncHTTPPolicy, AsyncHTTPSender, AsyncPipeline, Request, Response
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http import AsyncClientResponse, ClientRequest
from yarl import URL

from .serialization import use_fast_serializer

log = logging.getLogger(__name__)

#: Connection errors (nothing was sent) are retried this often, as msrest's retry policy did.
CONNECT_RETRIES = 3
#: How long an idle kept-alive connection is kept. Below the usual server-side idle timeouts
#: (defaults: IIS 120 s, Kestrel 130 s, nginx 75 s, aiohttp 75 s, Azure Load Balancer 4 min), so
#: this side closes an idle connection first and a request rarely meets a server closing it; a
#: server that closes sooner (Node's 5 s) sends its FIN while the connection idles, and aiohttp
#: drops such a connection instead of reusing it. See :meth:`SharedSessionSender.send`.
KEEPALIVE_SECONDS = 15.0
#: Statuses worth a retry for idempotent requests (GET/PUT/DELETE), as msrest's policy effectively did.
RETRY_STATUSES = frozenset({408, 500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


def app_id_of(claims_identity: ClaimsIdentity | None) -> str:
    """The bot's app id as the SDK reads it from the claims (audience, else appid claim)."""
    if claims_identity is None:
        return ""
    app_id = claims_identity.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
    if app_id is None:
        app_id = claims_identity.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
    return app_id or ""



class _Response(AsyncClientResponse):
    """A fully read aiohttp response in msrest's shape (the body may be empty)."""

    def __init__(self, request: ClientRequest, response: aiohttp.ClientResponse, body: bytes):
        super().__init__(request, response)
        self.status_code = response.status
        self.headers = response.headers
        self.reason = response.reason
        self._body = body

    def body(self) -> bytes:
        return self._body

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise ClientRequestError(f"Received status code {self.status_code}")

    def stream_download(self, chunk_size=None, callback=None):  # pragma: no cover - never streamed
        async def one_chunk():
            if callback:
                callback(self._body, self.internal_response)
            yield self._body

        return one_chunk()


class SharedSessionSender(AsyncHTTPSender):
    """msrest pipeline sender over a shared aiohttp session (keep-alive; no thread pool).

    msrest's own ``AioHTTPSender`` opens a session per sender and drops the request's headers and
    body, so it cannot be used as is.
    """

    def __init__(self, pool: "ConnectorPool", timeout: float, backoff: float = 0.8):
        self._pool = pool
        self._timeout = aiohttp.ClientTimeout(total=timeout, sock_connect=min(timeout, 10.0))
        self._backoff = backoff

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_details):
        return None  # the session belongs to the pool

    def build_context(self) -> Any:
        return None

    async def send(self, request: Request, **kwargs: Any) -> Response:
        http_request: ClientRequest = request.http_request
        session = self._pool.session()
        method = http_request.method.upper()
        proxy, proxy_auth = self._pool.proxy_for(http_request.url)
        attempt = 0
        while True:
            attempt += 1
            try:
                async with session.request(method, http_request.url, data=http_request.data,
                                           headers=http_request.headers, timeout=self._timeout,
                                           proxy=proxy, proxy_auth=proxy_auth) as response:
                    body = await response.read()
            except aiohttp.ServerDisconnectedError as exc:
                # The connection closed before an answer came. The request may or may not have
                # reached the server: a kept-alive connection the server closed at the same moment
                # (nothing processed), or a server that took the request and then failed to answer.
                # aiohttp cannot tell (a ServerDisconnectedError is raised while reading, after the
                # request was handed to the socket), so only idempotent requests (GET, PUT, DELETE:
                # the member look-up, an updated card) are sent again - aiohttp itself already
                # retries those once (RFC 9112, 9.3.1.1) and this is one more, on a fresh
                # connection. A POST (a new reply) is not: sent twice, the user would see the card
                # twice. The turn fails instead and the user is told to try again, with a
                # reference. Stale connections are kept rare by KEEPALIVE_SECONDS.
                if attempt == 1 and method in IDEMPOTENT:
                    continue
                raise ClientRequestError(f"Error occurred in request: {type(exc).__name__}") from exc
            except aiohttp.ClientConnectorError as exc:
                if attempt <= CONNECT_RETRIES:
                    await asyncio.sleep(self._backoff * (2 ** (attempt - 1)))
                    continue
                raise ClientRequestError(f"Error occurred in request: {type(exc).__name__}") from exc
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                raise ClientRequestError(f"Error occurred in request: {type(exc).__name__}") from exc
            if response.status in RETRY_STATUSES and method in IDEMPOTENT and attempt <= CONNECT_RETRIES:
                await asyncio.sleep(self._backoff * (2 ** (attempt - 1)))
                continue
            return Response(request, _Response(http_request, response, body))


class CredentialsPolicy(AsyncHTTPPolicy):
    """Adds ``Authorization: Bearer`` from Bot Framework ``AppCredentials`` (none in development mode
    or for the anonymous skill id, as ``AppCredentials.signed_session`` decides).

    MSAL's ``acquire_token_*`` are blocking (and go to Entra ID when the cached token expired), so they
    run in a worker thread; a token is reused until five minutes before it expires.
    """

    def __init__(self, credentials: Any):
        super().__init__()
        self._credentials = credentials
        self._token: Optional[str] = None
        self._token_until = 0.0
        self._lock = asyncio.Lock()

    def _needs_token(self) -> bool | None:
        """True/False for ``AppCredentials``; None for other msrest credentials (ask signed_session)."""
        should = getattr(self._credentials, "_should_set_token", None)
        if should is None or not hasattr(self._credentials, "get_access_token"):
            return None
        return bool(should(None))

    async def _bearer(self) -> str:
        loop = asyncio.get_running_loop()
        if self._token and loop.time() < self._token_until:
            return self._token
        async with self._lock:
            if self._token and loop.time() < self._token_until:
                return self._token
            token = await asyncio.to_thread(self._credentials.get_access_token)
            # MSAL hands out tokens valid for at least several minutes; re-ask it (its cache answers
            # until the token is close to expiry) every five minutes.
            self._token, self._token_until = token, loop.time() + 300.0
            return token

    async def _signed_header(self) -> Optional[str]:
        """Any other msrest ``Authentication``: let it sign a throw-away requests session."""
        session = await asyncio.to_thread(self._credentials.signed_session)
        return session.headers.get("Authorization")

    async def send(self, request: Request, **kwargs: Any) -> Response:
        headers = request.http_request.headers
        needs = self._needs_token()
        if needs:
            headers["Authorization"] = f"Bearer {await self._bearer()}"
        elif needs is None and self._credentials is not None:
            header = await self._signed_header()
            if header:
                headers["Authorization"] = header
        else:
            headers.pop("Authorization", None)
        response = await self.next.send(request, **kwargs)
        if response.http_response.status_code == 401:
            self._token = None  # ask MSAL again next time
        return response


def _pipeline_for(client: ConnectorClient, pool: "ConnectorPool") -> AsyncPipeline:
    config = client.config
    policies = [config.user_agent_policy, CredentialsPolicy(config.credentials), RawDeserializer(),
                config.http_logger_policy]
    return AsyncPipeline(policies, SharedSessionSender(pool, timeout=float(config.connection.timeout),
                                                       backoff=pool.backoff))


class ConnectorPool:
    """The app's connector clients and their HTTP session. Created once per adapter, closed on cleanup."""

    def __init__(self, max_clients: int = 64, connection_limit: int = 100, backoff: float = 0.8):
        self.max_clients = max_clients
        self.connection_limit = connection_limit
        self.backoff = backoff
        self._clients: OrderedDict[tuple[str, str, str], ConnectorClient] = OrderedDict()
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], tuple[URL | None, aiohttp.BasicAuth | None]] = {}
        self.clients_created = 0
        self.sessions_created = 0

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # No trust_env (two executor hops per request, see the module docstring, 5): proxies
            # come from proxy_for, looked up once per host. No cookies.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connection_limit,
                                               keepalive_timeout=KEEPALIVE_SECONDS),
                cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=True)
            self.sessions_created += 1
        return self._session

    def proxy_for(self, url: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        """The proxy for a URL from ``HTTP(S)_PROXY``/``NO_PROXY`` (as ``requests`` and aiohttp's
        ``trust_env`` read them), looked up once per scheme and host."""
        parsed = URL(url)
        key = (parsed.scheme, parsed.host or "")
        found = self._proxies.get(key)
        if found is None:
            from aiohttp.helpers import get_env_proxy_for_url

            try:
                found = get_env_proxy_for_url(parsed)
            except LookupError:
                found = (None, None)
            if len(self._proxies) > 256:
                self._proxies.clear()
            self._proxies[key] = found
        return found

    async def client(self, key: tuple[str, str, str], build) -> ConnectorClient:
        client = self._clients.get(key)
        if client is not None:
            self._clients.move_to_end(key)
            return client
        client = await build()
        client.config.pipeline = _pipeline_for(client, self)
        use_fast_serializer(client)
        existing = self._clients.get(key)
        if existing is not None:  # another turn built one meanwhile
            return existing
        self._clients[key] = client
        self.clients_created += 1
        while len(self._clients) > self.max_clients:
            self._clients.popitem(last=False)
        return client

    def __len__(self) -> int:
        return len(self._clients)

    async def close(self) -> None:
        self._clients.clear()
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


class PooledConnectorFactory(ConnectorFactory):
    """A ``ConnectorFactory`` whose clients come from the pool; the SDK's factory builds a missing one."""

    def __init__(self, inner: ConnectorFactory, pool: ConnectorPool, app_id: str):
        self._inner = inner
        self._pool = pool
        self._app_id = app_id

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        key = (service_url or "", audience or "", self._app_id)
        return await self._pool.client(key, lambda: self._inner.create(service_url, audience))


class PooledBotFrameworkAuthentication(BotFrameworkAuthentication):
    """Delegates to the SDK's authentication; its connector factories share the pool, and the
    (unused by this bot, but built on every turn by ``process_activity``) user token client is built
    once per app id."""

    def __init__(self, inner: BotFrameworkAuthentication, pool: ConnectorPool):
        self.inner = inner
        self.pool = pool
        self._user_token_clients: dict[str, UserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        result = await self.inner.authenticate_request(activity, auth_header)
        return self._pooled(result)

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str
                                             ) -> AuthenticateRequestResult:
        return self._pooled(await self.inner.authenticate_streaming_request(auth_header, channel_id_header))

    def _pooled(self, result: AuthenticateRequestResult) -> AuthenticateRequestResult:
        if result.connector_factory is not None and not isinstance(result.connector_factory, PooledConnectorFactory):
            result.connector_factory = PooledConnectorFactory(result.connector_factory, self.pool,
                                                              app_id_of(result.claims_identity))
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return PooledConnectorFactory(self.inner.create_connector_factory(claims_identity), self.pool,
                                      app_id_of(claims_identity))

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = app_id_of(claims_identity)
        client = self._user_token_clients.get(app_id)
        if client is None:
            client = await self.inner.create_user_token_client(claims_identity)
            if len(self._user_token_clients) >= 16:
                self._user_token_clients.clear()
            self._user_token_clients[app_id] = client
        return client

    def create_bot_framework_client(self):
        return self.inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self.inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self.inner.authenticate_channel_request(auth_header)

    async def generate_caller_id(self, *args, **kwargs):
        return await self.inner.generate_caller_id(*args, **kwargs)


class PooledCloudAdapter(CloudAdapter):
    """``CloudAdapter`` with pooled connector clients and one keep-alive HTTP session.

    ``close()`` it in the app's cleanup.
    """

    def __init__(self, bot_framework_authentication: BotFrameworkAuthentication, pool: ConnectorPool | None = None):
        self.pool = pool or ConnectorPool()
        super().__init__(PooledBotFrameworkAuthentication(bot_framework_authentication, self.pool))

    async def close(self) -> None:
        await self.pool.close()
