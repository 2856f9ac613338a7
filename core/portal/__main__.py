"""Run the embedded portal's REST API alone (contracts.md section 2).

    python -m core.portal --host 127.0.0.1 --port 8765 --data-dir DIR [--issuer URL --audience AUD]

With ``--issuer`` and ``--audience`` (or ``PORTAL_TOKEN_ISSUER`` / ``PORTAL_TOKEN_AUDIENCE``) the API
accepts only valid bearer tokens from that issuer; without them it answers only loopback clients and
refuses to listen on any other address. ``--ca-file`` trusts an extra CA for the issuer's discovery
and JWKS (a test issuer). The bot then uses it with ``PORTAL_URL=http://HOST:PORT``.
"""
from __future__ import annotations

import argparse
import logging
import os
import ssl
import sys
from pathlib import Path

from aiohttp import web

from .auth import portal_authenticator
from .embedded import EmbeddedPortal
from .rest import create_portal_app


def _is_loopback_host(host: str) -> bool:
    from .auth import is_loopback_address

    return host in ("localhost",) or is_loopback_address(host.strip("[]"))


def build_app(data_dir: Path, base_url: str, issuer: str = "", audience: str = "",
              ca_file: str = "", **options: str) -> web.Application:
    """The portal as an aiohttp app that opens its database on start-up and closes it on cleanup."""
    holder: dict[str, EmbeddedPortal | None] = {"portal": None}
    ssl_context = ssl.create_default_context(cafile=ca_file) if ca_file else None
    app = create_portal_app(lambda: holder["portal"],
                            authenticator=portal_authenticator(issuer, audience, ssl=ssl_context))

    async def database(_app: web.Application):
        holder["portal"] = EmbeddedPortal.open(data_dir / "portal.sqlite3", base_url=base_url, **options)
        yield
        holder["portal"].close()
        holder["portal"] = None

    app.cleanup_ctx.append(database)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.portal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", default=os.environ.get("DATA_DIR", "./var"))
    parser.add_argument("--issuer", default=os.environ.get("PORTAL_TOKEN_ISSUER", ""))
    parser.add_argument("--audience", default=os.environ.get("PORTAL_TOKEN_AUDIENCE", ""))
    parser.add_argument("--ca-file", default="", help="extra CA (PEM) trusted for the issuer's HTTPS")
    parser.add_argument("--base-url", default="", help="public address for join links (default http://HOST:PORT)")
    parser.add_argument("--sip-domain", default=os.environ.get("PORTAL_SIP_DOMAIN", ""),
                        help="domain of the rooms' SIP addresses (default join.nhn.no)")
    parser.add_argument("--contact", default=os.environ.get("INVITATION_CONTACT", ""),
                        help="whom invitees contact with questions (default SiV's switchboard)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if bool(args.issuer) != bool(args.audience):
        parser.error("--issuer and --audience go together")
    if not args.issuer and not _is_loopback_host(args.host):
        parser.error("without --issuer/--audience the portal API only listens on a loopback address")
    host = args.host if ":" not in args.host else f"[{args.host}]"
    base_url = (args.base_url or f"http://{host}:{args.port}").rstrip("/")
    app = build_app(Path(args.data_dir), base_url, args.issuer, args.audience, args.ca_file,
                    sip_domain=args.sip_domain, contact=args.contact)
    if not args.issuer:
        logging.getLogger(__name__).warning("no token issuer configured: the API answers loopback clients only")
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
