"""The SDK workarounds one by one: the stock code path against ours, CPU per call, in this process.

Each figure is the median of several timed batches (``time.process_time``, so threads count too).
``run()`` is called by ``python -m benchmarks``; alone: ``python -m benchmarks.workarounds``.

* ``connector_client_per_turn``: what the stock ``CloudAdapter`` builds on every turn - a
  ``ConnectorClient`` from the connector factory and a ``UserTokenClient`` - against a look-up in
  :class:`bot.sdk.connector.ConnectorPool` (bot/sdk/connector.py, 1 and 2);
* ``serialize_card_reply``: msrest's ``Serializer.body`` of an Activity with an Adaptive Card against
  :class:`bot.sdk.serialization.FastSerializer`;
* ``http_request_trust_env``: one POST through an aiohttp session with ``trust_env=True`` (a netrc
  read and a proxy look-up in the executor per request) against our session (5), over loopback;
* ``dialog_state_*``: jsonpickle against :mod:`bot.sdk.state` for a Ny avtale dialog state mid-booking:
  the change hash (three per turn that uses the dialog), the write and the read.
"""
from __future__ import annotations

import asyncio
import json
import statistics
import time
from typing import Any, Callable

BATCHES = 5


def _per_call_us(fn: Callable[[], Any], calls: int) -> float:
    fn()
    samples = []
    for _ in range(BATCHES):
        t = time.process_time()
        for _ in range(calls):
            fn()
        samples.append((time.process_time() - t) / calls * 1e6)
    return statistics.median(samples)


def _pair(stock: float, ours: float) -> dict[str, float]:
    return {"stock_us": round(stock, 1), "ours_us": round(ours, 1),
            "saved_us": round(stock - ours, 1), "times_faster": round(stock / ours, 1) if ours else None}


def _reply_activity():
    from botbuilder.core import CardFactory, MessageFactory
    from botbuilder.schema import ChannelAccount, ConversationAccount

    from bot.cards import common
    from bot.i18n import Texts

    texts = Texts.for_locale("nb-NO")
    activity = MessageFactory.attachment(CardFactory.adaptive_card(common.help_card(texts)))
    activity.conversation = ConversationAccount(id="a:1", conversation_type="personal", tenant_id="t")
    activity.from_property = ChannelAccount(id="28:bot", name="Delta")
    activity.recipient = ChannelAccount(id="29:u", name="Kari", aad_object_id="aad")
    activity.reply_to_id, activity.locale, activity.service_url = "in-1", "nb-NO", "https://smba.example/"
    activity.channel_id, activity.input_hint = "msteams", "acceptingInput"
    return activity


INCOMING = {
    "type": "message", "id": "in-1", "channelId": "msteams", "serviceUrl": "https://smba.example/",
    "timestamp": "2026-11-25T10:00:00.123Z", "locale": "nb-NO",
    "from": {"id": "29:u", "name": "Kari Nordmann", "aadObjectId": "0f173fda-07e8-4c8a-8c12-b1ae4a987afe"},
    "recipient": {"id": "28:bot", "name": "Delta"},
    "conversation": {"id": "a:1", "conversationType": "personal", "tenantId": "t"},
    "channelData": {"tenant": {"id": "t"}}, "replyToId": "act-1",
    "value": {"action": "next", "step": "subject", "run": "5175890e", "subject": "Tverrfaglig møte"},
}


def _dialog_state():
    from botbuilder.dialogs import DialogInstance, DialogState

    values = {"run": "5175890e", "key": "b0885c6b61bd46099ac336ddfacadfe9",
              "template_id": "videokonsultasjon-15-hd-chat-nb", "subject": "Tverrfaglig møte", "subject_ok": False}
    inner = DialogState([
        DialogInstance("new_meeting.invitations", {"values": dict(values), "card_id": "act-3"}),
        DialogInstance("new_meeting.flow", {"options": {"prefill": ""}, "values": dict(values),
                                            "instanceId": "4ca96412-ea60-11f1-84db-02fc00000001", "stepIndex": 2}),
    ])
    return {"DialogState": DialogState([DialogInstance("new_meeting", {"dialogs": inner})])}


def connector_clients() -> dict[str, float]:
    from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
    from botframework.connector.auth import AuthenticationConstants, ClaimsIdentity

    from bot.sdk.connector import ConnectorPool, PooledBotFrameworkAuthentication

    class Config:
        APP_ID, APP_PASSWORD, APP_TYPE, APP_TENANTID = "", "", "MultiTenant", ""

    claims = ClaimsIdentity({AuthenticationConstants.AUDIENCE_CLAIM: ""}, True)
    url = "https://smba.example/"

    async def stock_turn():
        auth = ConfigurationBotFrameworkAuthentication(Config())
        await auth.create_connector_factory(claims).create(url, None)
        await auth.create_user_token_client(claims)

    pooled = PooledBotFrameworkAuthentication(ConfigurationBotFrameworkAuthentication(Config()), ConnectorPool())

    async def our_turn():
        await pooled.create_connector_factory(claims).create(url, None)
        await pooled.create_user_token_client(claims)

    loop = asyncio.new_event_loop()
    try:
        stock = _per_call_us(lambda: loop.run_until_complete(stock_turn()), 20)
        ours = _per_call_us(lambda: loop.run_until_complete(our_turn()), 200)
    finally:
        loop.run_until_complete(pooled.pool.close())
        loop.close()
    return _pair(stock, ours)


def serializer() -> dict[str, float]:
    from botframework.connector.aio import ConnectorClient
    from botframework.connector.auth import MicrosoftAppCredentials

    from bot.sdk.serialization import FastSerializer

    activity = _reply_activity()
    stock = ConnectorClient(MicrosoftAppCredentials("", ""), base_url="http://127.0.0.1:1/")._serialize
    fast = FastSerializer(stock.dependencies)
    assert fast.body(activity, "Activity") == stock.body(activity, "Activity")
    return _pair(_per_call_us(lambda: stock.body(activity, "Activity"), 200),
                 _per_call_us(lambda: fast.body(activity, "Activity"), 1000))


def http_trust_env() -> dict[str, float]:
    import aiohttp
    from aiohttp import web

    from bot.sdk.connector import ConnectorPool

    async def main() -> tuple[float, float]:
        async def answer(request: web.Request) -> web.Response:
            await request.read()
            return web.json_response({"id": "act-1"})

        app = web.Application()
        app.router.add_post("/v3/conversations/{c}/activities", answer)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/v3/conversations/a/activities"
        body = json.dumps(INCOMING).encode()
        pool = ConnectorPool()
        stock_session = aiohttp.ClientSession(trust_env=True)

        async def post_with(session: aiohttp.ClientSession, proxy=None, proxy_auth=None):
            async with session.post(url, data=body, headers={"Content-Type": "application/json"},
                                    proxy=proxy, proxy_auth=proxy_auth) as response:
                await response.read()

        async def timed(make, calls=100) -> float:
            await make()
            samples = []
            for _ in range(5):
                t = time.process_time()
                for _ in range(calls):
                    await make()
                samples.append((time.process_time() - t) / calls * 1e6)
            return statistics.median(samples)

        try:
            stock = await timed(lambda: post_with(stock_session))
            ours = await timed(lambda: post_with(pool.session(), *pool.proxy_for(url)))
        finally:
            await stock_session.close()
            await pool.close()
            await runner.cleanup()
        return stock, ours

    stock, ours = asyncio.run(main())
    result = _pair(stock, ours)
    result["note"] = "client and server in this process: the saving is the client's"
    return result


def dialog_state() -> dict[str, Any]:
    from jsonpickle import Pickler, Unpickler

    from bot.sdk import state

    value = _dialog_state()
    text = state.dumps(value)
    assert text == json.dumps(Pickler().flatten(value), separators=(",", ":"), ensure_ascii=False)
    return {
        "bytes": len(text.encode()),
        "dialog_state_hash": _pair(_per_call_us(lambda: str(Pickler().flatten(value)), 1000),
                                   _per_call_us(lambda: str(state.flatten(value)), 1000)),
        "dialog_state_write": _pair(
            _per_call_us(lambda: json.dumps(Pickler().flatten(value), separators=(",", ":"), ensure_ascii=False), 1000),
            _per_call_us(lambda: state.dumps(value), 1000)),
        "dialog_state_read": _pair(_per_call_us(lambda: Unpickler().restore(json.loads(text)), 1000),
                                   _per_call_us(lambda: state.loads(text), 1000)),
    }


def run() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, fn in (("connector_clients_per_turn", connector_clients), ("serialize_card_reply", serializer),
                     ("http_request_trust_env", http_trust_env),
                     ("dialog_state", dialog_state)):
        try:
            out[name] = fn()
        except Exception as exc:  # report, do not lose the rest of the run
            out[name] = {"failed": f"{type(exc).__name__}: {exc}"}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
