"""Re-create the name lists taken from faker and mimesis (a maintainer's tool, not used at run time).

Neither library is a dependency of the project. To refresh the lists, install both in a throw-away
virtual environment and run this script with that interpreter, from this folder::

    python -m venv /tmp/names && /tmp/names/bin/pip install faker mimesis
    apt-get install wnorwegian wamerican        # word lists, to leave out names that are words
    /tmp/names/bin/python build_name_lists.py /usr/share/dict/bokmaal /usr/share/dict/american-english

It writes ``first_names_faker.txt``, ``last_names_faker.txt`` (faker's ``no_NO`` person provider,
MIT licence, which cites Statistics Norway's name statistics), ``first_names_world.txt`` (first
names of faker's providers for the countries most immigrants to Norway come from) and ``first_names_mimesis.txt``,
``last_names_mimesis.txt`` (mimesis' ``no`` locale, ``datasets/no/person.json``, MIT licence).

From mimesis' long list of first names, a name that is also a word in one of the word lists given
(``Alt``, ``Helse``, ``Offer``, ``Skade``, ``Påske``) is left out, and so is one of fewer than
three letters: those are rare as names and common
as words. Names that matter and are also words are listed by hand in ``first_names_extra.txt`` and,
when the word is common in meeting subjects, in ``ambiguous_names.txt``. Surnames are all kept; those
that are words are in ``ambiguous_names.txt``.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

HERE = Path(__file__).parent
WORLD_LOCALES = ("sv_SE", "da_DK", "fi_FI", "pl_PL", "lt_LT", "lv_LV", "et_EE", "de_DE", "nl_NL",
                 "en_US", "en_GB", "en_IN", "ro_RO", "tr_TR", "hr_HR", "sl_SI", "cs_CZ", "sk_SK",
                 "hu_HU", "es_ES", "pt_PT", "fr_FR", "it_IT", "az_AZ", "vi_VN",
                 # added in round 3 of issue 4: Thailand, Pakistan, Nigeria, East Africa, China
                 "en_TH", "en_PK", "en_NG", "ig_NG", "ha_NG", "yo_NG", "sw", "en_KE", "zh_CN")
# Surnames of the countries most people in Norway with a background abroad come from (the Nordic
# neighbours, the Baltics, Turkey, the Balkans, Romania, Vietnam, China, Thailand, Pakistan,
# Nigeria, East Africa; Spanish surnames, which are also the common surnames of the Philippines).
SURNAME_LOCALES = ("sv_SE", "da_DK", "fi_FI", "lt_LT", "lv_LV", "tr_TR", "hr_HR", "ro_RO", "vi_VN",
                   "zh_CN", "en_TH", "en_PK", "en_NG", "ig_NG", "ha_NG", "yo_NG", "sw", "en_KE",
                   "es_ES")


def _write(name: str, header: str, names: Iterable[str]) -> None:
    body = "\n".join(sorted(set(names), key=lambda s: (s.lower(), s)))
    (HERE / name).write_text(header + body + "\n", encoding="utf-8")


def _words(paths: list[str]) -> set[str]:
    out: set[str] = set()
    for p in paths:
        raw = Path(p).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")  # Debian's bokmaal list
        out.update(w.strip() for w in text.splitlines() if w.strip() and w[0].islower())
    return out


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o", "Ø": "O"})


def _fold(name: str) -> str:
    """The name without accents ("Nguyễn" -> "Nguyen", "Yılmaz" -> "Yilmaz")."""
    import unicodedata

    base = unicodedata.normalize("NFD", name.translate(_FOLD))
    return "".join(c for c in base if not unicodedata.combining(c))


def main(wordlists: list[str]) -> None:
    import mimesis  # type: ignore[import-not-found]
    from faker.providers.person.no_NO import Provider  # type: ignore[import-not-found]

    faker_first = set(Provider.first_names_male) | set(Provider.first_names_female)
    faker_last = set(Provider.last_names)
    src = "faker no_NO person provider (MIT licence), citing SSB name statistics"
    _write("first_names_faker.txt", "", faker_first)
    _write("last_names_faker.txt", "", faker_last)

    data = json.loads(resources.files(mimesis).joinpath("datasets", "no", "person.json")
                      .read_text(encoding="utf-8"))
    words = _words(wordlists)
    first = set(data["names"]["male"]) | set(data["names"]["female"])
    dropped = sorted(n for n in first if n.lower() in words or len(n) < 3)
    first -= set(dropped)
    msrc = f"mimesis {mimesis.__version__} datasets/no/person.json (MIT licence)"
    _write("first_names_mimesis.txt",
           f"# First names from {msrc}, less {len(dropped)} that are also words; see README.md.\n",
           first)
    _write("last_names_mimesis.txt", f"# Surnames from {msrc}; see README.md.\n", data["surnames"])
    # First names common in the countries most people in Norway with a background abroad come from
    # (SSB, "Innvandrere etter landbakgrunn"), from faker's providers in Latin script.
    world: set[str] = set()
    for loc in WORLD_LOCALES:
        mod = importlib.import_module(f"faker.providers.person.{loc}")
        p = mod.Provider
        for attr in ("first_names_male", "first_names_female", "first_names",
                     "first_romanized_names"):
            names = getattr(p, attr, ())
            if isinstance(names, dict):
                names = names.keys()
            world.update(n for n in names if isinstance(n, str) and n.isalpha()
                         and all(ord(c) < 0x250 for c in n))
    known = faker_first | first
    wdropped = sorted(n for n in world - known if n.lower() in words or len(n) < 3)
    world -= set(wdropped) | known
    _write("first_names_world.txt",
           f"# First names from faker's person providers {', '.join(WORLD_LOCALES)} (MIT licence),\n"
           f"# Latin script only, less {len(wdropped)} that are also words; see README.md.\n", world)
    print(f"faker world: {len(world)} first names kept, {len(wdropped)} left out")
    # Surnames of the same countries (round 3): words and names of fewer than three letters left
    # out; a name written with letters outside Norwegian's is also kept without its accents
    # (people type "Nguyen", "Wisniewska", "Yilmaz").
    wsur: set[str] = set()
    for loc in SURNAME_LOCALES:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("last_names", "last_names_male", "last_names_female", "last_romanized_names"):
            names = getattr(p, attr, ())
            if isinstance(names, dict):
                names = names.keys()
            wsur.update(n for n in names if isinstance(n, str) and n.isalpha()
                        and all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in n))
    wsur |= {_fold(n) for n in wsur}
    sdropped = sorted(n for n in wsur if n.lower() in words or len(n) < 3)
    wsur -= set(sdropped) | faker_last | set(data["surnames"])
    _write("last_names_world.txt",
           f"# Surnames from faker's person providers {', '.join(SURNAME_LOCALES)} (MIT licence),\n"
           f"# Latin script only, also without accents, less {len(sdropped)} that are also words or "
           f"shorter than three letters; see README.md.\n", wsur)
    print(f"faker world: {len(wsur)} surnames kept, {len(sdropped)} left out")
    print(f"{src}: {len(faker_first)} first names, {len(faker_last)} surnames")
    print(f"{msrc}: {len(first)} first names kept, {len(dropped)} left out, "
          f"{len(set(data['surnames']))} surnames")
    print("left out:", " ".join(dropped))


if __name__ == "__main__":
    main(sys.argv[1:])
