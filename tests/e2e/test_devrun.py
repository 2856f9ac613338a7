"""``make run`` (``python -m tools.devrun``): the bot and Microsoft's Teams emulator start together on the
ports they were given, the emulator uses the generated Norwegian test user and tenant, and Ctrl-C
stops both. Taken ports are refused with a clear message before anything starts."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.harness import free_port
from tools import devrun

from .stack import DevRun, answers, listening_addresses


def _process_exists(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.e2e
def test_devrun_serves_bot_and_emulator_and_ctrl_c_stops_both(tmp_path):
    run = DevRun(tmp_path / "var", tmp_path / "devrun.log")
    try:
        run.start()
        assert answers(f"{run.bot_url}/healthz") == 200
        assert answers(f"{run.bot_url}/readyz") == 200
        assert answers(run.emulator_url) == 200
        emulators = run.emulator_pids()
        assert len(emulators) == 1, run.output()
        assert f"http://127.0.0.1:{run.playground_port}/" in run.output()  # the address to open
        # Both on loopback only (the emulator by itself would listen on all interfaces).
        assert listening_addresses(run.bot_port) == {"127.0.0.1"}
        assert listening_addresses(run.playground_port) == {"127.0.0.1"}

        # The emulator runs from DATA_DIR/playground with the generated test user and tenant.
        assert (run.data_dir / "playground" / ".m365agentsplayground.yml").is_file()
        with urllib.request.urlopen(f"{run.emulator_url}_internal/v1/config", timeout=10) as answer:
            config = json.loads(answer.read())["config"]
        assert config["tenantId"] == devrun.TENANT_ID
        assert config["currentUser"]["name"] == "Kari Nordmann"
        assert config["currentUser"]["aadObjectId"] == devrun.USER["aadObjectId"]
    finally:
        code = run.stop()

    assert code == 0, run.output()
    assert not any(_process_exists(pid) for pid in emulators)
    assert answers(f"{run.bot_url}/healthz") is None
    assert answers(run.emulator_url) is None
    assert "Stopping the Teams emulator and the bot" in run.output()


@pytest.mark.parametrize("taken", ["bot", "emulator"])
def test_a_taken_port_is_refused_before_anything_starts(tmp_path, taken):
    bot_port, playground_port = free_port(), free_port()
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", bot_port if taken == "bot" else playground_port))
        occupant.listen()
        env = {k: v for k, v in os.environ.items() if k not in ("MicrosoftAppId", "PORT", "PLAYGROUND_PORT")}
        result = subprocess.run(
            [sys.executable, devrun.__file__, "--port", str(bot_port), "--playground-port", str(playground_port),
             "--data-dir", str(tmp_path / "var")],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    port, what = (bot_port, "the bot") if taken == "bot" else (playground_port, "the Teams emulator")
    assert f"Port {port} for {what} is already in use" in result.stderr
    assert not (tmp_path / "var" / "playground").exists()  # the emulator was never started


def test_port_in_use():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert devrun.port_in_use(listener.getsockname()[1])
    assert not devrun.port_in_use(free_port())


def test_options_from_flags_and_environment(tmp_path):
    options = devrun.parse_options(["--port", "4001", "--playground-port", "4002", "--data-dir", str(tmp_path)],
                                   environ={}, dotenv=None)
    assert (options.settings.port, options.playground_port, options.locale) == (4001, 4002, "nb-NO")
    assert options.workdir == tmp_path.resolve() / "playground"
    assert options.settings.portal_url == "" and options.settings.development_mode

    options = devrun.parse_options([], environ={"PORT": "4003", "PLAYGROUND_PORT": "4004",
                                                "PLAYGROUND_LOCALE": "en-US"}, dotenv=None)
    assert (options.settings.port, options.playground_port, options.locale) == (4003, 4004, "en-US")


def test_the_emulator_tenant_is_allowed_when_allowed_tenants_is_set():
    other = "11111111-2222-3333-4444-555555555555"
    options = devrun.parse_options([], environ={"ALLOWED_TENANTS": other}, dotenv=None)
    assert options.settings.allowed_tenants == (other, devrun.TENANT_ID) and options.tenant_added
    assert "allowed for this run" in devrun.banner(options)

    options = devrun.parse_options([], environ={"ALLOWED_TENANTS": devrun.TENANT_ID.upper()}, dotenv=None)
    assert options.settings.allowed_tenants == (devrun.TENANT_ID,) and not options.tenant_added

    options = devrun.parse_options([], environ={}, dotenv=None)
    assert options.settings.allowed_tenants == ()  # empty = everyone, nothing to add


@pytest.mark.parametrize("environ, message", [
    ({"MicrosoftAppId": "00000000-0000-0000-0000-000000000001", "MicrosoftAppPassword": "x",
      "ALLOWED_TENANTS": "t", "PORTAL_URL": "https://portal.example.no"}, "unset MicrosoftAppId"),
    ({"PLAYGROUND_PORT": "many"}, "PLAYGROUND_PORT must be a whole number"),
    ({"PLAYGROUND_PORT": "70000"}, "PLAYGROUND_PORT must be a port number"),
    ({"PLAYGROUND_LOCALE": "norsk bokmål"}, "PLAYGROUND_LOCALE must be a locale"),
    ({"PORT": "x"}, "Configuration error: PORT must be a whole number"),
])
def test_bad_settings_are_refused_with_a_clear_message(environ, message):
    with pytest.raises(devrun.DevRunError, match=message):
        devrun.parse_options([], environ=environ, dotenv=None)


def test_the_relay_sets_the_locale_like_a_norwegian_teams_client():
    activity = {"type": "message", "text": "hjelp", "locale": "en-US",
                "entities": [{"type": "clientInfo", "locale": "en-US", "timezone": "Europe/Oslo"},
                             {"type": "mention", "text": "<at>Delta video</at>"}]}
    assert devrun.with_locale(activity, "nb-NO") == {
        "type": "message", "text": "hjelp", "locale": "nb-NO",
        "entities": [{"type": "clientInfo", "locale": "nb-NO", "timezone": "Europe/Oslo"},
                     {"type": "mention", "text": "<at>Delta video</at>"}]}
    assert devrun.with_locale([1, 2], "nb-NO") == [1, 2]  # not an activity: passed on as it is


def test_generated_emulator_config_has_the_test_user_tenant_and_five_colleagues():
    text = devrun.playground_config("run1")
    assert f'tenantId: "{devrun.TENANT_ID}"' in text
    assert 'name: "Kari Nordmann"' in text and 'userPrincipleName: "kari.nordmann@siv.no"' in text
    assert text.count("\n  - id: ") == 5  # the emulator's schema wants exactly five other users
    assert 'id: "a:devrun-run1"' in text and 'id: "19:devrun-run1@thread.v2"' in text
    assert devrun.playground_config() != devrun.playground_config()  # new chats on every start
