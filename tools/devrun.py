"""``make run``: the bot with the embedded portal and Microsoft's local Teams client, side by side.

What it starts, on loopback:

- the bot exactly as ``python -m bot`` does (``Settings.from_env``, so ``.env`` is read; the embedded
  portal when ``PORTAL_URL`` is empty) on ``http://127.0.0.1:3978``;
- Microsoft 365 Agents Playground (npm ``@microsoft/m365agentsplayground``, installed by ``make tools``
  into ``tools/node_modules``), Microsoft's local Teams client, on ``http://127.0.0.1:56150``: it
  renders Adaptive Cards like Teams, sends ``msteams`` activities with a tenant and an ``aadObjectId``,
  answers member look-ups, and works offline. On its own it listens on all interfaces; a preload
  (``loopback.js`` in its working folder) keeps it on 127.0.0.1, as it relays to a bot that does not
  authenticate requests in development mode.

The emulator runs from ``<DATA_DIR>/playground`` (git-ignored), which holds a generated
``.m365agentsplayground.yml``: a Norwegian test user (Kari Nordmann) and colleagues in a test tenant of
Sykehuset i Vestfold. When ``ALLOWED_TENANTS`` is set, that tenant is added to it for this run.

**Language.** The emulator writes ``locale: "en-US"`` into every activity and has no setting for it
(0.2.28: the value is a constant in its server code), so the bot would answer in English. A Teams user
with a Norwegian client sends ``nb-NO``. The emulator therefore talks to the bot through a small relay
route of this process, ``POST /devrun/api/messages``, that sets the activity's ``locale`` (and its
``clientInfo`` entity's) to ``--locale`` (default ``nb-NO``) and passes it unchanged otherwise to the
real ``/api/messages`` over loopback HTTP. ``--locale emulator`` connects the emulator straight to
``/api/messages``.

Ports are checked before anything starts: the emulator silently moves to a random port when its own is
taken, so a taken port is an error with a clear message here. Ctrl-C (SIGINT) or SIGTERM stops both.

Options (or environment): ``--port`` (``PORT``), ``--playground-port`` (``PLAYGROUND_PORT``),
``--locale`` (``PLAYGROUND_LOCALE``), ``--data-dir`` (``DATA_DIR``).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import errno
import json
import logging
import os
import re
import shutil
import signal
import socket
import sys
import uuid
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot import logs
from bot.config import Settings, SettingsError, read_dotenv

log = logging.getLogger("tools.devrun")  # also when run as __main__

ROOT = Path(__file__).resolve().parents[1]
PLAYGROUND_CLI = ROOT / "tools" / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
DEFAULT_PLAYGROUND_PORT = 56150
RELAY_PATH = "/devrun/api/messages"
CONFIG_NAME = ".m365agentsplayground.yml"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0

# The emulator's mock tenant and people (made-up ids; the e-mail domain is the hospital's).
TENANT_ID = "8d1f7e2c-5a0b-4c3e-9f61-5a7e0d2b9c41"
BOT = {"id": "28:delta-video-dev", "name": "Delta video"}
USER = {
    "id": "29:kari-nordmann", "name": "Kari Nordmann", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a61",
    "givenName": "Kari", "surname": "Nordmann", "email": "kari.nordmann@siv.no",
}
COLLEAGUES = [
    {"id": "29:ola-hansen", "name": "Ola Hansen", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a62",
     "givenName": "Ola", "surname": "Hansen", "email": "ola.hansen@siv.no"},
    {"id": "29:ingrid-johansen", "name": "Ingrid Johansen", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a63",
     "givenName": "Ingrid", "surname": "Johansen", "email": "ingrid.johansen@siv.no"},
    {"id": "29:lars-olsen", "name": "Lars Olsen", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a64",
     "givenName": "Lars", "surname": "Olsen", "email": "lars.olsen@siv.no"},
    {"id": "29:sigrid-larsen", "name": "Sigrid Larsen", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a65",
     "givenName": "Sigrid", "surname": "Larsen", "email": "sigrid.larsen@siv.no"},
    {"id": "29:per-andersen", "name": "Per Andersen", "aadObjectId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a66",
     "givenName": "Per", "surname": "Andersen", "email": "per.andersen@siv.no"},
]
GROUP_CHAT_NAME = "Ortopedisk poliklinikk"
TEAM = {"id": "19:sykehuset-i-vestfold@thread.tacv2", "name": "Sykehuset i Vestfold",
        "aadGroupId": "3f6b2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a70",
        "channel": {"id": "19:videomoter@thread.tacv2", "name": "Videomøter"}}


class DevRunError(RuntimeError):
    """Something a developer can fix; the message says what (printed without a stack trace)."""


# -- the emulator's configuration -------------------------------------------------------------
def _yaml_user(user: dict[str, str], indent: str) -> str:
    fields = [("id", user["id"]), ("name", user["name"]), ("userPrincipleName", user["email"]),
              ("aadObjectId", user["aadObjectId"]), ("givenName", user["givenName"]),
              ("surname", user["surname"]), ("email", user["email"])]
    return "".join(f"{indent if i else ''}{key}: {json.dumps(value, ensure_ascii=False)}\n"
                   for i, (key, value) in enumerate(fields))


def playground_config(run_id: str | None = None) -> str:
    """The ``.m365agentsplayground.yml`` (schema 0.1.1 of the emulator; JSON strings are YAML).

    The schema wants exactly five users besides the current one; all of them are in the group chat
    and the team. The chats get new ids on every start (``run_id``), as the emulator's own default
    does: the bot keeps conversation state in ``DATA_DIR``, and a new run is a new conversation with
    a welcome card. (Within one run the emulator keeps its chat ids: reloading the page empties the
    chat on screen, but the bot still knows the conversation.)
    """
    run_id = run_id or uuid.uuid4().hex
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = [
        "# Generated by `make run` (tools/devrun.py) on every start: edit tools/devrun.py, not this file.",
        "# Mock Teams context for Microsoft 365 Agents Playground: tenant, bot, users, chats, team.",
        "# Format: https://aka.ms/teams-app-test-tool-config-guide (schema version 0.1.1).",
        'version: "0.1.1"',
        f"tenantId: {q(TENANT_ID)}",
        "bot:",
        f"  id: {q(BOT['id'])}",
        f"  name: {q(BOT['name'])}",
        "currentUser:",
        "  " + _yaml_user(USER, "  ").rstrip("\n"),
        "users:",
    ]
    for colleague in COLLEAGUES:
        lines.append("  - " + _yaml_user(colleague, "    ").rstrip("\n"))
    lines += [
        "personalChat:",
        f"  id: {q('a:devrun-' + run_id)}",
        "groupChat:",
        f"  id: {q('19:devrun-' + run_id + '@thread.v2')}",
        f"  name: {q(GROUP_CHAT_NAME)}",
        "team:",
        f"  id: {q(TEAM['id'])}",
        f"  name: {q(TEAM['name'])}",
        f"  aadGroupId: {q(TEAM['aadGroupId'])}",
        "  channels:",
        f"    - id: {q(TEAM['channel']['id'])}",
        f"      name: {q(TEAM['channel']['name'])}",
    ]
    return "\n".join(lines) + "\n"


# The emulator's server listens on all interfaces and has no option for that; it relays to a bot in
# development mode (no authentication), so it is kept on loopback like the bot: this file is loaded
# with ``node --require`` and gives ``listen(port)`` calls without a host the host 127.0.0.1.
LOOPBACK_JS = """\
// Generated by tools/devrun.py: keeps Microsoft 365 Agents Playground on 127.0.0.1.
"use strict";
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\\d+$/.test(first))) {
    if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  } else if (first && typeof first === "object" && !first.path && !first.host) {
    args[0] = Object.assign({}, first, { host: "127.0.0.1" });
  }
  return listen.apply(this, args);
};
"""
LOOPBACK_NAME = "loopback.js"


def write_playground_folder(folder: Path) -> Path:
    """The emulator's working folder: its configuration and the loopback preload."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOOPBACK_NAME).write_text(LOOPBACK_JS, encoding="utf-8")
    path = folder / CONFIG_NAME
    path.write_text(playground_config(), encoding="utf-8")
    return path


# -- ports ------------------------------------------------------------------------------------
def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """Someone listens on ``port``: a connection to it succeeds, or it cannot be bound on ``host``
    and on all interfaces (the emulator listens on all of them)."""
    for family, address in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            try:
                if probe.connect_ex((address, port)) == 0:
                    return True
            except OSError:
                pass
    for address in {host, "0.0.0.0"}:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((address, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    return True
                raise
    return False


def check_ports(bot_host: str, bot_port: int, playground_port: int) -> None:
    if bot_port == playground_port:
        raise DevRunError(f"The bot and the Teams emulator cannot share port {bot_port}.")
    for what, port, setting in (("the bot", bot_port, "PORT=... or --port"),
                                ("the Teams emulator", playground_port, "PLAYGROUND_PORT=... or --playground-port")):
        if port_in_use(port, bot_host):
            raise DevRunError(
                f"Port {port} for {what} is already in use (another `make run`?). Stop what listens there "
                f"(`ss -ltnp 'sport = :{port}'` shows it) or choose another port with {setting}.")


# -- the locale relay -------------------------------------------------------------------------
def with_locale(activity: Any, locale: str) -> Any:
    """The activity as a Teams client set to ``locale`` would send it."""
    if isinstance(activity, dict):
        activity["locale"] = locale
        for entity in activity.get("entities") or []:
            if isinstance(entity, dict) and entity.get("type") == "clientInfo":
                entity["locale"] = locale
    return activity


RELAY_SESSION = web.AppKey("devrun_relay_session", aiohttp.ClientSession)


def add_locale_relay(app: web.Application, bot_url: str, locale: str) -> None:
    """``POST /devrun/api/messages``: set the locale, pass the activity on to ``/api/messages``."""

    async def session_ctx(app: web.Application):
        app[RELAY_SESSION] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        yield
        await app[RELAY_SESSION].close()

    async def relay(request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            body = json.dumps(with_locale(json.loads(raw.decode("utf-8")), locale)).encode("utf-8")
        except (UnicodeDecodeError, json.JSONDecodeError):
            body = raw  # the bot answers bad bodies itself (400)
        headers = {name: request.headers[name] for name in ("Content-Type", "Authorization")
                   if name in request.headers}
        async with request.app[RELAY_SESSION].post(bot_url + "/api/messages", data=body, headers=headers) as answer:
            payload = await answer.read()
            out_headers = {"Content-Type": answer.headers["Content-Type"]} \
                if payload and "Content-Type" in answer.headers else None
            return web.Response(status=answer.status, body=payload or None, headers=out_headers)

    app.cleanup_ctx.append(session_ctx)
    app.router.add_post(RELAY_PATH, relay)


# -- running ----------------------------------------------------------------------------------
@dataclasses.dataclass
class Options:
    settings: Settings
    playground_port: int
    locale: str
    workdir: Path
    tenant_added: bool = False


def parse_options(argv: list[str] | None = None, environ: dict[str, str] | None = None,
                  dotenv: str | Path | None = ".env") -> Options:
    env = dict(os.environ if environ is None else environ)
    parser = argparse.ArgumentParser(prog="python -m tools.devrun", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, help="the bot's port (PORT, default 3978)")
    parser.add_argument("--playground-port", type=int,
                        help=f"the Teams emulator's port (PLAYGROUND_PORT, default {DEFAULT_PLAYGROUND_PORT})")
    parser.add_argument("--locale", help="locale of the mock Teams client (PLAYGROUND_LOCALE, default nb-NO; "
                                         "'emulator' = as the emulator sends it, en-US)")
    parser.add_argument("--data-dir", help="DATA_DIR (default ./var); the emulator runs from DATA_DIR/playground")
    args = parser.parse_args(argv)
    if args.port is not None:
        env["PORT"] = str(args.port)
    if args.data_dir:
        env["DATA_DIR"] = args.data_dir
    try:
        settings = Settings.from_env(env, dotenv=dotenv)
    except SettingsError as exc:
        raise DevRunError(f"Configuration error: {exc}") from None
    if not settings.development_mode:
        raise DevRunError(
            "MicrosoftAppId is set (in .env or the environment). `make run` talks to the bot without channel "
            "authentication, as the Teams emulator sends no tokens: unset MicrosoftAppId for `make run`.")
    own = dict(read_dotenv(dotenv)) if dotenv is not None else {}
    own.update(env)  # PLAYGROUND_* may also come from .env; the environment wins
    tenant_added = False
    if settings.allowed_tenants and TENANT_ID not in settings.allowed_tenants:
        settings = dataclasses.replace(settings, allowed_tenants=settings.allowed_tenants + (TENANT_ID,))
        tenant_added = True
    try:
        playground_port = args.playground_port or int(own.get("PLAYGROUND_PORT") or DEFAULT_PLAYGROUND_PORT)
    except ValueError:
        raise DevRunError("PLAYGROUND_PORT must be a whole number") from None
    if not 0 < playground_port < 65536:
        raise DevRunError("PLAYGROUND_PORT must be a port number (1-65535)")
    locale = (args.locale or own.get("PLAYGROUND_LOCALE") or "nb-NO").strip()
    if locale != "emulator" and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", locale):
        raise DevRunError("PLAYGROUND_LOCALE must be a locale such as nb-NO or en-US, or 'emulator'")
    return Options(settings=settings, playground_port=playground_port, locale=locale,
                   workdir=settings.data_dir.resolve() / "playground", tenant_added=tenant_added)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """The emulator gets SIGTERM if this process dies without cleaning up (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


async def start_playground(options: Options, endpoint: str) -> asyncio.subprocess.Process:
    node = shutil.which("node")
    if node is None:
        raise DevRunError("Node.js (`node`) is not installed; the Teams emulator needs it (Node 18 or newer).")
    if not PLAYGROUND_CLI.is_file():
        raise DevRunError(f"The Teams emulator is not installed ({PLAYGROUND_CLI.relative_to(ROOT)} is missing): "
                          "run `make tools`.")
    write_playground_folder(options.workdir)
    port = options.playground_port
    env = dict(os.environ)
    env.update(TEAMSAPPTESTER_BROWSER="none", TZ=options.settings.time_zone)
    for name in ("M365_AGENTS_PLAYGROUND_CONFIG_PATH", "TEAMS_APP_TEST_TOOL_CONFIG_PATH"):
        env.pop(name, None)  # the generated file in the working folder, nothing else
    return await asyncio.create_subprocess_exec(
        node, "--require", str(options.workdir / LOOPBACK_NAME), str(PLAYGROUND_CLI),
        "-e", endpoint, "-c", "msteams", "--dt", "-p", str(port), "--su", f"http://127.0.0.1:{port}/_connector",
        cwd=str(options.workdir), env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        start_new_session=True, preexec_fn=_die_with_parent)


async def wait_listening(process: asyncio.subprocess.Process, port: int, timeout: float) -> None:
    """Read the emulator's output up to ``Listening on N``; N must be the port it was given."""
    async def read() -> None:
        while True:
            line = await process.stdout.readline()
            if not line:
                raise DevRunError("The Teams emulator stopped while starting; its log is in "
                                  "DATA_DIR/playground/devTools/m365agentsplayground.log.")
            text = line.decode("utf-8", "replace").rstrip()
            print(f"[emulator] {text}", file=sys.stderr, flush=True)
            match = re.search(r"Listening on (\d+)", text)
            if match:
                if int(match.group(1)) != port:
                    raise DevRunError(f"Port {port} for the Teams emulator was taken while it started "
                                      f"(it moved to {match.group(1)}); choose another with PLAYGROUND_PORT.")
                return

    try:
        await asyncio.wait_for(read(), timeout)
    except asyncio.TimeoutError:
        raise DevRunError(f"The Teams emulator did not start within {timeout:.0f} s.") from None


async def wait_http(url: str, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        while True:
            try:
                async with session.get(url) as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise DevRunError(f"{url} did not answer within {timeout:.0f} s.")
            await asyncio.sleep(0.2)  # polling an address that is starting


async def stop_process(process: asyncio.subprocess.Process, timeout: float = STOP_TIMEOUT) -> None:
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)  # its own session: node and anything it started
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except asyncio.TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def forward_output(process: asyncio.subprocess.Process) -> None:
    while True:
        line = await process.stdout.readline()
        if not line:
            return
        print(f"[emulator] {line.decode('utf-8', 'replace').rstrip()}", file=sys.stderr, flush=True)


def banner(options: Options) -> str:
    settings = options.settings
    bot_url = f"http://{settings.host}:{settings.port}"
    lines = [
        "",
        "  Delta video is running (development mode, embedded portal)" if not settings.portal_url else
        "  Delta video is running (development mode, portal at PORTAL_URL)",
        "",
        f"  Open the Teams emulator in a browser:  http://127.0.0.1:{options.playground_port}/",
        "",
        f"  Bot:            {bot_url}/api/messages   (health: {bot_url}/healthz)",
    ]
    if not settings.portal_url:
        lines.append(f"  Portal API:     {bot_url}/portal/api/v1/meetings?organizer={USER['aadObjectId']}")
    lines += [
        f"  Test user:      {USER['name']} <{USER['email']}>, tenant {TENANT_ID}",
        f"  Language:       {options.locale if options.locale != 'emulator' else 'en-US (as the emulator sends it)'}",
        f"  Emulator files: {options.workdir}",
    ]
    if options.tenant_added:
        lines.append("  ALLOWED_TENANTS does not list the emulator's tenant: it is allowed for this run.")
    lines += [
        "",
        "  Try: hurtig, ny avtale, hjelp. Reloading the page empties the chat on screen; the bot still knows",
        "  the conversation until the next start. Ctrl-C stops the bot and the emulator.",
        "",
    ]
    return "\n".join(lines)


async def serve(options: Options) -> int:
    from bot.app import create_app

    settings = options.settings
    check_ports(settings.host, settings.port, options.playground_port)
    bot_url = f"http://{'[' + settings.host + ']' if ':' in settings.host else settings.host}:{settings.port}"
    app = create_app(settings)
    if options.locale == "emulator":
        endpoint = f"{bot_url}/api/messages"
    else:
        add_locale_relay(app, bot_url, options.locale)
        endpoint = f"{bot_url}{RELAY_PATH}"

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    process: asyncio.subprocess.Process | None = None
    forwarder: asyncio.Task | None = None
    code = 0
    try:
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.port).start()
        log.info("bot listening on %s", bot_url)
        process = await start_playground(options, endpoint)
        starting = asyncio.ensure_future(wait_listening(process, options.playground_port, START_TIMEOUT))
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({starting, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():
            starting.cancel()
            return 0
        stopped.cancel()
        starting.result()
        await wait_http(f"http://127.0.0.1:{options.playground_port}/", 30)
        await wait_http(f"{bot_url}/healthz", 30)
        print(banner(options), flush=True)
        forwarder = asyncio.ensure_future(forward_output(process))
        exited = asyncio.ensure_future(process.wait())
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({exited, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if exited.done():
            print(f"The Teams emulator stopped (exit code {process.returncode}); stopping the bot.",
                  file=sys.stderr, flush=True)
            code = 1
        else:
            exited.cancel()
        print("Stopping the Teams emulator and the bot ...", file=sys.stderr, flush=True)
    finally:
        if process is not None:
            await stop_process(process)
        if forwarder is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(forwarder, 5)
        await runner.cleanup()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    return code


def main(argv: list[str] | None = None) -> int:
    try:
        options = parse_options(argv)
    except DevRunError as exc:
        print(exc, file=sys.stderr)
        return 2
    logs.configure(options.settings.log_level, options.settings.log_format)
    try:
        return asyncio.run(serve(options))
    except DevRunError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"Port {options.settings.port} was taken while the bot started; choose another with PORT.",
                  file=sys.stderr)
            return 2
        raise
    except KeyboardInterrupt:  # a second Ctrl-C while stopping
        return 130


if __name__ == "__main__":
    sys.exit(main())
