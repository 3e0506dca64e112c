"""Cheap decision of which sentences can hold an event.

Reads: raw sentence text. Adds: yes/no. Most sentences of general news hold
no trigger word at all; they are never parsed. The vocabulary is every
surface form of every lexicon lemma (see ``Lexicon.word_forms``), so the
filter can only lose a sentence whose trigger is spelled in a form the
inflector does not generate.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][a-z]*(?:-[a-z]+)?")


class Prefilter:
    def __init__(self, forms: frozenset[str]) -> None:
        self.forms = forms

    def __call__(self, sentence: str) -> bool:
        forms = self.forms
        for m in _WORD.finditer(sentence):
            w = m.group().lower()
            if w in forms:
                return True
            if "-" in w and any(p in forms for p in w.split("-")):
                return True
        return False
