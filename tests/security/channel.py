"""A stand-in for Bot Framework's token service on loopback: an OpenID metadata document and a JWKS
(served from a thread, because botbuilder fetches them with blocking ``requests`` inside the event
loop), RSA keys with Teams endorsements, and tokens signed the way the Bot Connector signs them.
"""
from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from botframework.connector.auth import MicrosoftAppCredentials
from botframework.connector.auth.password_service_client_credential_factory import (
    PasswordServiceClientCredentialFactory,
)
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.test"


def _b64(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class SigningKey:
    def __init__(self, endorsements: list[str]):
        self.kid = uuid.uuid4().hex
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.endorsements = endorsements

    def jwk(self) -> dict[str, Any]:
        numbers = self.private.public_key().public_numbers()
        return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid, "n": _b64(numbers.n),
                "e": _b64(numbers.e), "endorsements": self.endorsements}


class ChannelTokenService:
    """OpenID metadata + JWKS on 127.0.0.1, and a signer for channel tokens."""

    def __init__(self):
        self.teams_key = SigningKey(["msteams"])
        self.webchat_key = SigningKey(["webchat"])   # a real key, but not endorsed for msteams
        self.stranger = SigningKey(["msteams"])      # never published: a forger's key
        self.metadata_requests = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base = ""

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/v1/.well-known/openidconfiguration"

    def start(self) -> "ChannelTokenService":
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if self.path == "/v1/.well-known/openidconfiguration":
                    service.metadata_requests += 1
                    body = {"issuer": ISSUER, "jwks_uri": f"{service.base}/v1/.well-known/keys",
                            "id_token_signing_alg_values_supported": ["RS256"]}
                elif self.path == "/v1/.well-known/keys":
                    body = {"keys": [service.teams_key.jwk(), service.webchat_key.jwk()]}
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def token(self, audience: str, service_url: str, *, key: SigningKey | None = None, kid: str | None = None,
              issuer: str = ISSUER, expires_in: int = 3600, **claims: Any) -> str:
        key = key or self.teams_key
        now = int(time.time())
        payload = {"iss": issuer, "aud": audience, "serviceurl": service_url, "nbf": now - 60,
                   "iat": now - 60, "exp": now + expires_in}
        payload.update(claims)
        return jwt.encode(payload, key.private, algorithm="RS256", headers={"kid": kid or key.kid})


class LoopbackCredentials(MicrosoftAppCredentials):
    """The bot's outbound credentials in tests: the token comes from the local signer instead of
    Entra ID (msal would ask login.microsoftonline.com, which the tests cannot reach)."""

    def __init__(self, app_id: str, password: str, oauth_scope: str | None):
        super().__init__(app_id, password, oauth_scope=oauth_scope)
        self._token = f"outbound-{app_id}"

    def get_access_token(self, force_refresh: bool = False) -> str:
        return self._token


class LoopbackCredentialFactory(PasswordServiceClientCredentialFactory):
    """botbuilder's password factory (same app-id checks), with :class:`LoopbackCredentials`."""

    async def create_credentials(self, app_id, oauth_scope, login_endpoint, validate_authority):
        if await self.is_authentication_disabled():
            return MicrosoftAppCredentials.empty()
        if not await self.is_valid_app_id(app_id):
            raise PermissionError("Invalid app_id")
        return LoopbackCredentials(app_id, self.password, oauth_scope)
