"""Compact read-only tables for the gazetteer: the same values in a fraction of the memory.

Every coding process holds the gazetteer (240,000 places, 700,000 names), and a run with N
worker processes holds it N + 1 times. As Python objects it took ~190 MB a process: a tuple
and its floats, int and string per place, and a string and a tuple of ids per name. Here:

- :class:`Rows`: the places' fields column by column (names as one UTF-8 blob with offsets,
  numbers in ``array``s, repeated strings as codes into a list of the distinct ones);
  ``rows[i]`` builds the same plain tuple the list held.
- :class:`Postings`: name -> ids as flat arrays with a hash table over them; ``get`` hands
  back the same tuple of ids as the dict did.

Both keep the last ``defaults.GAZETTEER_MEMO`` rows and lookups they built: a run asks for the
same few places again and again.

Both pickle as they are (arrays pickle as bytes: the cache loads faster too).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload
from zlib import crc32

from sitrep import defaults

_NONE_INT = -(2**63)  # an int column's stand-in for None
_TEXT, _CODE, _FLOAT, _INT, _ANY = "text", "code", "float", "int", "any"


class Rows(Sequence[tuple[Any, ...]]):
    """Equal-length tuples stored column by column; ``rows[i]`` is the tuple as given.

    A column is stored by what all its values are: floats (or None) as doubles with NaN for
    None; ints (or None) as 64-bit ints; strings with few distinct values (or None) as codes;
    other strings as one UTF-8 blob; anything else stays a list. Values come back equal and of
    the same type (a float column never turns an int into a float)."""

    __slots__ = ("_n", "_kinds", "_cols", "_getters", "_memo", "_memo_max")

    def __init__(self, rows: Iterable[Sequence[Any]], memo: int = defaults.GAZETTEER_MEMO) -> None:
        self._memo: dict[int, tuple[Any, ...]] = {}
        self._memo_max = memo
        data = [tuple(r) for r in rows]
        self._n = len(data)
        width = len(data[0]) if data else 0
        if any(len(r) != width for r in data):
            raise ValueError("rows of different lengths")
        self._kinds: list[str] = []
        self._cols: list[Any] = []
        for k in range(width):
            kind, col = _column([r[k] for r in data])
            self._kinds.append(kind)
            self._cols.append(col)
        self._getters = [_getter(kind, col) for kind, col in zip(self._kinds, self._cols, strict=True)]

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[Any, ...]]: ...

    def __getitem__(self, i: int | slice) -> tuple[Any, ...] | list[tuple[Any, ...]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        hit = self._memo.get(i)
        if hit is not None:
            return hit
        if i < 0:
            return self[i + self._n]
        if not 0 <= i < self._n:
            raise IndexError("row index out of range")
        row = tuple([get(i) for get in self._getters])
        if len(self._memo) >= self._memo_max:
            self._memo.clear()
        self._memo[i] = row
        return row

    def field(self, i: int, k: int) -> Any:
        """``rows[i][k]``, read from its column alone (no tuple of the whole row built)."""
        hit = self._memo.get(i)
        if hit is not None:
            return hit[k]
        if not 0 <= i < self._n:
            return self[i][k]  # (a negative index, or the error)
        return self._getters[k](i)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for i in range(self._n):
            yield self[i]

    def __getstate__(self) -> tuple[int, list[str], list[Any], int]:
        return self._n, self._kinds, self._cols, self._memo_max

    def __setstate__(self, state: tuple[int, list[str], list[Any], int]) -> None:
        self._n, self._kinds, self._cols, self._memo_max = state
        self._memo = {}
        self._getters = [_getter(kind, col) for kind, col in zip(self._kinds, self._cols, strict=True)]


def _column(values: list[Any]) -> tuple[str, Any]:
    present = [v for v in values if v is not None]
    if all(type(v) is float and v == v for v in present):  # (a NaN given stays a NaN: a list)
        return _FLOAT, array("d", (math.nan if v is None else v for v in values))
    if all(type(v) is int and v != _NONE_INT and -(2**63) <= v < 2**63 for v in present):
        return _INT, array("q", (_NONE_INT if v is None else v for v in values))
    if all(type(v) is str for v in present):
        distinct = list(dict.fromkeys(values))
        if len(distinct) < 2**16:  # None is one of the codes
            code = {v: c for c, v in enumerate(distinct)}
            return _CODE, (distinct, array("H", (code[v] for v in values)))
        if not present or len(present) < len(values):
            return _ANY, values
        blob = bytearray()
        ends = array("Q")
        for v in values:
            blob += v.encode("utf-8", "surrogatepass")
            ends.append(len(blob))
        return _TEXT, (bytes(blob), _narrow(ends, "I"))
    return _ANY, values


def _getter(kind: str, col: Any) -> Callable[[int], Any]:
    """The function that reads row ``i``'s value of a column."""
    if kind == _CODE:
        distinct, codes = col
        return lambda i: distinct[codes[i]]
    if kind == _FLOAT:
        def real(i: int) -> float | None:
            v: float = col[i]
            return None if v != v else v  # NaN stands for None
        return real
    if kind == _INT:
        def integer(i: int) -> int | None:
            v: int = col[i]
            return None if v == _NONE_INT else v
        return integer
    if kind == _TEXT:
        blob, ends = col

        def text(i: int) -> str:
            return blob[ends[i - 1] if i else 0:ends[i]].decode("utf-8", "surrogatepass")
        return text
    return col.__getitem__  # type: ignore[no-any-return]


class Postings:
    """A read-only name -> ids table (``dict[str, tuple[int, ...]]`` in its behaviour) in flat
    arrays: the names as one UTF-8 blob, their ids one after another, and an open-addressing
    hash table (CRC-32 of the name, linear probing, at most half full) of name numbers. A
    lookup costs under a microsecond; 700,000 names take ~25 MB instead of ~115 MB as a dict
    of strings and tuples."""

    __slots__ = ("_blob", "_ends", "_starts", "_ids", "_slots", "_mask", "_memo", "_memo_max")

    def __init__(self, table: Mapping[str, Sequence[int]] | Postings, memo: int = defaults.GAZETTEER_MEMO) -> None:
        self._memo: dict[str, tuple[int, ...] | None] = {}  # the last names asked for (None: not there)
        self._memo_max = memo
        if isinstance(table, Postings):
            self._blob, self._ends, self._starts, self._ids, self._slots, self._mask = table.__getstate__()
            return
        blob = bytearray()
        ends, starts, ids = array("Q"), array("Q", [0]), array("q")
        size = 8
        while size < 2 * len(table):
            size *= 2
        slots, mask = array("q", [-1]) * size, size - 1
        for k, (key, values) in enumerate(table.items()):
            b = key.encode("utf-8", "surrogatepass")
            blob += b
            ends.append(len(blob))
            ids.extend(values)
            starts.append(len(ids))
            at = crc32(b) & mask
            while slots[at] >= 0:
                at = (at + 1) & mask
            slots[at] = k
        self._blob, self._ends, self._starts = bytes(blob), _narrow(ends, "I"), _narrow(starts, "I")
        self._ids, self._slots, self._mask = _narrow(ids, "i"), _narrow(slots, "i"), mask

    def _find(self, key: str) -> int:
        """The name's number, or -1."""
        b = key.encode("utf-8", "surrogatepass")
        at = crc32(b) & self._mask
        slots, ends, blob = self._slots, self._ends, self._blob
        while True:
            k = slots[at]
            if k < 0 or blob[ends[k - 1] if k else 0:ends[k]] == b:
                return k
            at = (at + 1) & self._mask

    def get(self, key: str, default: tuple[int, ...] = ()) -> tuple[int, ...]:
        try:
            hit = self._memo[key]
        except KeyError:
            k = self._find(key)
            hit = None if k < 0 else tuple(self._ids[self._starts[k]:self._starts[k + 1]])
            if len(self._memo) >= self._memo_max:
                self._memo.clear()
            self._memo[key] = hit
        return default if hit is None else hit

    def __getitem__(self, key: str) -> tuple[int, ...]:
        k = self._find(key)
        if k < 0:
            raise KeyError(key)
        return tuple(self._ids[self._starts[k]:self._starts[k + 1]])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self._ends:
            yield self._blob[start:end].decode("utf-8", "surrogatepass")
            start = end

    def keys(self) -> Iterator[str]:
        return iter(self)

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for k, key in enumerate(self):
            yield key, tuple(self._ids[self._starts[k]:self._starts[k + 1]])

    def __getstate__(self) -> tuple[bytes, array[int], array[int], array[int], array[int], int]:
        return self._blob, self._ends, self._starts, self._ids, self._slots, self._mask

    def __setstate__(self, state: tuple[bytes, array[int], array[int], array[int], array[int], int]) -> None:
        self._blob, self._ends, self._starts, self._ids, self._slots, self._mask = state
        self._memo, self._memo_max = {}, defaults.GAZETTEER_MEMO


def _narrow(numbers: array[int], code: str) -> array[int]:
    """The array in 4-byte items (``code``) when every number fits them."""
    signed = code.islower()
    limit = 2 ** (8 * array(code).itemsize - signed)
    if not numbers or (max(numbers) < limit and min(numbers) >= (-limit if signed else 0)):
        return array(code, numbers.tolist())
    return numbers
