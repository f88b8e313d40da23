"""An in-memory index of cached Posiflora customers: cards, phones and name words, sorted for
prefix search. Only hits are turned into customers, so 50,000 cached records stay fast."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from app.domain.customers import normalise_card, normalise_name, phone_digits

MIN_DIGITS = 3  # fewer digits match too many phones to be useful
MIN_EXACT_PHONE = 7  # shorter than any whole phone number


def _prefixed(keys: list[tuple[str, str]], prefix: str) -> Iterable[str]:
    """Ids whose key starts with ``prefix``, from a sorted (key, id) list."""
    position = bisect_left(keys, (prefix, ""))
    while position < len(keys) and keys[position][0].startswith(prefix):
        yield keys[position][1]
        position += 1


@dataclass
class CustomerIndex:
    """Cards, phones and name words of every cached customer, sorted for prefix search."""

    records: Mapping[str, Mapping[str, Any]]
    cards: list[tuple[str, str]] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Mapping[str, Mapping[str, Any]]) -> CustomerIndex:
        index = cls(records)
        for ident, record in records.items():
            attrs = record.get("attributes") or {}
            card = normalise_card(str(attrs.get("bonusCard") or ""))
            if card:
                index.cards.append((card, ident))
            national = phone_digits(str(attrs.get("phone") or ""))
            if national:
                index.phones.append((national, ident))
                code = str(attrs.get("countryCode") or "")
                if code:
                    index.phones.append((code + national, ident))
            name = normalise_name(str(attrs.get("title") or ""))
            index.names[ident] = name
            index.words.extend((word, ident) for word in set(name.split()))
        for keys in (index.cards, index.phones, index.words):
            keys.sort()
        return index

    def search(self, text: str, limit: int) -> tuple[list[str], str | None]:
        """Matching ids, best first, and the id of an exact card or phone match if unique."""
        found: dict[str, None] = {}
        card, digits = normalise_card(text), phone_digits(text)
        exact = [i for i in _prefixed(self.cards, card) if self._card(i) == card] if card else []
        if digits and len(digits) >= MIN_DIGITS and len(digits) * 2 >= len(card):
            if len(digits) >= MIN_EXACT_PHONE:
                exact += [i for i in _prefixed(self.phones, digits) if self._is_phone(i, digits)]
            found.update(dict.fromkeys(islice(_prefixed(self.cards, digits), limit)))
            found.update(dict.fromkeys(islice(_prefixed(self.phones, digits), limit)))
        tokens = normalise_name(text).split()
        if tokens and any(ch.isalpha() for ch in text):
            found.update(dict.fromkeys(self._by_name(tokens, limit)))
        ordered = list(dict.fromkeys([*exact, *found]))
        unique = set(exact)
        return ordered[:limit], (exact[0] if len(unique) == 1 else None)

    def _card(self, ident: str) -> str:
        return normalise_card(str((self.records[ident].get("attributes") or {}).get("bonusCard")))

    def _is_phone(self, ident: str, digits: str) -> bool:
        attrs = self.records[ident].get("attributes") or {}
        national = phone_digits(str(attrs.get("phone") or ""))
        return digits in (national, str(attrs.get("countryCode") or "") + national)

    def _by_name(self, tokens: list[str], limit: int) -> list[str]:
        """Names with a word starting with each token, in word order; stops at ``limit``."""
        rest, found = tokens[1:], []
        for ident in _prefixed(self.words, tokens[0]):
            if ident in found:  # two words of one name may share the prefix
                continue
            words = self.names[ident].split()
            if all(any(w.startswith(t) for w in words) for t in rest):
                found.append(ident)
                if len(found) >= limit:
                    break
        return found
