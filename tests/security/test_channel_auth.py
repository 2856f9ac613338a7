"""Issue 9: with MicrosoftAppId set, /api/messages accepts only valid Bot Framework tokens.

The tokens are signed here and checked by botbuilder against a loopback OpenID metadata document
and JWKS (TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL / _TOKEN_ISSUER). botbuilder 4.17.1 alone answers
500 for a missing token, a forged signature and an expired token; the bot answers 401 and runs no
bot code for every refusal.
"""
from __future__ import annotations

import pytest

from tests.security.channel import ISSUER
from tests.security.conftest import APP_ID, other_guid


async def portal_meetings(bot, client) -> list:
    # in process: outside development mode the portal's API answers only bearer tokens (issue 14)
    return await bot.portal.list_meetings(client.user.aad_object_id)


async def say_with(bot, client, authorization: str | None):
    client.headers = {} if authorization is None else {"Authorization": authorization}
    return await client.say("hurtig")


async def assert_refused(bot, client, authorization: str | None) -> None:
    replies = await say_with(bot, client, authorization)
    assert client.last_status == 401
    assert replies == [] and bot.connector.sent == []
    assert bot.turns == 0
    assert await portal_meetings(bot, client) == []


async def test_a_valid_teams_token_gets_the_normal_answer(secured_bot, token_service):
    client = secured_bot.client()
    token = token_service.token(APP_ID, secured_bot.connector.url)
    replies = await say_with(secured_bot, client, f"Bearer {token}")
    assert client.last_status in (200, 201)
    assert len(replies) == 1 and "Åpne møtet" in replies[0].text
    assert len(await portal_meetings(secured_bot, client)) == 1
    # the reply went out with the bot's own outbound credentials
    assert secured_bot.connector.authorizations == [f"Bearer outbound-{APP_ID}"]
    assert token_service.metadata_requests >= 1


async def test_no_token_is_401(secured_bot):
    await assert_refused(secured_bot, secured_bot.client(), None)


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt",
                                    "Bearer a b", "bearer x.y.z"])
async def test_a_malformed_authorization_header_is_401(secured_bot, header):
    await assert_refused(secured_bot, secured_bot.client(), header)


async def test_a_forged_signature_is_401(secured_bot, token_service):
    # signed with a key the token service never published, under the Teams key's id
    token = token_service.token(APP_ID, secured_bot.connector.url, key=token_service.stranger,
                                kid=token_service.teams_key.kid)
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_a_tampered_payload_is_401(secured_bot, token_service):
    good = token_service.token(APP_ID, secured_bot.connector.url)
    evil = token_service.token(other_guid(), secured_bot.connector.url)
    header, _, signature = good.split(".")
    tampered = ".".join([header, evil.split(".")[1], signature])
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {tampered}")


async def test_the_wrong_audience_is_401(secured_bot, token_service):
    token = token_service.token(other_guid(), secured_bot.connector.url)
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_the_wrong_issuer_is_401(secured_bot, token_service):
    token = token_service.token(APP_ID, secured_bot.connector.url, issuer="https://sts.example.invalid/")
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_an_expired_token_is_401(secured_bot, token_service):
    # beyond botbuilder's five minutes of clock tolerance
    token = token_service.token(APP_ID, secured_bot.connector.url, expires_in=-3600)
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_a_key_not_endorsed_for_msteams_is_401(secured_bot, token_service):
    token = token_service.token(APP_ID, secured_bot.connector.url, key=token_service.webchat_key)
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_an_unknown_key_id_is_401(secured_bot, token_service):
    token = token_service.token(APP_ID, secured_bot.connector.url, key=token_service.stranger)
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_a_token_for_another_service_url_is_401(secured_bot, token_service):
    token = token_service.token(APP_ID, "https://smba.trafficmanager.net/emea/")
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_an_unsigned_token_is_401(secured_bot):
    import jwt

    token = jwt.encode({"iss": ISSUER, "aud": APP_ID, "serviceurl": secured_bot.connector.url}, None,
                       algorithm="none")
    await assert_refused(secured_bot, secured_bot.client(), f"Bearer {token}")


async def test_a_valid_token_from_another_tenant_is_refused_politely(secured_bot, token_service):
    client = secured_bot.client(tenant=other_guid())
    token = token_service.token(APP_ID, secured_bot.connector.url)
    replies = await say_with(secured_bot, client, f"Bearer {token}")
    assert client.last_status in (200, 201)
    assert len(replies) == 1 and "bare brukes av ansatte" in replies[0].text
    assert await portal_meetings(secured_bot, client) == []
