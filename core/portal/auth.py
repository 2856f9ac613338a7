"""Tokens for the portal: the bot's side (msal client credentials) and the portal's side (bearer check).

Bot side, :class:`TokenProvider`: an ``msal.ConfidentialClientApplication`` with a client secret or a
certificate, ``acquire_token_for_client`` with msal's own token cache, always in a worker thread so the
event loop never blocks (msal is synchronous and does network I/O). The authority is either Entra ID
(``https://login.microsoftonline.com/<tenant>``, passed as ``authority=``) or any other OpenID Connect
issuer such as HelseID or PingFederate (passed as ``oidc_authority=``; msal reads its discovery
document). :meth:`TokenProvider.invalidate` drops the cached token when the portal answers 401.

Portal side, :class:`BearerVerifier`: the embedded portal's check of ``Authorization: Bearer``: the
issuer's discovery document gives ``jwks_uri``; the token must be signed by one of those keys (RS256),
be for our audience, come from our issuer and not be expired. Keys are cached and fetched again when
a token names an unknown ``kid`` (key rotation). :func:`loopback_only` is the guard when no issuer is
configured: the API then answers only requests from loopback addresses.

Nothing here logs a token, a secret or a body.
"""
from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import ssl as ssl_module
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

import aiohttp
import jwt
from aiohttp import web

from .protocol import PortalUnavailable, Unauthorized

log = logging.getLogger(__name__)

_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
#: The verified claims of the caller's token, on the request (embedded portal).
TOKEN_CLAIMS = web.RequestKey("token_claims", dict) if hasattr(web, "RequestKey") else "token_claims"
ENTRA_HOSTS = ("login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
               "login.partner.microsoftonline.cn", "login.windows.net", "login.microsoft.com")


# -- the bot's side: msal --------------------------------------------------------------------------
def is_entra_authority(authority: str) -> bool:
    """Entra ID (``authority=``) or another OpenID Connect issuer (``oidc_authority=``)?

    Entra when the host is one of Microsoft's login hosts or the URL ends with a tenant GUID.
    """
    from urllib.parse import urlparse

    parsed = urlparse(authority)
    host = (parsed.hostname or "").lower()
    if host in ENTRA_HOSTS:
        return True
    last = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_GUID.fullmatch(last))


def load_client_certificate(path: str | Path) -> dict[str, str]:
    """A PEM file with the private key and the certificate -> msal's ``client_credential`` dict.

    The thumbprint is the certificate's SHA-1 fingerprint (what Entra ID and ADFS register), in hex.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    data = Path(path).read_bytes()
    certs = re.findall(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", data, re.S)
    keys = re.findall(rb"-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----.+?-----END (?:RSA |EC |ENCRYPTED )?"
                      rb"PRIVATE KEY-----", data, re.S)
    if not certs or not keys:
        raise ValueError("PORTAL_CLIENT_CERT must be a PEM file with a private key and a certificate")
    cert = x509.load_pem_x509_certificate(certs[0])
    serialization.load_pem_private_key(keys[0], password=None)  # fails early on a broken key
    thumbprint = cert.fingerprint(hashes.SHA1()).hex().upper()
    return {"private_key": keys[0].decode("ascii"), "thumbprint": thumbprint}


class TokenProvider:
    """Client-credentials tokens from msal, without blocking the event loop.

    The msal application is built on first use (its constructor reads the authority's discovery
    document over the network), so a token issuer that is down at start-up does not stop the bot:
    the first booking then fails with :class:`PortalUnavailable` and the next one tries again.
    """

    def __init__(self, *, authority: str, client_id: str, scope: str,
                 client_secret: str = "", client_cert: str = "",
                 verify: bool | str = True, timeout: float = 10.0,
                 app_factory: Callable[..., Any] | None = None):
        if not client_id or not authority or not scope:
            raise ValueError("PORTAL_AUTHORITY, PORTAL_CLIENT_ID and PORTAL_SCOPE are all required for tokens")
        if not client_secret and not client_cert:
            raise ValueError("PORTAL_CLIENT_SECRET or PORTAL_CLIENT_CERT is required")
        self.authority = authority.rstrip("/")
        self.client_id = client_id
        self.scopes = [s for s in scope.replace(",", " ").split() if s]
        self._credential: Any = client_secret or load_client_certificate(client_cert)
        self._verify = verify
        self._timeout = timeout
        self._app: Any = None
        self._app_lock = asyncio.Lock()
        self._app_factory = app_factory
        self.acquisitions = 0  # token requests that went to msal (cache hits included)

    def _build_app(self) -> Any:
        import msal

        factory = self._app_factory or msal.ConfidentialClientApplication
        kwargs: dict[str, Any] = dict(client_credential=self._credential, timeout=self._timeout,
                                      token_cache=msal.TokenCache())
        if self._verify is not True:
            # requests lets REQUESTS_CA_BUNDLE override a Session's verify; per request it does not.
            import functools

            import requests

            session = requests.Session()
            session.request = functools.partial(  # type: ignore[method-assign]
                session.request, timeout=self._timeout, verify=self._verify)
            session.mount("https://", requests.adapters.HTTPAdapter(max_retries=1))
            kwargs["http_client"] = session
        if is_entra_authority(self.authority):
            kwargs["authority"] = self.authority
        else:
            kwargs.update(oidc_authority=self.authority, validate_authority=False, instance_discovery=False)
        return factory(self.client_id, **kwargs)

    async def _application(self) -> Any:
        if self._app is None:
            async with self._app_lock:
                if self._app is None:
                    try:
                        self._app = await asyncio.to_thread(self._build_app)
                    except ValueError as exc:
                        # msal raises ValueError when the discovery document cannot be read.
                        log.warning("token issuer discovery failed: %s", type(exc).__name__)
                        raise PortalUnavailable("the token issuer did not answer", code="idp_unavailable") from None
                    except Exception as exc:
                        log.warning("token issuer unreachable: %s", type(exc).__name__)
                        raise PortalUnavailable("the token issuer did not answer", code="idp_unavailable") from None
        return self._app

    async def token(self) -> str:
        """An access token for the portal (from msal's cache while it is valid)."""
        app = await self._application()
        self.acquisitions += 1
        try:
            result = await asyncio.to_thread(app.acquire_token_for_client, scopes=self.scopes)
        except Exception as exc:  # requests' connection errors, timeouts
            log.warning("token request failed: %s", type(exc).__name__)
            raise PortalUnavailable("the token issuer did not answer", code="idp_unavailable") from None
        if not isinstance(result, dict) or "access_token" not in result:
            error = (result or {}).get("error", "unknown") if isinstance(result, dict) else "unknown"
            log.warning("token request refused: %s", error)
            raise Unauthorized(f"the token issuer refused the bot: {error}", code="token_refused")
        token: str = result["access_token"]
        return token

    async def invalidate(self) -> None:
        """Forget the cached token (the portal refused it); the next :meth:`token` asks the issuer."""
        if self._app is not None:
            await asyncio.to_thread(self._app.remove_tokens_for_client)


# -- the portal's side: bearer tokens ----------------------------------------------------------------
def _unauthorized(error: str, description: str) -> web.HTTPUnauthorized:
    return web.HTTPUnauthorized(
        reason=description,
        headers={"WWW-Authenticate": f'Bearer error="{error}", error_description="{description}"'})


class BearerVerifier:
    """``authenticator`` for :func:`core.portal.rest.create_portal_app`: only valid bearer tokens pass.

    ``ssl`` is passed to aiohttp for the discovery and JWKS requests (a test CA in tests).
    """

    REFRESH_UNKNOWN_KID_AFTER = 30.0  # seconds between JWKS fetches caused by unknown key ids
    LEEWAY = 30  # seconds of clock skew accepted on exp/nbf/iat

    def __init__(self, issuer: str, audience: str, *, ssl: ssl_module.SSLContext | bool | None = None,
                 algorithms: tuple[str, ...] = ("RS256",), timeout: float = 10.0):
        if not issuer or not audience:
            raise ValueError("issuer and audience are both required")
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.algorithms = list(algorithms)
        self._ssl = ssl
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._keys: dict[str, Any] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _get_json(self, url: str) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        async with self._session.get(url, ssl=self._ssl if self._ssl is not None else True) as response:
            if response.status != 200:
                raise PortalUnavailable("the token issuer did not answer", code="idp_unavailable")
            data: dict[str, Any] = await response.json(content_type=None)
            return data

    async def _refresh_keys(self) -> None:
        try:
            discovery = await self._get_json(self.issuer + "/.well-known/openid-configuration")
            jwks = await self._get_json(discovery["jwks_uri"])
        except PortalUnavailable:
            raise
        except Exception as exc:
            log.warning("JWKS fetch failed: %s", type(exc).__name__)
            raise PortalUnavailable("the token issuer did not answer", code="idp_unavailable") from None
        keys: dict[str, Any] = {}
        for jwk in jwks.get("keys", []):
            if jwk.get("use", "sig") != "sig" or jwk.get("kty") != "RSA":
                continue
            try:
                keys[jwk.get("kid", "")] = jwt.PyJWK(jwk, algorithm="RS256").key
            except jwt.PyJWTError:
                continue
        self._keys = keys
        self._fetched_at = time.monotonic()

    async def _key(self, kid: str) -> Any:
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            if kid not in self._keys and (
                    not self._keys or time.monotonic() - self._fetched_at > self.REFRESH_UNKNOWN_KID_AFTER):
                await self._refresh_keys()
        if kid not in self._keys:
            raise _unauthorized("invalid_token", "unknown signing key")
        return self._keys[kid]

    async def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, or :class:`web.HTTPUnauthorized`."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _unauthorized("invalid_token", "malformed token") from None
        if header.get("alg") not in self.algorithms:
            raise _unauthorized("invalid_token", "unexpected signing algorithm")
        key = await self._key(header.get("kid", ""))
        try:
            return jwt.decode(token, key, algorithms=self.algorithms, audience=self.audience,
                              issuer=self.issuer, leeway=self.LEEWAY,
                              options={"require": ["exp", "iss", "aud"]})
        except jwt.ExpiredSignatureError:
            raise _unauthorized("invalid_token", "token expired") from None
        except jwt.InvalidAudienceError:
            raise _unauthorized("invalid_token", "wrong audience") from None
        except jwt.InvalidIssuerError:
            raise _unauthorized("invalid_token", "wrong issuer") from None
        except jwt.PyJWTError:
            raise _unauthorized("invalid_token", "invalid token") from None

    async def __call__(self, request: web.Request) -> None:
        value = request.headers.get("Authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise web.HTTPUnauthorized(reason="bearer token required", headers={"WWW-Authenticate": "Bearer"})
        request[TOKEN_CLAIMS] = await self.verify(token.strip())


def is_loopback_address(address: str | None) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


async def loopback_only(request: web.Request) -> None:
    """``authenticator`` when no issuer is configured: 403 for any peer that is not loopback."""
    peer = request.transport.get_extra_info("peername") if request.transport else None
    address = peer[0] if isinstance(peer, (tuple, list)) and peer else request.remote
    if not is_loopback_address(address):
        raise web.HTTPForbidden(reason="the embedded portal API answers only on loopback without an issuer")


async def api_closed(request: web.Request) -> None:
    """``authenticator`` outside development mode without an issuer: the API is not served (404).

    A reverse proxy on the same host makes every outside request come from loopback, so the peer
    address never authorizes anything there."""
    raise web.HTTPNotFound()


def portal_authenticator(issuer: str = "", audience: str = "", *,
                         ssl: ssl_module.SSLContext | bool | None = None, loopback_allowed: bool = True
                         ) -> Callable[[web.Request], Awaitable[None]]:
    """What guards the embedded portal's API: bearer tokens when issuer and audience are set, else
    loopback only (development: ``loopback_allowed``), else nothing is served."""
    if issuer and audience:
        return BearerVerifier(issuer, audience, ssl=ssl)
    return loopback_only if loopback_allowed else api_closed

