"""Typed commands: which words ask for what, shared by the activity handler and the Ny avtale dialog.

The handler reads a command when no dialog runs; the dialog reads the same words as interruptions
(``avbryt``, ``hjelp``, ``hurtig``, a second ``ny avtale``). Both import from here, so neither
imports the other.

Text arrives through :func:`bot.teams.command_text` (mention removed, lower case, trimmed of
surrounding punctuation); :func:`raw_rest` keeps the original case of what follows "ny avtale"
for the time parser.
"""
from __future__ import annotations

from botbuilder.core import TurnContext

from .teams import raw_text

QUICK = frozenset({"hurtig", "hurtigavtale", "quick", "hurtigavtale 365", "hurtigavtale - 365", "quick meeting",
                   "hurtigmøte"})
HELP = frozenset({"hjelp", "help", "?"})
NEW = ("ny avtale", "nytt møte", "new meeting", "ny")
CANCEL = frozenset({"avbryt", "lukk", "cancel", "stopp", "stop", "close"})
MY_MEETINGS = frozenset({"mine møter", "mine moter", "mine mote", "mine møte", "møtene mine", "motene mine",
                         "mine avtaler", "avtalene mine", "my meetings", "my meeting", "meetings", "møter", "moter",
                         "vis møtene mine", "vis mine møter", "show my meetings", "list my meetings"})


def classify(text: str | None) -> tuple[str | None, str]:
    """The command a typed text asks for, and the rest after it (for ``ny avtale <tid>``).

    >>> classify("hurtig")
    ('quick_meeting', '')
    >>> classify("ny avtale i morgen kl 13-14")
    ('new_meeting', 'i morgen kl 13-14')
    >>> classify("ny")
    ('new_meeting', '')
    >>> classify("ny uke")   # "ny" alone is a command; "ny <something>" is not
    (None, 'ny uke')
    >>> classify("mine moter"), classify("møtene mine"), classify("my meetings")
    (('my_meetings', ''), ('my_meetings', ''), ('my_meetings', ''))
    >>> classify("blå"), classify(None)
    ((None, 'blå'), (None, ''))
    """
    if not text:
        return None, ""
    if text in QUICK:
        return "quick_meeting", ""
    if text in HELP:
        return "help", ""
    if text in CANCEL:
        return "cancel", ""
    if text in MY_MEETINGS:
        return "my_meetings", ""
    for prefix in NEW:
        if text == prefix:
            return "new_meeting", ""
        if text.startswith(prefix + " ") and prefix != "ny":
            return "new_meeting", text[len(prefix) + 1:]
    return None, text


def raw_rest(turn_context: TurnContext) -> str:
    """The text after "ny avtale" with its original case (for the time parser)."""
    return rest_after_new(raw_text(turn_context))


def rest_after_new(text: str) -> str:
    """What follows a "ny avtale" prefix in ``text`` (any case), trimmed; empty when there is none.

    >>> rest_after_new("Ny avtale I morgen kl 13-14"), rest_after_new("hurtig")
    ('I morgen kl 13-14', '')
    """
    lowered = text.lower()
    for prefix in NEW:
        if lowered.startswith(prefix + " ") and prefix != "ny":
            return text[len(prefix) + 1:].strip()
    return ""
