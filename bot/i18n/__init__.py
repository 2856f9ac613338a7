"""User-facing text: one catalogue per language (``nb`` default, ``en`` when the locale starts with en).

Dialogs and cards never build sentences inline; they ask a :class:`Texts` for a key. Values are
``str.format`` templates; arguments that come from users are escaped by the caller (see
:func:`bot.cards.base.escape`).
"""
from __future__ import annotations

from . import en, nb

CATALOGUES = {"nb": nb.TEXTS, "en": en.TEXTS}


def language_of(locale: str | None) -> str:
    """``en`` for any English locale (en, en-US, en_GB), otherwise Norwegian bokmål."""
    if isinstance(locale, str) and locale.strip().lower().startswith("en"):
        return "en"
    return "nb"


class Texts:
    """The catalogue of one language; ``texts("key", name=...)`` formats a string."""

    __slots__ = ("language", "_catalogue")

    def __init__(self, language: str):
        self.language = language if language in CATALOGUES else "nb"
        self._catalogue = CATALOGUES[self.language]

    @classmethod
    def for_locale(cls, locale: str | None) -> "Texts":
        return cls(language_of(locale))

    def __call__(self, key: str, **kwargs) -> str:
        template = self._catalogue.get(key)
        if template is None:
            template = CATALOGUES["nb"][key]
        return template.format(**kwargs) if kwargs else template

    def has(self, key: str) -> bool:
        return key in self._catalogue
