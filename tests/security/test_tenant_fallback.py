"""Issue 14, item 13: the tenant from ``conversation.tenantId`` when ``channelData.tenant`` is absent
(the SDK's ConversationAccount maps ``tenantID``, so that spelling never reached ``tenant_id``)."""
from __future__ import annotations

from tests.harness import TENANT


async def test_the_conversation_tenant_id_is_the_fallback(start_bot):
    bot = await start_bot(allowed_tenants=(TENANT,))
    client = bot.client()
    activity = client.activity(text="hjelp")
    activity.pop("channelData")
    replies = await client.post(activity)
    assert len(replies) == 1 and "bare brukes av ansatte" not in replies[0].text
