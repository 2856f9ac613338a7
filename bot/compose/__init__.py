"""Delta from any chat: the message extension in the compose box and link unfurling (contracts §3a).

- :mod:`.form` reads the task module's submit into a meeting request or field errors (the same
  rules as Ny avtale: :mod:`core.when` for the time, :mod:`core.sensitive` for the subject, the
  booking rules for the rest);
- :mod:`.extension` answers ``composeExtension/fetchTask``, ``composeExtension/submitAction`` and
  ``composeExtension/queryLink``; the cards are in :mod:`bot.cards.compose`.
"""
from .extension import COMMAND_ID, ComposeExtension

__all__ = ["COMMAND_ID", "ComposeExtension"]
