"""Compact read-only tables for the gazetteer: the same values in a fraction of the memory.

Every coding process holds the gazetteer (240,000 places, 700,000 names), and a run with N
worker processes holds it N + 1 times. As Python objects it took ~190 MB a process: a tuple
and its floats, int and string per place, and a one-id tuple per name. Here:

- :class:`Rows`: the places' fields column by column (names as one UTF-8 blob with offsets,
  numbers in ``array``s, repeated strings as codes into a list of the distinct ones);
  ``rows[i]`` builds the same plain tuple the list held (and keeps the last
  ``defaults.GAZETTEER_ROW_MEMO`` built: a story asks for the same few places again and again).
- :class:`Postings`: name -> ids, where a name with one id (nine in ten) keeps a bare int
  instead of a tuple; ``get`` hands back the same tuple of ids as before.

Both pickle as they are (arrays pickle as bytes: the cache loads faster too).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

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

    def __init__(self, rows: Iterable[Sequence[Any]], memo: int = defaults.GAZETTEER_ROW_MEMO) -> None:
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
    if all(type(v) is float for v in present):
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
        return _TEXT, (bytes(blob), ends)
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
    """A read-only name -> ids table (``dict[str, tuple[int, ...]]`` in its behaviour): one id
    is kept as a bare int, more as a tuple; ``get`` and ``[]`` give a tuple either way."""

    __slots__ = ("_d",)

    def __init__(self, table: dict[str, tuple[int, ...]] | dict[str, list[int]] | Postings) -> None:
        if isinstance(table, Postings):
            self._d: dict[str, int | tuple[int, ...]] = table._d
        else:
            self._d = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in table.items()}

    def get(self, key: str, default: tuple[int, ...] = ()) -> tuple[int, ...]:
        v = self._d.get(key)
        if v is None:
            return default
        return (v,) if type(v) is int else v  # type: ignore[return-value]

    def __getitem__(self, key: str) -> tuple[int, ...]:
        v = self._d[key]
        return (v,) if type(v) is int else v  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return key in self._d

    def __len__(self) -> int:
        return len(self._d)

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def keys(self) -> Iterable[str]:
        return self._d.keys()

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for k in self._d:
            yield k, self[k]

    def __getstate__(self) -> dict[str, int | tuple[int, ...]]:
        return self._d

    def __setstate__(self, state: dict[str, int | tuple[int, ...]]) -> None:
        self._d = state
