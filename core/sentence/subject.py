"""Emne: the words no other reader placed, or the words in quotes.

A quoted subject ("…", «…», “…”) is taken as written, time words and all. Otherwise the subject is
what is left of the sentence, chunk by chunk (a chunk is a stretch between two placed parts):
filler words at a chunk's edges are dropped ("med", "og", "inviter", "og send til", "with"), a
chunk that is only a word for "meeting" ("møte", "et møte", "meeting") is dropped when another
chunk has words, and the rest is joined with spaces, as typed. The small words inside a chunk stay
("Møte med ledelsen"). When a quoted subject is given, any other word left is left out.

    >>> t = Text('møte med kari@siv.no og 923 45 678 Oppfølging')
    >>> t.claim(9, 20); t.claim(24, 34)
    >>> subject_from(t)
    'Oppfølging'
    >>> quoted(Text('"Fagmøte ortopedi" 15.12 kl 9-10:30'))
    [('Fagmøte ortopedi', '"Fagmøte ortopedi"')]
"""
from __future__ import annotations

import re

from .text import EDGE_PUNCT, TIME, Text, Word

# Words dropped at a chunk's edges wherever they stand ("møte med kari@siv.no og 923 45 678").
FILLERS = frozenset({
    "og", "kl", "klokka", "inviter", "invitér", "inviterer", "invitere", "send", "sende", "sms",
    "e-post", "epost", "mail", "tlf", "telefon", "mobil", "emne", "tema", "ny", "nytt", "samt", "også",
    "invitasjon", "invitasjoner",
    "and", "invite", "invites", "inviting", "new", "subject", "email", "e-mail", "phone", "also", "plus",
    "-", "–", "—", "&", "+", ":", ",", ";", "/", "@",
})
# Small words dropped at a chunk's edge only beside an invitee, a template or a recurrence, or at the
# start or end of the sentence: beside the time they belong to the subject ("Fagmøte fredag 13-14
# i Tønsberg" is "Fagmøte i Tønsberg").
SMALL = frozenset({
    "med", "til", "for", "på", "i", "om", "fra", "frå", "en", "et", "ei", "ein", "eit", "opptil", "inntil",
    "with", "to", "in", "on", "at", "from", "a", "an", "about",
})
# Labels people type before a part ("Emne: Fagmøte", "Deltakere: kari@siv.no"), dropped with their colon.
LABELS = frozenset({"emne", "tema", "tittel", "tid", "tidspunkt", "dato", "når", "deltakere", "deltagere",
                    "mottakere", "gjester", "invitert", "inviterte", "subject", "title", "topic", "time", "when",
                    "date", "participants", "guests", "attendees", "invitees", "to", "cc", "sms", "e-post"})
# Words that say the time that follows is the first ("fra og med 1.12", "første gang 7.12").
_STARTS = (("fra", "og", "med"), ("frå", "og", "med"), ("første", "gang"), ("fyrste", "gong"),
           ("første", "gong"), ("starting", "from"), ("starting", "on"), ("first", "time"), ("starter",),
           ("start",), ("starting",), ("beginning",))
GENERIC = frozenset({"møte", "møtet", "et møte", "eit møte", "meeting", "a meeting", "the meeting",
                     "avtale", "en avtale", "ei avtale", "appointment", "an appointment", "videomøte"})
_QUOTED = re.compile(r'"([^"]+)"|«([^»]+)»|“([^”]+)”|„([^“”]+)[“”]|‘([^’]+)’|(?<!\w)\'([^\']+)\'(?!\w)')


def quoted(text: Text) -> list[tuple[str, str]]:
    """Claim every quoted stretch: (the text inside the quotes, stripped; the whole as typed)."""
    found = []
    for m in _QUOTED.finditer(text.free_view()):
        inner = next(g for g in m.groups() if g is not None).strip()
        text.claim(m.start(), m.end())
        if inner:
            found.append((inner, m[0]))
    return found


def _trim(text: Text, chunk: list[Word]) -> list[Word]:
    def drop(word: Word, beside: int) -> bool:
        return (not word.bare or word.bare in FILLERS or (word.bare in SMALL and beside != TIME)
                or (word.raw.endswith(":") and word.bare in LABELS))

    lo, hi = 0, len(chunk)
    if text.neighbour(chunk[-1].end, 1) == TIME:
        tail = [w.bare for w in chunk]
        for words in _STARTS:      # "fra og med 1.12", "første gang 7.12": the start of the time
            if tail[-len(words):] == list(words):
                hi -= len(words)
                break
    while lo < hi and drop(chunk[lo], text.neighbour(chunk[lo].start - 1, -1) if lo == 0 else 0):
        lo += 1
    while hi > lo and drop(chunk[hi - 1], text.neighbour(chunk[hi - 1].end, 1) if hi == len(chunk) else 0):
        hi -= 1
    return chunk[lo:hi]


def _words(text: Text, chunk: list[Word]) -> str:
    """The chunk as typed, without punctuation hanging at its two ends."""
    s = text.span(chunk)
    return s.strip(EDGE_PUNCT.replace("(", "").replace(")", "") + " ").strip()


def pieces(text: Text) -> list[str]:
    """The leftover chunks, fillers trimmed, "meeting" alone dropped if anything else is left."""
    chunks = [c for c in (_trim(text, c) for c in text.chunks()) if c]
    out = [_words(text, c) for c in chunks]
    out = [s for s in out if s]
    meaningful = [s for s in out if s.lower() not in GENERIC]
    return meaningful if meaningful else []


def subject_from(text: Text) -> str | None:
    """The subject from the free text, or None."""
    return " ".join(pieces(text)) or None
