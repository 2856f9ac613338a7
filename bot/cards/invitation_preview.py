"""**Vis invitasjonen**: the e-mail and the SMS exactly as each invitee will get them.

The texts come from :mod:`core.invitations` (the same functions the portal's outbox uses), in the
template's language; the card around them is in the organizer's. Each line of the texts is its own
TextBlock, escaped (the subject is the organizer's input), so nothing is reflowed or rendered as
markdown. The card has no buttons: the summary above it stays the live card.
"""
from __future__ import annotations

from typing import Any

from adaptive_cards import card as ac
from adaptive_cards import types as act

from core.invitations.gsm7 import segments, units
from core.invitations.preview import Preview

from ..i18n import Texts
from .base import build, escape, text, title


def _lines(value: str) -> list[Any]:
    blocks: list[Any] = []
    gap = False
    for line in value.splitlines():
        if not line.strip():
            gap = True
            continue
        blocks.append(text(escape(line, limit=400), spacing="medium" if gap else "none"))
        gap = False
    return blocks


def invitation_preview_card(texts: Texts, preview: Preview, has_invitees: bool = True) -> dict[str, Any]:
    language = texts("lang_" + preview.language) if texts.has("lang_" + preview.language) else preview.language
    body: list[Any] = [title(texts("preview_title")), text(texts("preview_intro", language=language), subtle=True)]
    if not has_invitees:
        body.append(text(texts("preview_no_invitees"), weight="bolder"))
    body.append(text(texts("preview_email"), weight="bolder", spacing="medium"))
    body.append(ac.Container(style=act.ContainerStyle.EMPHASIS, items=[
        text(texts("preview_email_subject", subject=escape(preview.email.subject, limit=400)), weight="bolder"),
        *_lines(preview.email.body),
    ]))
    body.append(text(texts("preview_sms", units=units(preview.sms), parts=segments(preview.sms)),
                     weight="bolder", spacing="medium"))
    body.append(ac.Container(style=act.ContainerStyle.EMPHASIS, items=_lines(preview.sms)))
    return build(body, fallback_text=texts("preview_fallback"))
