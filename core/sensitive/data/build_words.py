"""Build ``words_nb.txt`` and ``words_en.txt`` for :mod:`core.sensitive.lexicon` (run by hand).

Usage (in a throw-away environment; nothing here is a runtime dependency)::

    pip download --no-deps -d /tmp/w spacy-lookups-data==1.0.5
    apt-get install scowl            # Debian: SCOWL English word lists
    python -m core.sensitive.data.build_words /tmp/w/spacy_lookups_data-1.0.5-py2.py3-none-any.whl \\
        /usr/share/dict/scowl

Sources and licences:

* Norwegian: ``spacy_lookups_data/data/nb_lemma_exc.json.gz`` and ``nb_lemma_lookup.json.gz``,
  whose word forms are extracted from *Norsk ordbank, bokmål 2005* (update 2018-06-27,
  Språkbanken, the National Library of Norway; University of Oslo and Språkrådet), licensed
  CC BY 4.0 (see ``nb_license.txt`` in that package). Only forms written in small letters are
  kept (the capitalised ones are proper nouns: people, places, and abbreviations), without
  spaces or hyphens, shorter than ``LONG_WORD`` letters (longer words are taken for words
  without a look-up); then every form that :func:`core.sensitive.lexicon.derivable` rebuilds from
  the shorter forms kept before it is dropped (changes made: selection and this compression).
* English: SCOWL (Kevin Atkinson), ``english-words.10`` and ``english-words.20`` (the commonest
  words), without words the Norwegian list already knows. Permissive licence (see
  ``/usr/share/doc/scowl/copyright``).
"""

from __future__ import annotations

import gzip
import json
import sys
import zipfile
from pathlib import Path

from core.sensitive.lexicon import LONG_WORD, Lexicon, derivable

HERE = Path(__file__).parent


def norwegian_forms(wheel: str) -> set[str]:
    forms: set[str] = set()
    with zipfile.ZipFile(wheel) as z:
        exc = json.load(gzip.open(z.open("spacy_lookups_data/data/nb_lemma_exc.json.gz")))
        lookup = json.load(gzip.open(z.open("spacy_lookups_data/data/nb_lemma_lookup.json.gz")))
    for table in exc.values():
        for form, lemmas in table.items():
            forms.add(form)
            forms.update(lemmas)
    forms.update(lookup)
    forms.update(lookup.values())
    return {f for f in forms if f and f.islower() and f.isalpha() and 2 <= len(f) < LONG_WORD}


def compress(forms: set[str]) -> set[str]:
    kept: set[str] = set()
    lex = Lexicon(kept)
    for f in sorted(forms, key=lambda w: (len(w), w)):
        if not derivable(f, lex):
            kept.add(f)
            lex._known.cache_clear()  # answers of "no" may change with each word kept
    return kept


def english(scowl_dir: str, nb: Lexicon) -> set[str]:
    out: set[str] = set()
    for level in ("10", "20"):
        for line in (Path(scowl_dir) / f"english-words.{level}").read_text(encoding="latin-1").splitlines():
            w = line.strip()
            if w and w.islower() and w.isalpha() and w.isascii() and len(w) >= 2 and not nb.known(w):
                out.add(w)
    return out


def main(wheel: str, scowl_dir: str) -> None:
    forms = norwegian_forms(wheel)
    kept = compress(forms)
    header = ("# Norwegian bokmål word forms (small letters) from Norsk ordbank, bokmål 2005 "
              "(Språkbanken, CC BY 4.0),\n# compressed: forms rebuilt by core.sensitive.lexicon's "
              "rules are left out. Made by build_words.py.\n")
    (HERE / "words_nb.txt").write_text(header + "\n".join(sorted(kept)) + "\n", encoding="utf-8")
    lex = Lexicon(frozenset(kept))
    en = english(scowl_dir, lex)
    header = ("# The commonest English words: SCOWL (Kevin Atkinson) english-words.10 and .20, "
              "less those the Norwegian list knows.\n# Made by build_words.py.\n")
    (HERE / "words_en.txt").write_text(header + "\n".join(sorted(en)) + "\n", encoding="utf-8")
    print(f"nb: {len(forms)} forms, {len(kept)} kept; en: {len(en)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
