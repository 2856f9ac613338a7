"""bot.sdk.serialization and bot.sdk.connector: the faster msrest serializer/deserializer give exactly
msrest's results, the pool keeps one client per service URL and one HTTP session, and proxies come
from the environment."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, Entity, Mention
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import MicrosoftAppCredentials
from msrest import Deserializer
from msrest.exceptions import DeserializationError

from bot.cards import common
from bot.i18n import Texts
from bot.sdk.connector import ConnectorPool
from bot.sdk.serialization import FastDeserializer, FastSerializer, activity_deserializer


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
    assert isinstance(client.conversations._deserialize, FastDeserializer)
    again = asyncio.run(pool.client(("https://smba.example/", "", ""), build))
    assert again is client and pool.clients_created == 1


def model_tree(value: Any) -> Any:
    """Everything a deserialised model holds, recursively, with its class."""
    if hasattr(value, "_attribute_map"):
        return (type(value).__name__, {k: model_tree(v) for k, v in vars(value).items()})
    if isinstance(value, list):
        return [model_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: model_tree(v) for k, v in value.items()}
    return value


def incoming() -> list[dict[str, Any]]:
    base = {"type": "message", "id": "in-1", "channelId": "msteams", "serviceUrl": "https://smba.example/",
            "timestamp": "2026-11-25T10:00:00.123Z", "localTimestamp": "2026-11-25T11:00:00.123+01:00",
            "locale": "nb-NO", "from": {"id": "29:u", "name": "Kari", "aadObjectId": "aad", "extra": 1},
            "recipient": {"id": "28:bot", "name": "Delta"},
            "conversation": {"id": "a:1", "conversationType": "personal", "tenantId": "t"},
            "channelData": {"tenant": {"id": "t"}}}
    submit = dict(base, value={"action": "next", "step": "subject", "subject": "Tverrfaglig"}, replyToId="act-1")
    mention = dict(base, text="<at>Delta</at> hurtig", entities=[
        {"type": "mention", "text": "<at>Delta</at>", "mentioned": {"id": "28:bot", "name": "Delta"}},
        {"type": "clientInfo", "locale": "nb-NO", "country": "NO", "platform": "Web"}])
    update = dict(base, type="conversationUpdate", membersAdded=[{"id": "28:bot"}, {"id": "29:u", "name": "K"}],
                  unknownTopLevel={"a": [1, 2]})
    install = dict(base, type="installationUpdate", action="add", attachments=[
        {"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard"}}])
    return [base, submit, mention, update, install, {"type": "message"}]


def test_fast_deserializer_reads_exactly_what_msrest_reads():
    fast = activity_deserializer()
    for body in incoming():
        expected = model_tree(Activity().deserialize(copy.deepcopy(body)))
        assert model_tree(fast("Activity", copy.deepcopy(body))) == expected


def test_fast_deserializer_refuses_what_msrest_refuses():
    fast = activity_deserializer()
    for bad in ({"type": "message", "timestamp": "not a time"}, {"type": "message", "membersAdded": "x"}):
        with pytest.raises(DeserializationError):
            Activity().deserialize(dict(bad))
        with pytest.raises(DeserializationError):
            fast("Activity", dict(bad))


def test_fast_deserializer_reads_connector_answers_as_msrest_does():
    deps = stock_client()._deserialize.dependencies
    fast, stock = FastDeserializer(deps), Deserializer(deps)
    for target, data in (("ResourceResponse", {"id": "act-1"}),
                         ("TeamsChannelAccount" if "TeamsChannelAccount" in deps else "ChannelAccount",
                          {"id": "29:u", "name": "Kari", "aadObjectId": "aad", "email": "k@siv.no",
                           "userPrincipalName": "k@siv.no", "tenantId": "t", "givenName": "Kari"}),
                         ("ConversationResourceResponse", {"id": "a:1", "activityId": "x", "serviceUrl": "u"})):
        assert model_tree(fast(target, dict(data))) == model_tree(stock(target, dict(data)))


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


def test_entities_stay_entities():
    activity = activity_deserializer()("Activity", incoming()[2])
    assert all(type(e) is Entity for e in activity.entities)
