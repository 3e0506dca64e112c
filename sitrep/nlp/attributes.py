"""The small English pipeline's attribute ruler and lemmatizer, as one fast pass.

spaCy's ``attribute_ruler`` runs a Matcher with 179 token patterns over every
token (part of speech and morphology from the tag, a few word and dependency
exceptions) and the rule ``lemmatizer`` then sets each token's lemma from its
text, part of speech and morphology. Together they took about a quarter of
the parse time of a sentence. Here the same patterns and tables give the same
values: what the patterns decide for a token depends only on its tag, lower-case
form, dependency label and whether it is a space (and, for the few two-token
patterns, on its neighbour), so the outcome is computed once per such key and
then looked up; lemmas are cached per (form, part of speech, morphology), as
spaCy's own lemmatizer does. ``tests/test_parser.py`` checks the values are the
same as spaCy's on real news text.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

_Spec = tuple[tuple[str, str, Any], ...]  # (attribute, test, value)
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")


class UnsupportedPatterns(ValueError):
    """The pipeline's attribute patterns use a feature this pass does not read."""


def _compile_spec(spec: dict[str, Any]) -> _Spec:
    out: list[tuple[str, str, Any]] = []
    for attr, value in spec.items():
        if attr not in _FEATURES:
            raise UnsupportedPatterns(attr)
        if isinstance(value, dict):
            if len(value) != 1:
                raise UnsupportedPatterns(str(value))
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN"):
                out.append((attr, op, frozenset(arg)))
            elif op == "REGEX":
                out.append((attr, op, re.compile(arg)))
            else:
                raise UnsupportedPatterns(op)
        elif isinstance(value, (str, bool)):
            out.append((attr, "==", value))
        else:
            raise UnsupportedPatterns(repr(value))
    return tuple(out)


def _holds(spec: _Spec, feats: dict[str, Any]) -> bool:
    for attr, op, value in spec:
        have = feats[attr]
        if op == "==":
            if have != value:
                return False
        elif op == "IN":
            if have not in value:
                return False
        elif op == "NOT_IN":
            if have in value:
                return False
        elif value.search(have) is None:  # REGEX
            return False
    return True


def _features(tok: Token) -> dict[str, Any]:
    return {"TAG": tok.tag_, "LOWER": tok.lower_, "DEP": tok.dep_, "IS_SPACE": tok.is_space}


class RuleLemmas:
    """spaCy's rule lemmatizer (``Lemmatizer.rule_lemmatize``) with the same tables and steps,
    read into sets and dicts once: spaCy keeps each part of speech's index of known lemmas as
    a list (57,528 nouns), so its ``form in index`` test is a linear scan per suffix rule, and
    lemmatising a new word form cost about 70 microseconds (about 5% of a long article's coding
    time, as every worker process starts with an empty cache). ``is_base_form`` (which reads
    only the part of speech and the morphology) is asked once per such pair."""

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline.lemmatizer import Lemmatizer

        if type(lemmatizer).is_base_form not in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form):
            raise UnsupportedPatterns("lemmatizer base-form test")
        self.lemmatizer = lemmatizer
        self._index = lemmatizer.lookups.get_table("lemma_index", {})
        self._exc = lemmatizer.lookups.get_table("lemma_exc", {})
        self._rules = lemmatizer.lookups.get_table("lemma_rules", {})
        self._tables: dict[str, tuple[bool, frozenset[str], dict[str, list[str]], tuple[tuple[str, str], ...]]] = {}
        self._base: dict[tuple[int, int], bool] = {}

    def _for(self, univ_pos: str) -> tuple[bool, frozenset[str], dict[str, list[str]], tuple[tuple[str, str], ...]]:
        hit = self._tables.get(univ_pos)
        if hit is None:
            index, exc, rules = self._index.get(univ_pos), self._exc.get(univ_pos), self._rules.get(univ_pos)
            hit = self._tables[univ_pos] = (any((index, exc, rules)), frozenset(index or ()), dict(exc or {}),
                                            tuple((old, new) for old, new in (rules or ())))
        return hit

    def __call__(self, token: Token) -> str:
        """The first lemma spaCy's rule lemmatizer gives ``token``."""
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return str(self.lemmatizer.lemmatize(token)[0])  # spaCy's own answer (and warning)
        key = (token.pos, token.morph.key)  # type: ignore[attr-defined]
        base = self._base.get(key)
        if base is None:
            base = self._base[key] = bool(self.lemmatizer.is_base_form(token))
        string = token.text
        if base:
            return string.lower()
        known, index, exceptions, rules = self._for(univ_pos)
        if not known:
            return string if univ_pos == "propn" else string.lower()
        orig, string = string, string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        return forms[0] if forms else orig


class FastAttributes:
    """Callable on a Doc that has tags and a parse: sets what ``attribute_ruler`` and
    ``lemmatizer`` would. Raises UnsupportedPatterns at construction when the
    pipeline's patterns use anything else (the caller then keeps spaCy's components)."""

    def __init__(self, nlp: Language) -> None:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        if getattr(self.lemmatizer, "overwrite", False) or getattr(self.lemmatizer, "mode", "rule") != "rule":
            raise UnsupportedPatterns("lemmatizer mode")
        self.strings = nlp.vocab.strings
        self.rule_lemmas = RuleLemmas(self.lemmatizer)
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)  # normalised, as the ruler applies them
        self.singles: list[tuple[int, _Spec]] = []  # (rule, spec) of one-token patterns
        self.pairs: list[tuple[int, _Spec, _Spec, int]] = []  # (rule, first, second, target index)
        for rule, (pattern, index) in enumerate(zip(ruler.patterns, ruler.indices, strict=True)):
            for alt in pattern["patterns"]:
                if len(alt) == 1 and index in (0, -1):
                    self.singles.append((rule, _compile_spec(alt[0])))
                elif len(alt) == 2 and index in (0, 1, -1, -2):
                    self.pairs.append((rule, _compile_spec(alt[0]), _compile_spec(alt[1]), index % 2))
                else:
                    raise UnsupportedPatterns(f"pattern of {len(alt)} tokens, index {index}")
        # lower-case forms a pattern names; any other form is one class (0) unless a regex takes it
        self._literal_lower = {nlp.vocab.strings.add(v) for spec in self._specs() for attr, op, value in spec
                               if attr == "LOWER" for v in ([value] if op == "==" else value if op == "IN" else [])}
        self._lower_regexes = [value for spec in self._specs() for attr, op, value in spec
                               if attr == "LOWER" and op == "REGEX"]
        self._lower_class: dict[int, int] = {}
        # token key -> (rules of one-token patterns that match, pairs whose first token matches)
        self._by_key: dict[tuple[int, int, int, bool], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._second: dict[tuple[int, tuple[int, int, int, bool]], bool] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _specs(self) -> list[_Spec]:
        return [spec for _, spec in self.singles] + [x for _, a, b, _ in self.pairs for x in (a, b)]

    def _key(self, tok: Token) -> tuple[int, int, int, bool]:
        """What the patterns can tell apart: tag, dependency, space, and the lower-case
        form only when some pattern names it (or a regex pattern matches it)."""
        lower = tok.lower
        cls = self._lower_class.get(lower)
        if cls is None:
            named = lower in self._literal_lower or any(rx.search(tok.lower_) is not None for rx in self._lower_regexes)
            cls = self._lower_class[lower] = lower if named else 0
        return (tok.tag, cls, tok.dep, tok.is_space)

    def _lookup(self, tok: Token, key: tuple[int, int, int, bool]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        hit = self._by_key.get(key)
        if hit is None:
            feats = _features(tok)
            hit = self._by_key[key] = (
                tuple(rule for rule, spec in self.singles if _holds(spec, feats)),
                tuple(k for k, (_, first, _, _) in enumerate(self.pairs) if _holds(first, feats)),
            )
        return hit

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        toks = list(doc)
        keys = [self._key(t) for t in toks]
        rules: list[list[int]] = [[] for _ in range(n)]
        for i, tok in enumerate(toks):
            singles, pair_starts = self._lookup(tok, keys[i])
            rules[i].extend(singles)
            if pair_starts and i + 1 < n:
                for k in pair_starts:
                    rule, _, second, target = self.pairs[k]
                    seen = self._second.get((k, keys[i + 1]))
                    if seen is None:
                        seen = self._second[(k, keys[i + 1])] = _holds(second, _features(toks[i + 1]))
                    if seen:
                        rules[i + target].append(rule)
        for i, tok in enumerate(toks):
            applied = rules[i]
            if applied:
                order = tuple(sorted(applied))  # later rules win, as in AttributeRuler
                merged = self._merged.get(order)
                if merged is None:
                    merged = {}
                    for rule in order:
                        merged.update(self.attrs[rule])
                    self._merged[order] = merged
                set_token_attrs(tok, merged)
        lemmatize = self.rule_lemmas
        for tok in toks:
            if tok.lemma != 0:
                continue  # set by a pattern
            lkey = (tok.orth, tok.pos, tok.morph.key)  # type: ignore[attr-defined]
            lemma = self._lemmas.get(lkey)
            if lemma is None:
                lemma = self._lemmas[lkey] = self.strings.add(lemmatize(tok))
            tok.lemma = lemma
        return doc
