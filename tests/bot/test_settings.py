"""Settings (contracts section 1): every variable the code reads is documented in .env.example and in
the README, the example loads as it is, and bad values are refused with a message naming the setting
(never its value)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, read_dotenv

REPO = Path(__file__).resolve().parents[2]
CONTRACT_SETTINGS = [
    "HOST", "PORT", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId",
    "BOT_DOMAIN", "ALLOWED_TENANTS", "PORTAL_URL", "PORTAL_AUTHORITY", "PORTAL_CLIENT_ID",
    "PORTAL_CLIENT_SECRET", "PORTAL_CLIENT_CERT", "PORTAL_SCOPE", "DATA_DIR", "STATE_STORAGE",
    "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_CONTAINER", "TIME_ZONE",
    "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL", "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER", "LOG_LEVEL", "LOG_FORMAT",
]


def settings_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "bot" / "config.py", REPO / "manifest" / "build.py"):
        source = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"""get(?:_int)?\(\s*"([A-Za-z_]+)\"""", source))
        names |= set(re.findall(r'^"?``?([A-Z][A-Za-z_]+)``\s', source, re.M))
    names |= {"MicrosoftAppId"}
    return {n for n in names if n not in ("BUILD_DIR",)}


def test_every_setting_is_in_env_example_and_readme():
    example = read_dotenv(REPO / ".env.example")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = settings_read_by_code()
    assert set(CONTRACT_SETTINGS) <= code
    missing_example = sorted(code - set(example))
    missing_readme = sorted(n for n in code if f"`{n}`" not in readme)
    assert missing_example == [] and missing_readme == []


def test_env_example_loads_as_is_into_development_mode():
    settings = Settings.from_env({}, dotenv=REPO / ".env.example")
    assert settings.development_mode and settings.host == "127.0.0.1" and settings.port == 3978
    assert settings.state_storage == "sqlite" and settings.time_zone == "Europe/Oslo"
    assert str(settings.data_dir) == "var" and settings.portal_url == ""


def test_the_environment_wins_over_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text('export PORT="4000"\n# a comment\nLOG_LEVEL=debug\n', encoding="utf-8")
    settings = Settings.from_env({"PORT": "4100"}, dotenv=dotenv)
    assert settings.port == 4100 and settings.log_level == "DEBUG"


@pytest.mark.parametrize("env, named", [
    ({"HOST": "0.0.0.0"}, "HOST=127.0.0.1"),
    ({"MicrosoftAppId": "8d6f3c1e-4b2a-4c9e-9f00-6a1b2c3d4e5f", "MicrosoftAppPassword": "x"}, "ALLOWED_TENANTS"),
    ({"PORT": "eighty"}, "PORT"),
    ({"PORT": "-1"}, "PORT"),
    ({"TIME_ZONE": "Europe/Atlantis"}, "TIME_ZONE"),
    ({"STATE_STORAGE": "redis"}, "STATE_STORAGE"),
    ({"STATE_STORAGE": "blob"}, "AZURE_STORAGE_CONNECTION_STRING"),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ({"PORTAL_URL": "ftp://portal"}, "PORTAL_URL"),
    ({"PORTAL_CLIENT_ID": "x", "PORTAL_AUTHORITY": "https://idp", "PORTAL_SCOPE": "s"}, "PORTAL_CLIENT_SECRET"),
    ({"PORTAL_CLIENT_ID": "x", "PORTAL_CLIENT_SECRET": "s3cr3t-value"}, "PORTAL_AUTHORITY"),
    ({"PORTAL_TOKEN_ISSUER": "https://idp"}, "PORTAL_TOKEN_AUDIENCE"),
    ({"MAX_MEETINGS_PER_HOUR": "0"}, "MAX_MEETINGS_PER_HOUR"),
    ({"PORTAL_SIP_DOMAIN": "not a domain"}, "PORTAL_SIP_DOMAIN"),
    ({"MicrosoftAppType": "Personal"}, "MicrosoftAppType"),
    ({"MicrosoftAppId": "8d6f3c1e-4b2a-4c9e-9f00-6a1b2c3d4e5f", "MicrosoftAppPassword": "s3cr3t-value",
      "ALLOWED_TENANTS": "t", "MicrosoftAppType": "SingleTenant"}, "MicrosoftAppTenantId"),
    ({"MicrosoftAppId": "8d6f3c1e-4b2a-4c9e-9f00-6a1b2c3d4e5f", "ALLOWED_TENANTS": "t"}, "MicrosoftAppPassword"),
])
def test_bad_settings_are_refused_naming_the_setting_not_the_value(env, named):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env, dotenv=None)
    assert named in str(caught.value)
    assert "s3cr3t-value" not in str(caught.value)


def test_secrets_are_not_in_the_settings_repr():
    settings = Settings.from_env({"PORTAL_URL": "https://portal.example", "PORTAL_CLIENT_ID": "bot",
                                  "PORTAL_CLIENT_SECRET": "s3cr3t-value", "PORTAL_AUTHORITY": "https://idp",
                                  "PORTAL_SCOPE": "api://delta/.default", "MicrosoftAppId": "8d6f3c1e-4b2a-4c9e-9f00-6a1b2c3d4e5f",
                                  "MicrosoftAppPassword": "app-s3cr3t", "ALLOWED_TENANTS": "t"}, dotenv=None)
    assert "app-s3cr3t" not in repr(settings)
    assert "s3cr3t-value" not in repr(settings)


def test_python_m_bot_refuses_a_bad_setting_with_exit_2(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOST": "0.0.0.0"}, timeout=60)
    assert result.returncode == 2
    assert "Configuration error" in result.stderr and "Traceback" not in result.stderr
