"""Who is linked to a job family, without reading every person: the rows of the people
per ROME family they wish or have worked in (an inverted index, built in one sort).

Rows changed since the index was built are kept aside (`touch`) and always looked at:
the ranking checks each row it is given against the arrays themselves, so an outdated
entry only costs a check, and a new wish is never missed."""

import numpy as np


class FamilyIndex:
    def __init__(self, wish_family: np.ndarray, past_family: np.ndarray, families: int):
        linked = np.concatenate([wish_family, past_family], axis=1)
        flat = linked.ravel()
        positions = np.flatnonzero(flat >= 0)
        family = flat[positions]
        order = np.argsort(family, kind="stable")  # a radix sort on 16-bit codes
        self._rows = (positions[order] // linked.shape[1]).astype(np.int64)
        self._starts = np.searchsorted(family[order], np.arange(families + 1))
        self.size = len(wish_family)
        self.dirty: set[int] = set()

    @property
    def nbytes(self) -> int:
        return self._rows.nbytes + self._starts.nbytes

    def touch(self, rows) -> None:
        self.dirty.update(int(r) for r in rows)

    def rows_for(self, families, size: int) -> np.ndarray:
        """Rows (in order, each once) that may wish or have worked in `families`, among
        the first `size` rows (the arrays may have grown since)."""
        seen = np.zeros(size, dtype=bool)
        for family in families:
            seen[self._rows[self._starts[family] : self._starts[family + 1]]] = True
        if self.dirty:
            seen[[r for r in self.dirty if r < size]] = True
        seen[self.size :] = True  # rows added since the build
        return np.flatnonzero(seen)
