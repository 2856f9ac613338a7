"""The Teams activity handler: welcome on install, commands, card actions, and the Ny avtale dialog."""
from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import BotState, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.dialogs import Dialog, DialogSet

from . import actions, edit_meeting
from .actions import Services, card_activity
from .cards import common
from .commands import classify, raw_rest
from .compose import COMMAND_ID, ComposeExtension
from .dialogs.new_meeting import is_new_meeting_retry, remember_outcome, stale_notice
from .i18n import Texts
from .teams import command_text

log = logging.getLogger(__name__)


class DeltaBot(TeamsActivityHandler):
    def __init__(self, services: Services, conversation_state: BotState, dialog_state: BotState,
                 new_meeting_dialog: Dialog | None = None, allowed_tenants: tuple[str, ...] = ()):
        self.services = services
        self.allowed_tenants = frozenset(t.lower() for t in allowed_tenants)
        self.conversation_state = conversation_state
        self.dialog_state = dialog_state
        self.new_meeting_dialog = new_meeting_dialog
        self._dialogs: DialogSet | None = None
        self.compose = ComposeExtension(services)
        if new_meeting_dialog is not None:
            self._dialog_state_property = dialog_state.create_property("DialogState")
            self._dialogs = DialogSet(self._dialog_state_property)
            self._dialogs.add(new_meeting_dialog)
            self._finished_property = dialog_state.create_property("NewMeetingFinished")
    def tenant_allowed(self, turn_context: TurnContext) -> bool:
        """``ALLOWED_TENANTS``: only activities from these Entra tenants reach dialogs and portal."""
        if not self.allowed_tenants:
            return True
        activity = turn_context.activity
        tenant = None
        channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        if isinstance(channel_data.get("tenant"), dict):
            tenant = channel_data["tenant"].get("id")
        if not tenant and activity.conversation is not None:
            # The SDK maps "tenantID" to tenant_id; Teams writes "tenantId" (kept in additional_properties).
            extra = getattr(activity.conversation, "additional_properties", None) or {}
            tenant = getattr(activity.conversation, "tenant_id", None) or extra.get("tenantId")
        return isinstance(tenant, str) and tenant.lower() in self.allowed_tenants

    async def on_turn(self, turn_context: TurnContext):
        if not self.tenant_allowed(turn_context):
            log.info("activity from a tenant that is not allowed refused")
            if turn_context.activity.type == "message":
                texts = Texts.for_locale(turn_context.activity.locale)
                await turn_context.send_activity(texts("not_in_tenant"))
            return
        # Turns of one conversation and user already run one at a time (bot/turns.py).
        await super().on_turn(turn_context)
        await self.conversation_state.save_changes(turn_context)
        await self.dialog_state.save_changes(turn_context)

    # -- install and welcome ---------------------------------------------------------------
    async def on_installation_update_add(self, turn_context: TurnContext):
        await self._welcome(turn_context)

    async def on_conversation_update_activity(self, turn_context: TurnContext):
        """Only "the bot was added" matters. (TeamsActivityHandler would look up every added member
        with a connector call per person, which a large team cannot afford and the bot never uses.)"""
        members_added = turn_context.activity.members_added or []
        recipient = turn_context.activity.recipient
        if any(recipient is not None and m.id == recipient.id for m in members_added):
            await self._welcome(turn_context)

    async def _welcome(self, turn_context: TurnContext):
        # One welcome per conversation even when Teams sends both installationUpdate and membersAdded.
        welcomed = self.conversation_state.create_property("welcomed")
        if await welcomed.get(turn_context, False):
            return
        await welcomed.set(turn_context, True)
        texts = Texts.for_locale(turn_context.activity.locale)
        await turn_context.send_activity(card_activity(common.welcome_card(texts)))

    # -- message extension and link unfurling (bot/compose) --------------------------------
    async def on_teams_messaging_extension_fetch_task(self, turn_context: TurnContext, action: Any):
        if getattr(action, "command_id", None) != COMMAND_ID:
            return await super().on_teams_messaging_extension_fetch_task(turn_context, action)  # 4xx
        return await self.compose.fetch_task(turn_context, Texts.for_locale(turn_context.activity.locale))

    async def on_teams_messaging_extension_submit_action(self, turn_context: TurnContext, action: Any):
        if getattr(action, "command_id", None) != COMMAND_ID:
            return await super().on_teams_messaging_extension_submit_action(turn_context, action)  # 4xx
        data = action.data if isinstance(action.data, dict) else {}
        return await self.compose.submit_action(turn_context, Texts.for_locale(turn_context.activity.locale), data)

    async def on_teams_app_based_link_query(self, turn_context: TurnContext, query: Any):
        return await self.compose.query_link(turn_context, Texts.for_locale(turn_context.activity.locale),
                                             getattr(query, "url", None))

    # -- messages and card actions ---------------------------------------------------------
    async def on_message_activity(self, turn_context: TurnContext):
        texts = Texts.for_locale(turn_context.activity.locale)
        value = turn_context.activity.value
        action = value.get("action") if isinstance(value, dict) else None
        if action is not None and not isinstance(action, str):
            action = "__invalid__"

        if self._dialogs is not None:
            dialog_context = await self._dialogs.create_context(turn_context)
            if dialog_context.active_dialog is not None:
                await remember_outcome(self._finished_property, turn_context,
                                       await dialog_context.continue_dialog())
                return
        else:
            dialog_context = None

        text = command_text(turn_context)
        command, rest = (action, "") if action else classify(text)
        if action is None and command is None and text:
            # Free text the bot does not understand.
            await turn_context.send_activity(card_activity(common.unknown_card(texts)))
            return
        await self.run_command(turn_context, texts, command, rest, value if isinstance(value, dict) else {},
                               dialog_context)

    async def run_command(self, turn_context: TurnContext, texts: Texts, command: str | None, rest: str,
                          data: dict[str, Any], dialog_context=None) -> None:
        if command == "quick_meeting":
            await actions.quick_meeting(turn_context, self.services, texts)
        elif command == "retry" and data.get("retry_of") == "quick_meeting":
            await actions.quick_meeting(turn_context, self.services, texts, idempotency_key=data.get("key"))
        elif command == "retry" and data.get("retry_of") == "my_meetings":
            await actions.my_meetings(turn_context, self.services, texts)
        elif command == "new_meeting":
            if dialog_context is None:
                await turn_context.send_activity(card_activity(common.notice_card(texts, texts("new_meeting_coming"))))
            else:
                await dialog_context.begin_dialog(self.new_meeting_dialog.id, {"prefill": raw_rest(turn_context) or rest})
        elif command == "my_meetings":
            await actions.my_meetings(turn_context, self.services, texts, data.get("page"))
        elif command == "cancel_occurrence":
            from .my_meetings import cancel_occurrence

            await cancel_occurrence(turn_context, self.services, texts, data.get("meeting_id"), data.get("occurrence"),
                                    confirmed=actions.is_true(data.get("confirmed")))
        elif command == "cancel_meeting":
            await actions.cancel_meeting(turn_context, self.services, texts, data.get("meeting_id"),
                                         confirmed=actions.is_true(data.get("confirmed")))
        elif command == "edit_meeting":
            await edit_meeting.open_edit(turn_context, self.services, texts, data.get("meeting_id"))
        elif command == "save_meeting":
            await edit_meeting.save_edit(turn_context, self.services, texts, data)
        elif command == "edit_closed":
            await turn_context.send_activity(card_activity(common.notice_card(texts, texts("edit_nothing_changed"))))
        elif command == "reminders_off":
            await actions.reminders_off(turn_context, self.services, texts, data.get("meeting_id"))
        elif command == "keep_meeting":
            await actions.keep_meeting(turn_context, texts)
        elif command == "cancel":
            await turn_context.send_activity(card_activity(common.notice_card(texts, texts("nothing_to_cancel"))))
        elif command in ("next", "confirm", "edit", "restart", "resume") or is_new_meeting_retry(data):
            # A Ny avtale card from a dialog that has ended (double submit, old card): nothing happens.
            key = "stale_card"
            if self._dialogs is not None:
                key = await stale_notice(self._finished_property, turn_context, data)
            await turn_context.send_activity(card_activity(common.notice_card(texts, texts(key))))
        else:
            # help, unknown card actions, submits from old cards: the help card.
            await turn_context.send_activity(card_activity(common.help_card(texts)))
