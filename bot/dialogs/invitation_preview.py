"""**Vis invitasjonen** from the Ny avtale form: its values -> the preview card.

One call for whichever dialog shows the summary: ``await invitation_preview(services, texts, values)``
with the form's values (``template_id``, ``subject``, ``start``, ``end``, ``frequency``, ``until``,
``emails``, ``sms``). It reads the template from the portal (cached) and builds the texts with
:mod:`core.invitations`, the functions the embedded portal sends with.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.invitations.preview import preview, series_of
from core.recurrence import occurrences

from ..actions import Services
from ..cards.invitation_preview import invitation_preview_card
from ..i18n import Texts


async def invitation_preview(services: Services, texts: Texts, values: dict[str, Any]) -> dict[str, Any]:
    tz = services.tz
    template = await services.booking.template(values["template_id"]) or {"language": "nb", "name": ""}
    start = datetime.fromisoformat(values["start"]).astimezone(tz)
    end = datetime.fromisoformat(values["end"]).astimezone(tz)
    frequency = values.get("frequency") or "none"
    until = date.fromisoformat(values["until"]) if values.get("until") else None
    series = series_of(frequency, until)
    dates = occurrences(start, end, frequency, until, tz=tz) if series is not None and until else [(start, end)]
    shown = preview(template, values.get("subject") or "", dates, series, tz.key, services.previews)
    return invitation_preview_card(texts, shown, has_invitees=bool(values.get("emails") or values.get("sms")))
