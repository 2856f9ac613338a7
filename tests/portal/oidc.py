"""A local OpenID Connect issuer over HTTPS (a trustme test CA), standing in for HelseID/PingFederate.

It serves what msal and the portal's token check read: the discovery document, a token endpoint for
the client-credentials grant (client secret, or a ``private_key_jwt`` client assertion signed with
the client's certificate, as msal sends for certificates), and the JWKS with the signing key.

Knobs for the failure tests: ``expired_tokens_to_issue`` hands out tokens whose ``exp`` is already
past while ``expires_in`` says an hour (so msal caches them and the portal refuses them, like a token
revoked or a clock skew); :meth:`rotate_key` starts signing with a new key.
"""
from __future__ import annotations

import base64
import hashlib
import ssl
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
import trustme
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def new_signing_key() -> tuple[Any, str]:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), uuid.uuid4().hex[:12]


@dataclass
class Client:
    client_id: str
    secret: str | None = None
    certificate_pem: bytes | None = None  # for private_key_jwt


@dataclass
class LocalIssuer:
    ca: trustme.CA
    ca_file: str
    audience: str = "delta-portal"
    scope: str = "delta-portal/.default"
    tenant: str = "helseid"
    clients: dict[str, Client] = field(default_factory=dict)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    expired_tokens_to_issue: int = 0
    url: str = ""  # the issuer (and msal's oidc_authority): https://127.0.0.1:PORT/helseid
    keys: list = field(default_factory=list)  # pre-made (key, kid) pairs: RSA generation is slow

    def __post_init__(self):
        self._spare = list(self.keys)
        self._key, self._kid = self._spare.pop(0) if self._spare else new_signing_key()
        self._old_keys: list[tuple[Any, str]] = []
        self._runner: web.AppRunner | None = None

    # -- what tests use ---------------------------------------------------------------------------
    def add_secret_client(self, client_id: str, secret: str) -> None:
        self.clients[client_id] = Client(client_id, secret=secret)

    def add_certificate_client(self, client_id: str, certificate_pem: bytes) -> None:
        self.clients[client_id] = Client(client_id, certificate_pem=certificate_pem)

    def client_ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context

    def rotate_key(self) -> None:
        """Sign with a new key; the JWKS then lists only the new one."""
        self._key, self._kid = self._spare.pop(0) if self._spare else new_signing_key()

    def token(self, *, audience: str | None = None, issuer: str | None = None, lifetime: int = 3600,
              key: Any = None, kid: str | None = None, client_id: str = "direct") -> str:
        """A token as the issuer would sign it (or, with other arguments, a bad one)."""
        now = int(time.time())
        claims = {"iss": issuer or self.url, "aud": audience or self.audience, "sub": client_id,
                  "client_id": client_id, "scope": self.scope, "iat": now - 5, "nbf": now - 5,
                  "exp": now + lifetime, "jti": uuid.uuid4().hex}
        return jwt.encode(claims, key or self._key, algorithm="RS256", headers={"kid": kid or self._kid})

    # -- server -----------------------------------------------------------------------------------
    async def start(self) -> "LocalIssuer":
        app = web.Application()
        base = f"/{self.tenant}"
        app.router.add_get(base + "/.well-known/openid-configuration", self._discovery)
        app.router.add_post(base + "/token", self._token)
        app.router.add_get(base + "/jwks", self._jwks)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=context)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"https://127.0.0.1:{port}{base}"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _discovery(self, request: web.Request) -> web.Response:
        return web.json_response({
            "issuer": self.url,
            "authorization_endpoint": self.url + "/authorize",
            "token_endpoint": self.url + "/token",
            "jwks_uri": self.url + "/jwks",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic",
                                                      "private_key_jwt"],
            "id_token_signing_alg_values_supported": ["RS256"],
        })

    async def _jwks(self, request: web.Request) -> web.Response:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update(kid=self._kid, use="sig", alg="RS256")
        return web.json_response({"keys": [jwk]})

    def _refuse(self, error: str, status: int = 400) -> web.Response:
        self.refused.append(error)
        return web.json_response({"error": error, "error_description": error}, status=status)

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.token_requests.append({k: v for k, v in form.items() if k not in ("client_secret",)})
        if form.get("grant_type") != "client_credentials":
            return self._refuse("unsupported_grant_type")
        client_id = form.get("client_id", "")
        secret = form.get("client_secret")
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        client = self.clients.get(client_id)
        if client is None:
            return self._refuse("invalid_client", 401)
        if client.secret is not None:
            if secret != client.secret:
                return self._refuse("invalid_client", 401)
        else:
            if form.get("client_assertion_type") != ASSERTION_TYPE or not form.get("client_assertion"):
                return self._refuse("invalid_client", 401)
            if not self._valid_assertion(client, form["client_assertion"]):
                return self._refuse("invalid_client", 401)
        if set(form.get("scope", "").split()) != {self.scope}:
            return self._refuse("invalid_scope")
        lifetime = 3600
        if self.expired_tokens_to_issue > 0:
            self.expired_tokens_to_issue -= 1
            lifetime = -600  # already expired, though expires_in below says an hour
        token = self.token(lifetime=lifetime, client_id=client_id)
        return web.json_response({"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def _valid_assertion(self, client: Client, assertion: str) -> bool:
        certificate = x509.load_pem_x509_certificate(client.certificate_pem)
        try:
            header = jwt.get_unverified_header(assertion)
            claims = jwt.decode(assertion, certificate.public_key(), algorithms=["RS256", "PS256"],
                                audience=self.url + "/token", options={"require": ["exp", "iss", "sub"]})
        except jwt.PyJWTError:
            return False
        der = certificate.public_bytes(serialization.Encoding.DER)
        expected = {
            "x5t": base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode(),
            "x5t#S256": base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b"=").decode(),
        }
        thumb_ok = any(header.get(name) == value for name, value in expected.items())
        return thumb_ok and claims["iss"] == claims["sub"] == client.client_id


def client_certificate_pem(ca: trustme.CA, name: str = "delta-bot") -> bytes:
    """A client certificate and its private key in one PEM (what ``PORTAL_CLIENT_CERT`` points at)."""
    leaf = ca.issue_cert(f"{name}.test")
    return leaf.private_key_pem.bytes() + leaf.cert_chain_pems[0].bytes()


def certificate_only(pem: bytes) -> bytes:
    start = pem.index(b"-----BEGIN CERTIFICATE-----")
    return pem[start:]

