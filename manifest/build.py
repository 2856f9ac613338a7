"""Build the Teams app package (``make package``).

    python -m manifest.build [--out DIR]

Reads the settings below from the environment (a ``.env`` file in the working directory is read
first; real environment variables win), fills them into ``manifest.template.json`` and
``en.template.json``, and writes to ``DIR`` (``--out``, else ``BUILD_DIR``, else ``build/``):

- ``appPackage/`` with ``manifest.json``, ``en.json``, ``color.png``, ``outline.png``
- ``delta-video.zip``: the same four files at the root of the zip, which is what Teams
  (Developer Portal, "Upload a custom app", Teams admin center) expects.

Settings:

=====================  =======================================================================
``MicrosoftAppId``     required; the bot's Entra app id (a GUID): ``id``, ``bots[0].botId``,
                       ``webApplicationInfo.id``
``BOT_DOMAIN``         the bot's public host name, for ``validDomains`` (empty: only
                       ``token.botframework.com``, with a warning)
``APP_VERSION``        ``1.0.0``; the package version, ``MAJOR.MINOR.PATCH``; raise it for
                       every upload of a changed package
``APP_DEVELOPER_NAME`` ``Sykehuset i Vestfold HF`` (at most 32 characters)
``APP_WEBSITE_URL``    ``https://www.siv.no``
``APP_PRIVACY_URL``    ``https://www.siv.no/personvern``
``APP_TERMS_URL``      ``https://www.siv.no/om-oss/vilkar-for-bruk``
``APP_SSO_RESOURCE``   ``api://botid-<MicrosoftAppId>``: the Application ID URI for single
                       sign-on (``webApplicationInfo.resource``)
``JOIN_LINK_DOMAINS``  ``join.nhn.no``; comma-separated host names of the portal's join links,
                       for link unfurling (``composeExtensions[0].messageHandlers``); the
                       ``BOT_DOMAIN`` is added, since the embedded portal's links live there
=====================  =======================================================================

Exit status: 0 built; 2 a setting is missing or malformed (nothing is written); 1 the built
manifest does not validate against the Teams schema (only checked when ``jsonschema`` and the
schema package in ``tools/node_modules`` are installed).

This module uses the standard library only: ``make package`` needs no test extras, and it
imports nothing from ``bot/``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: Newest Teams app manifest version shipped by @microsoft/app-manifest that is generally
#: available (not devPreview). Keep in step with tools/package.json.
MANIFEST_VERSION = "1.30"

#: Where the official schemas live once `make tools` has run.
SCHEMA_DIR = (
    REPO / "tools" / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas"
    / "teams" / f"v{MANIFEST_VERSION}"
)

PACKAGE_NAME = "delta-video.zip"
#: The files at the root of the zip, in this order.
PACKAGE_FILES = ("manifest.json", "en.json", "color.png", "outline.png")

DEFAULTS = {
    "APP_VERSION": "1.0.0",
    "APP_DEVELOPER_NAME": "Sykehuset i Vestfold HF",
    "APP_WEBSITE_URL": "https://www.siv.no",
    "APP_PRIVACY_URL": "https://www.siv.no/personvern",
    "APP_TERMS_URL": "https://www.siv.no/om-oss/vilkar-for-bruk",
    "JOIN_LINK_DOMAINS": "join.nhn.no",
}

GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# A DNS host name (labels of letters, digits, hyphens), optionally with one leading "*." wildcard.
HOST = re.compile(
    r"^(?:\*\.)?(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
HTTPS_URL = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    app_id: str
    bot_domain: str
    version: str
    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str
    sso_resource: str
    join_domains: tuple[str, ...] = ("join.nhn.no",)


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a ``.env`` file: ``KEY=value`` lines, ``#`` comments, optional ``export`` and quotes."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return values
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if key.startswith("export "):
            key = key[len("export "):].strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        if key:
            values[key] = value
    return values


def load_settings(env: Mapping[str, str]) -> Settings:
    """Check every setting; raise ConfigError naming all problems at once."""
    problems: list[str] = []

    def get(name: str) -> str:
        return (env.get(name) or DEFAULTS.get(name, "")).strip()

    app_id = get("MicrosoftAppId")
    if not app_id:
        problems.append(
            "MicrosoftAppId is not set. Set it to the bot's Microsoft App ID (the Entra "
            "application id of the Azure Bot, a GUID like 00000000-0000-0000-0000-000000000000)."
        )
    elif not GUID.match(app_id):
        problems.append(f"MicrosoftAppId {app_id!r} is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
    app_id = app_id.lower()

    domain = get("BOT_DOMAIN")
    # Be forgiving about a pasted URL ("https://bot.example.no/"), strict about the rest.
    domain = re.sub(r"^https?://", "", domain, flags=re.IGNORECASE).rstrip("/").lower()
    if domain and not HOST.match(domain):
        problems.append(
            f"BOT_DOMAIN {env.get('BOT_DOMAIN')!r} is not a host name (like bot.example.no; "
            "no port, no path)."
        )

    version = get("APP_VERSION")
    if not SEMVER.match(version):
        problems.append(f"APP_VERSION {version!r} must be MAJOR.MINOR.PATCH, for example 1.0.0.")

    developer_name = get("APP_DEVELOPER_NAME")
    if not developer_name or len(developer_name) > 32:
        problems.append("APP_DEVELOPER_NAME must be 1 to 32 characters.")

    urls = {}
    for name in ("APP_WEBSITE_URL", "APP_PRIVACY_URL", "APP_TERMS_URL"):
        urls[name] = get(name)
        if not HTTPS_URL.match(urls[name]) or len(urls[name]) > 2048:
            problems.append(f"{name} {urls[name]!r} must be an https:// URL.")

    sso_resource = get("APP_SSO_RESOURCE") or (f"api://botid-{app_id}" if app_id else "")
    if len(sso_resource) > 2048 or not re.match(r"^(api|https)://\S+$", sso_resource or "api://x"):
        problems.append(f"APP_SSO_RESOURCE {sso_resource!r} must be an api:// or https:// URI.")

    join_domains = [d.strip().lower() for d in get("JOIN_LINK_DOMAINS").split(",") if d.strip()]
    for join_domain in join_domains:
        if not HOST.match(join_domain):
            problems.append(f"JOIN_LINK_DOMAINS: {join_domain!r} is not a host name (like join.nhn.no).")
    if domain:
        join_domains.append(domain)

    if problems:
        raise ConfigError("\n".join(problems))
    return Settings(
        app_id=app_id,
        bot_domain=domain,
        version=version,
        developer_name=developer_name,
        website_url=urls["APP_WEBSITE_URL"],
        privacy_url=urls["APP_PRIVACY_URL"],
        terms_url=urls["APP_TERMS_URL"],
        sso_resource=sso_resource,
        join_domains=tuple(dict.fromkeys(join_domains)),
    )


def _fill(node: Any, values: Mapping[str, str]) -> Any:
    """Replace ``{{NAME}}`` in every string of a parsed template (never in raw JSON text)."""
    if isinstance(node, dict):
        return {_fill(k, values): _fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, values) for v in node]
    if isinstance(node, str):
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in values:
                raise KeyError(f"template placeholder {m.group(0)} has no value")
            return values[m.group(1)]

        return re.sub(r"\{\{(\w+)\}\}", sub, node)
    return node


def _template(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def render(settings: Settings) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and the English localisation file, as dicts."""
    values = {
        "MANIFEST_VERSION": MANIFEST_VERSION,
        "MicrosoftAppId": settings.app_id,
        "BOT_DOMAIN": settings.bot_domain,
        "APP_VERSION": settings.version,
        "APP_DEVELOPER_NAME": settings.developer_name,
        "APP_WEBSITE_URL": settings.website_url,
        "APP_PRIVACY_URL": settings.privacy_url,
        "APP_TERMS_URL": settings.terms_url,
        "APP_SSO_RESOURCE": settings.sso_resource,
        "JOIN_LINK_DOMAINS": ",".join(settings.join_domains),
    }
    manifest = _fill(_template("manifest.template.json"), values)
    manifest["validDomains"] = [d for d in dict.fromkeys(manifest["validDomains"]) if d]
    for handler in manifest["composeExtensions"][0]["messageHandlers"]:
        handler["value"]["domains"] = list(settings.join_domains)
    localization = _fill(_template("en.template.json"), values)
    return manifest, localization


def schema_errors(manifest: dict[str, Any], localization: dict[str, Any]) -> list[str] | None:
    """Validation errors against the official schemas, or None when they can't be checked here."""
    try:
        from jsonschema import Draft4Validator
    except ImportError:
        return None
    main_schema = SCHEMA_DIR / "MicrosoftTeams.schema.json"
    loc_schema = SCHEMA_DIR / "MicrosoftTeams.Localization.schema.json"
    if not (main_schema.is_file() and loc_schema.is_file()):
        return None
    errors = []
    for label, doc, path in (("manifest.json", manifest, main_schema), ("en.json", localization, loc_schema)):
        validator = Draft4Validator(json.loads(path.read_text(encoding="utf-8")))
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            errors.append(f"{label}: {where}: {e.message}")
    return errors


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build(settings: Settings, out_dir: Path) -> Path:
    """Write ``out_dir/appPackage/*`` and ``out_dir/delta-video.zip``; return the zip's path."""
    manifest, localization = render(settings)
    contents = {
        "manifest.json": _dump(manifest),
        "en.json": _dump(localization),
        "color.png": (HERE / "icons" / "color.png").read_bytes(),
        "outline.png": (HERE / "icons" / "outline.png").read_bytes(),
    }
    app_dir = out_dir / "appPackage"
    if app_dir.exists():
        shutil.rmtree(app_dir)
    app_dir.mkdir(parents=True)
    for name in PACKAGE_FILES:
        (app_dir / name).write_bytes(contents[name])
    zip_path = out_dir / PACKAGE_NAME
    tmp = zip_path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in PACKAGE_FILES:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, contents[name])
    os.replace(tmp, zip_path)
    return zip_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m manifest.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="output folder (default: $BUILD_DIR or build/)")
    args = parser.parse_args(argv)

    env = {**read_dotenv(Path.cwd() / ".env"), **os.environ}
    try:
        settings = load_settings(env)
    except ConfigError as e:
        print("Cannot build the Teams app package:", file=sys.stderr)
        for line in str(e).splitlines():
            print(f"  - {line}", file=sys.stderr)
        print("Set them in the environment or in .env (see .env.example).", file=sys.stderr)
        return 2

    manifest, localization = render(settings)
    errors = schema_errors(manifest, localization)
    if errors:
        print(f"The manifest does not validate against the Teams v{MANIFEST_VERSION} schema:", file=sys.stderr)
        for line in errors:
            print(f"  - {line}", file=sys.stderr)
        return 1

    out_dir = Path(args.out or os.environ.get("BUILD_DIR") or env.get("BUILD_DIR") or "build")
    zip_path = build(settings, out_dir)
    if not settings.bot_domain:
        print("warning: BOT_DOMAIN is empty; validDomains lists only token.botframework.com.", file=sys.stderr)
    checked = "validated against" if errors is not None else "NOT validated (run `make tools`) against"
    print(f"Wrote {zip_path} (manifest {MANIFEST_VERSION}, {checked} the Teams schema; "
          f"app version {settings.version}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
