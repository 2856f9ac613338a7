"""Words of the two supported languages: numbers, weekdays, months.

Each table maps a lower-case word form to its value.  Forms are listed
longest first when they are turned into regular expressions, so that
"tirsdag" wins over "tirs" and "tir".

Norwegian covers bokmål with the common colloquial and nynorsk forms
("i morra", "måndag", "tysdag", "laurdag") and ASCII spellings of æ/ø/å
("lordag", "sondag"), since people type on whatever keyboard they have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NUMBERS = {
    "nb": {
        "en": 1, "én": 1, "ett": 1, "ei": 1, "ein": 1, "eitt": 1, "et": 1,
        "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7,
        "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
        "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
        "tjue": 20, "tretti": 30, "tredve": 30, "førtifem": 45, "nitti": 90,
    },
    "en": {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
        "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty-five": 45, "fortyfive": 45, "ninety": 90,
    },
}

# Monday = 0 (date.weekday()).
WEEKDAYS = {
    "nb": {
        "mandag": 0, "mandagen": 0, "måndag": 0, "mondag": 0, "man": 0,
        "tirsdag": 1, "tirsdagen": 1, "tysdag": 1, "tirs": 1, "tir": 1,
        "onsdag": 2, "onsdagen": 2, "ons": 2,
        "torsdag": 3, "torsdagen": 3, "tors": 3, "tor": 3,
        "fredag": 4, "fredagen": 4, "fre": 4,
        "lørdag": 5, "lørdagen": 5, "laurdag": 5, "lordag": 5, "lør": 5,
        "søndag": 6, "søndagen": 6, "sundag": 6, "sondag": 6, "søn": 6,
    },
    "en": {
        "monday": 0, "mon": 0,
        "tuesday": 1, "tues": 1, "tue": 1,
        "wednesday": 2, "weds": 2, "wed": 2,
        "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
        "friday": 4, "fri": 4,
        "saturday": 5, "sat": 5,
        "sunday": 6, "sun": 6,
    },
}

MONTHS = {
    "nb": {
        "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3,
        "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "oktober": 10, "okt": 10, "november": 11, "nov": 11,
        "desember": 12, "des": 12,
    },
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    },
}

# Month words of either language are understood in both: a Norwegian may write "3. december",
# an English-speaking colleague "3. desember".
ANY_MONTH = {**MONTHS["en"], **MONTHS["nb"]}

# Holiday names -> keys of core.when.dates.HOLIDAYS (which computes the day for a year).
HOLIDAY_WORDS = {
    "nb": {
        "lille julaften": "lille julaften", "lillejulaften": "lille julaften",
        "lille juleaften": "lille julaften",
        "julaften": "julaften", "juleaften": "julaften", "julaftan": "julaften",
        "julafta": "julaften",
        "1. juledag": "1. juledag", "første juledag": "1. juledag", "1 juledag": "1. juledag",
        "2. juledag": "2. juledag", "andre juledag": "2. juledag", "2 juledag": "2. juledag",
        "nyttårsaften": "nyttårsaften", "nyttårsaftan": "nyttårsaften",
        "nyttårsafta": "nyttårsaften", "nyttarsaften": "nyttårsaften",
        "nyttårsdag": "nyttårsdag", "første nyttårsdag": "nyttårsdag", "nyttarsdag": "nyttårsdag",
        "1. nyttårsdag": "nyttårsdag", "1 nyttårsdag": "nyttårsdag",
        "skjærtorsdag": "skjærtorsdag", "skjærtorsdagen": "skjærtorsdag",
        "skjaertorsdag": "skjærtorsdag",
        "langfredag": "langfredag", "langfredagen": "langfredag",
        "påskeaften": "påskeaften", "påskeaftan": "påskeaften",
        "1. påskedag": "1. påskedag", "første påskedag": "1. påskedag", "1 påskedag": "1. påskedag",
        "påskedag": "1. påskedag", "påskesøndag": "1. påskedag",
        "2. påskedag": "2. påskedag", "andre påskedag": "2. påskedag", "2 påskedag": "2. påskedag",
        "kristi himmelfartsdag": "kristi himmelfartsdag", "kristi himmelfart": "kristi himmelfartsdag",
        "himmelfartsdag": "kristi himmelfartsdag", "himmelfartsdagen": "kristi himmelfartsdag",
        "pinseaften": "pinseaften",
        "1. pinsedag": "1. pinsedag", "første pinsedag": "1. pinsedag", "1 pinsedag": "1. pinsedag",
        "pinsedag": "1. pinsedag",
        "2. pinsedag": "2. pinsedag", "andre pinsedag": "2. pinsedag", "2 pinsedag": "2. pinsedag",
        "grunnlovsdagen": "17. mai", "nasjonaldagen": "17. mai",
    },
    "en": {
        "christmas eve": "julaften", "christmas day": "1. juledag",   # not "christmas": the 24th to a Norwegian
        "xmas eve": "julaften", "boxing day": "2. juledag",
        "new years eve": "nyttårsaften", "new year eve": "nyttårsaften",
        "new years day": "nyttårsdag", "new year day": "nyttårsdag",
        "maundy thursday": "skjærtorsdag", "good friday": "langfredag",
        "easter saturday": "påskeaften", "easter eve": "påskeaften",
        "easter sunday": "1. påskedag", "easter day": "1. påskedag", "easter monday": "2. påskedag",
        "ascension day": "kristi himmelfartsdag", "whit sunday": "1. pinsedag",
        "pentecost": "1. pinsedag", "whit monday": "2. pinsedag",
        "constitution day": "17. mai", "norwegian constitution day": "17. mai",
    },
}

# Words that may be left over once every rule has run: the sentence around a time ("Hva med
# onsdag 14-15?", "Sett opp fredag 12-13, takk").  Never a word that changes or blurs the time
# (ikke, ca, før, etter, hver, eller, om, i) and never a number: "rom 3" and "etasje 2" refuse.
FILLERS = {
    "nb": frozenset({
        "den", "på", "hva", "med", "vi", "møtes", "møte", "møtet", "sett", "opp", "takk", "tusen",
        "digitalt", "digital", "kan", "ta", "det", "passer", "går", "er", "du", "dere", "jeg",
        "meg", "oss", "gjerne", "hei", "ok", "okei", "da", "så", "la", "legg", "inn", "book",
        "booke", "bestill", "avtale", "avtalen", "et", "ei", "ha", "har", "skal", "fint", "bra",
        "ses", "sees", "treffes", "teams", "video", "videomøte", "foreslår", "forslag",
        "vil", "lage", "lag", "fungerer", "funker", "greit", "ny", "nytt", "planlegg",
    }),
    "en": frozenset({
        "on", "the", "how", "about", "what", "lets", "let", "us", "meet", "meeting", "please",
        "thanks", "thank", "you", "set", "up", "book", "schedule", "can", "we", "do", "is", "it",
        "ok", "okay", "works", "work", "me", "hi", "hello", "a", "call", "teams", "video", "online",
        "shall", "sounds", "good", "fine", "would", "be", "great", "then", "so", "does", "suit", "say",
        "new", "plan",
    }),
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first.

    >>> alternation(["tir", "tirsdag", "tirs"])
    '(?:tirsdag|tirs|tir)'
    """
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def number(word: str, locale: str) -> float | None:
    """A number written with digits ("2", "1,5", "1.5") or as a word ("to", "two").

    >>> number("1,5", "nb"), number("to", "nb"), number("an", "en"), number("blå", "nb")
    (1.5, 2, 1, None)
    """
    word = word.strip()
    if word and (word[0].isdigit()):
        try:
            return float(word.replace(",", ".")) if ("," in word or "." in word) else int(word)
        except ValueError:
            return None
    return NUMBERS[locale].get(word)
