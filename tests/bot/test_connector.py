"""bot.sdk.serialization and bot.sdk.connector: the faster msrest serializer gives exactly msrest's
result, the pool keeps one client per service URL and one HTTP session, and proxies come from the
environment."""
from __future__ import annotations

import copy
import datetime as dt

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, Mention
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import MicrosoftAppCredentials

from bot.cards import common
from bot.i18n import Texts
from bot.sdk.connector import ConnectorPool
from bot.sdk.serialization import FastSerializer


def stock_client() -> ConnectorClient:
    return ConnectorClient(MicrosoftAppCredentials("", ""), base_url="http://127.0.0.1:1/")


def outgoing() -> list[Activity]:
    texts = Texts.for_locale("nb-NO")
    card = MessageFactory.attachment(CardFactory.adaptive_card(common.help_card(texts)))
    reply = copy.deepcopy(card)
    reply.conversation = ConversationAccount(id="a:1", conversation_type="personal", tenant_id="t")
    reply.from_property = ChannelAccount(id="28:bot", name="Delta")
    reply.recipient = ChannelAccount(id="29:u", name="Kari", aad_object_id="aad")
    reply.reply_to_id, reply.locale, reply.service_url = "in-1", "nb-NO", "https://smba.example/"
    reply.timestamp = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)
    odd = MessageFactory.text("hei")
    odd.channel_data = {"tuple": (1, 2), "date": dt.date(2026, 1, 2), 3: "int key", "nested": [{"x": None}]}
    odd.value = {"float": 1.5, "bool": True, "none": None}
    mention = MessageFactory.text("<at>Kari</at> hei")
    mention.entities = [Mention(mentioned=ChannelAccount(id="29:u", name="Kari"), text="<at>Kari</at>", type="mention")]
    return [card, reply, odd, mention, Activity(type="typing")]


def test_fast_serializer_writes_exactly_what_msrest_writes():
    stock = stock_client()._serialize
    fast = FastSerializer(stock.dependencies)
    for activity in outgoing():
        assert fast.body(activity, "Activity") == stock.body(activity, "Activity")


def test_fast_serializer_is_used_by_pooled_clients():
    pool = ConnectorPool()

    async def build():
        return stock_client()

    import asyncio

    client = asyncio.run(pool.client(("https://smba.example/", "", ""), build))
    assert isinstance(client.conversations._serialize, FastSerializer)
    again = asyncio.run(pool.client(("https://smba.example/", "", ""), build))
    assert again is client and pool.clients_created == 1


def test_proxy_comes_from_the_environment_once_per_host(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    pool = ConnectorPool()
    proxy, _ = pool.proxy_for("https://smba.trafficmanager.net/emea/v3/conversations/a/activities")
    assert str(proxy) == "http://proxy.example:3128"
    assert pool.proxy_for("http://127.0.0.1:3978/v3/conversations")[0] is None
    monkeypatch.delenv("HTTPS_PROXY")
    # Looked up once per scheme and host: a later change of the environment needs a restart.
    assert str(pool.proxy_for("https://smba.trafficmanager.net/other")[0]) == "http://proxy.example:3128"
    assert ConnectorPool().proxy_for("https://smba.trafficmanager.net/other")[0] is None


