"""Settings from environment variables (contracts.md section 1); a ``.env`` file is read if present.

Variables already in the environment win over the ``.env`` file. ``.env.example`` documents every
setting.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and why (never its value)."""


def read_dotenv(path: str | Path = ".env") -> dict[str, str]:
    """``KEY=VALUE`` lines; ``#`` comments, ``export`` prefixes and quotes are handled."""
    values: dict[str, str] = {}
    p = Path(path)
    if not p.is_file():
        return values
    for raw in p.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        if line.startswith("export "):
            line = line[len("export "):]
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_domain(value: str) -> bool:
    labels = value.split(".")
    return len(value) <= 253 and len(labels) >= 2 and all(
        0 < len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
        and not label.startswith("-") and not label.endswith("-") for label in labels)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 3978
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = ""  # empty = MultiTenant, as in the SDK
    app_tenant_id: str = ""
    bot_domain: str = ""
    allowed_tenants: tuple[str, ...] = ()
    portal_url: str = ""
    portal_authority: str = ""
    portal_client_id: str = ""
    portal_client_secret: str = field(default="", repr=False)
    portal_client_cert: str = ""
    portal_scope: str = ""
    portal_token_issuer: str = ""
    portal_token_audience: str = ""
    data_dir: Path = Path("./var")
    state_storage: str = "sqlite"
    azure_storage_connection_string: str = field(default="", repr=False)
    azure_storage_container: str = "bot-state"
    time_zone: str = "Europe/Oslo"
    openid_metadata_url: str = ""
    token_issuer: str = ""
    log_level: str = "INFO"
    log_format: str = "text"
    max_meetings_per_hour: int = 30
    max_invitations_per_hour: int = 200
    reminder_poll_seconds: int = 15
    portal_sip_domain: str = "join.nhn.no"
    invitation_contact: str = "Sykehuset i Vestfold, sentralbord +47 33 34 20 00"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: str | Path | None = ".env") -> "Settings":
        env: dict[str, str] = {}
        if dotenv is not None:
            env.update(read_dotenv(dotenv))
        env.update(os.environ if environ is None else environ)

        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        def get_int(name: str, default: int) -> int:
            raw = get(name)
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"{name} must be a whole number") from None
            if value <= 0:
                raise SettingsError(f"{name} must be positive")
            return value

        settings = cls(
            host=get("HOST", "127.0.0.1") or "127.0.0.1",
            port=get_int("PORT", 3978),
            app_id=get("MicrosoftAppId"),
            app_password=get("MicrosoftAppPassword"),
            app_type=get("MicrosoftAppType"),
            app_tenant_id=get("MicrosoftAppTenantId"),
            bot_domain=get("BOT_DOMAIN"),
            allowed_tenants=tuple(t.strip().lower() for t in get("ALLOWED_TENANTS").split(",") if t.strip()),
            portal_url=get("PORTAL_URL").rstrip("/"),
            portal_authority=get("PORTAL_AUTHORITY"),
            portal_client_id=get("PORTAL_CLIENT_ID"),
            portal_client_secret=get("PORTAL_CLIENT_SECRET"),
            portal_client_cert=get("PORTAL_CLIENT_CERT"),
            portal_scope=get("PORTAL_SCOPE"),
            portal_token_issuer=get("PORTAL_TOKEN_ISSUER").rstrip("/"),
            portal_token_audience=get("PORTAL_TOKEN_AUDIENCE"),
            data_dir=Path(get("DATA_DIR", "./var") or "./var"),
            state_storage=(get("STATE_STORAGE", "sqlite") or "sqlite").lower(),
            azure_storage_connection_string=get("AZURE_STORAGE_CONNECTION_STRING"),
            azure_storage_container=get("AZURE_STORAGE_CONTAINER", "bot-state") or "bot-state",
            time_zone=get("TIME_ZONE", "Europe/Oslo") or "Europe/Oslo",
            openid_metadata_url=get("TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL"),
            token_issuer=get("TO_BOT_FROM_CHANNEL_TOKEN_ISSUER"),
            log_level=(get("LOG_LEVEL", "INFO") or "INFO").upper(),
            log_format=(get("LOG_FORMAT", "text") or "text").lower(),
            max_meetings_per_hour=get_int("MAX_MEETINGS_PER_HOUR", 30),
            max_invitations_per_hour=get_int("MAX_INVITATIONS_PER_HOUR", 200),
            reminder_poll_seconds=get_int("REMINDER_POLL_SECONDS", 15),
            portal_sip_domain=get("PORTAL_SIP_DOMAIN", "join.nhn.no") or "join.nhn.no",
            invitation_contact=(get("INVITATION_CONTACT", cls.invitation_contact) or cls.invitation_contact)[:120],
        )
        settings.validate()
        return settings

    @property
    def development_mode(self) -> bool:
        """No ``MicrosoftAppId``: no channel authentication (loopback only)."""
        return not self.app_id

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def public_base_url(self) -> str:
        """The bot's own address as others reach it (join links of the embedded portal)."""
        if self.bot_domain:
            return f"https://{self.bot_domain}"
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def validate(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except Exception:
            raise SettingsError("TIME_ZONE is not a known IANA time zone (e.g. Europe/Oslo)") from None
        if self.state_storage not in ("sqlite", "memory", "blob"):
            raise SettingsError("STATE_STORAGE must be sqlite, memory or blob")
        if self.state_storage == "blob" and not self.azure_storage_connection_string:
            raise SettingsError("STATE_STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING")
        if self.log_format not in ("text", "json"):
            raise SettingsError("LOG_FORMAT must be text or json")
        if self.log_level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise SettingsError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        app_type = self.app_type.lower()
        if app_type not in ("", "multitenant", "singletenant", "userassignedmsi"):
            raise SettingsError("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI")
        if self.app_id and app_type in ("singletenant", "userassignedmsi") and not self.app_tenant_id:
            raise SettingsError(f"MicrosoftAppType={self.app_type} needs MicrosoftAppTenantId")
        if self.app_id and app_type in ("", "multitenant", "singletenant") and not self.app_password:
            raise SettingsError("MicrosoftAppId needs MicrosoftAppPassword (the bot's client secret)")
        if self.development_mode:
            if not _is_loopback(self.host):
                raise SettingsError(
                    "MicrosoftAppId is empty (development mode, no channel authentication): "
                    "the bot only listens on a loopback address (HOST=127.0.0.1). Set MicrosoftAppId "
                    "and MicrosoftAppPassword to serve on other addresses."
                )
        else:
            if not self.allowed_tenants:
                raise SettingsError("ALLOWED_TENANTS is required when MicrosoftAppId is set")
        if self.portal_url and not self.portal_url.startswith(("http://", "https://")):
            raise SettingsError("PORTAL_URL must start with http:// or https://")
        if self.portal_client_id and not (self.portal_client_secret or self.portal_client_cert):
            raise SettingsError("PORTAL_CLIENT_ID needs PORTAL_CLIENT_SECRET or PORTAL_CLIENT_CERT")
        if self.portal_client_id and not (self.portal_authority and self.portal_scope):
            raise SettingsError("PORTAL_CLIENT_ID needs PORTAL_AUTHORITY and PORTAL_SCOPE")
        if not _is_domain(self.portal_sip_domain):
            raise SettingsError("PORTAL_SIP_DOMAIN must be a domain name such as join.nhn.no")
        if bool(self.portal_token_issuer) != bool(self.portal_token_audience):
            raise SettingsError("PORTAL_TOKEN_ISSUER and PORTAL_TOKEN_AUDIENCE go together")
        if self.portal_token_issuer and not self.portal_token_issuer.startswith("https://"):
            raise SettingsError("PORTAL_TOKEN_ISSUER must be an https:// URL")


class BotFrameworkConfig:
    """The attribute names botbuilder's ConfigurationBotFrameworkAuthentication reads."""

    def __init__(self, settings: Settings):
        self.APP_ID = settings.app_id or None
        self.APP_PASSWORD = settings.app_password or None
        self.APP_TYPE = settings.app_type or "MultiTenant"
        self.APP_TENANTID = settings.app_tenant_id or None
        if settings.openid_metadata_url:
            self.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = settings.openid_metadata_url
        if settings.token_issuer:
            self.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = settings.token_issuer
