"""Issue 9: only users of the allowed Entra tenants (ALLOWED_TENANTS) reach dialogs and portal."""
from __future__ import annotations

import uuid

import pytest

from bot.config import Settings, SettingsError
from tests.harness import TENANT

OTHER_TENANT = "0b5c9d1e-1111-4222-8333-444455556666"


async def portal_meetings(bot, client) -> list:
    async with bot.session.get(f"{bot.url}/portal/api/v1/meetings",
                               params={"organizer": client.user.aad_object_id}) as response:
        return (await response.json())["meetings"]


def stored_state_rows(bot) -> int:
    return bot.resources.storage._db.execute("SELECT count(*) FROM bot_state").fetchone()[0]


@pytest.fixture
async def tenant_bot(start_bot):
    return await start_bot(allowed_tenants=(TENANT,))


@pytest.mark.parametrize("message", [{"text": "hurtig"}, {"text": "ny avtale i morgen kl 13-14"},
                                     {"value": {"action": "quick_meeting"}},
                                     {"value": {"action": "new_meeting"}},
                                     {"value": {"action": "confirm"}},
                                     {"value": {"action": "my_meetings"}}])
async def test_a_message_from_another_tenant_gets_one_polite_refusal_and_nothing_else(tenant_bot, message):
    client = tenant_bot.client(tenant=OTHER_TENANT)
    replies = await client.post(client.activity(**message))
    assert client.last_status in (200, 201)
    assert len(replies) == 1
    assert "bare brukes av ansatte i Sykehuset i Vestfold" in replies[0].text
    assert not replies[0].cards  # no buttons that lead anywhere
    assert await portal_meetings(tenant_bot, client) == []
    assert tenant_bot.connector.member_lookups == 0
    assert stored_state_rows(tenant_bot) == 0  # no dialog began, nothing was remembered


async def test_install_from_another_tenant_gets_no_welcome(tenant_bot):
    client = tenant_bot.client(tenant=OTHER_TENANT)
    assert await client.install() == []
    assert await client.post(client.activity("conversationUpdate",
                                             membersAdded=[{"id": client.bot_id, "name": "Delta video"}])) == []
    assert stored_state_rows(tenant_bot) == 0


async def test_an_activity_without_a_tenant_is_refused(tenant_bot):
    client = tenant_bot.client()
    activity = client.activity(text="hurtig")
    del activity["channelData"]
    del activity["conversation"]["tenantId"]
    replies = await client.post(activity)
    assert len(replies) == 1 and "bare brukes av ansatte" in replies[0].text
    assert await portal_meetings(tenant_bot, client) == []


async def test_a_foreign_tenant_in_channel_data_wins_over_the_conversation(tenant_bot):
    client = tenant_bot.client()
    activity = client.activity(text="hurtig")
    activity["channelData"] = {"tenant": {"id": OTHER_TENANT}}  # conversation.tenantId is still ours
    replies = await client.post(activity)
    assert len(replies) == 1 and "bare brukes av ansatte" in replies[0].text
    assert await portal_meetings(tenant_bot, client) == []


async def test_the_allowed_tenant_in_any_case_is_served(tenant_bot):
    client = tenant_bot.client(tenant=TENANT.upper())
    replies = await client.say("hurtig")
    assert "Åpne møtet" in replies[0].text
    assert len(await portal_meetings(tenant_bot, client)) == 1


async def test_english_users_of_another_tenant_are_refused_in_english(tenant_bot):
    client = tenant_bot.client(tenant=OTHER_TENANT, locale="en-US")
    replies = await client.say("quick")
    assert len(replies) == 1 and "Sykehuset i Vestfold" in replies[0].text
    assert "bare brukes" not in replies[0].text


def test_allowed_tenants_is_required_outside_development_mode():
    env = {"MicrosoftAppId": str(uuid.uuid4()), "MicrosoftAppPassword": "x", "PORTAL_URL": "https://portal.example"}
    with pytest.raises(SettingsError, match="ALLOWED_TENANTS"):
        Settings.from_env(env, dotenv=None)
    settings = Settings.from_env({**env, "ALLOWED_TENANTS": f" {TENANT.upper()} , {OTHER_TENANT}"}, dotenv=None)
    assert settings.allowed_tenants == (TENANT, OTHER_TENANT)
