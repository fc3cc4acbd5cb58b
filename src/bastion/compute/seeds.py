"""Normalise a seed once, record it, and replay it.

Every Bastion run accepts ``seed`` as an ``int``, ``None`` or a
:class:`numpy.random.Generator` (also a previously recorded :class:`SeedRecord`).
:func:`resolve_seed` turns any of them into a :class:`SeedRecord` whose
``entropy`` and ``spawn_key`` define a :class:`numpy.random.SeedSequence`. All random
streams of the run derive from that sequence, so storing the record (it is plain
JSON) is enough to replay the run bit for bit on the same backend.

Notes
-----
A ``Generator`` cannot tell which seed created it, and its future output depends on
its full state. To make runs seeded with a ``Generator`` replayable with the same
machinery as integer seeds, Bastion draws 128 bits of entropy from it once (advancing
it, as any consumer of a generator does) and records those bits. This follows the
practice of NumPy's ``SeedSequence`` design (NEP 19) and Mesa's ``Model`` seeding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from bastion.errors import ParameterError

__all__ = ["SeedLike", "SeedRecord", "resolve_seed"]

_SOURCES = ("int", "none", "generator", "record")


@dataclass(frozen=True)
class SeedRecord:
    """Everything needed to recreate a run's random streams.

    Attributes
    ----------
    entropy
        The root entropy of the :class:`numpy.random.SeedSequence` (a non-negative int).
    spawn_key
        The spawn key of the sequence (empty for a root sequence).
    source
        What the user passed: ``"int"``, ``"none"`` (fresh OS entropy), ``"generator"``
        or ``"record"`` (a replay).
    """

    entropy: int
    spawn_key: tuple[int, ...] = ()
    source: Literal["int", "none", "generator", "record"] = "int"

    def __post_init__(self) -> None:
        if self.entropy < 0:
            raise ParameterError(f"seed entropy must be a non-negative integer; got {self.entropy}")
        if self.source not in _SOURCES:
            raise ParameterError(f"seed source must be one of {_SOURCES}; got {self.source!r}")

    @property
    def seed_sequence(self) -> np.random.SeedSequence:
        """A fresh :class:`numpy.random.SeedSequence` for this record."""
        return np.random.SeedSequence(self.entropy, spawn_key=self.spawn_key)

    def generator(self) -> np.random.Generator:
        """A new PCG64 generator at the start of this record's stream."""
        return np.random.Generator(np.random.PCG64(self.seed_sequence))

    def spawn(self, n: int) -> list[SeedRecord]:
        """``n`` independent child records (for chunks, workers or replications).

        The ``i``-th child is the same whatever ``n`` is, so a chunked ensemble gives the
        same chunk ``i`` however many chunks are requested.
        """
        if n < 0:
            raise ParameterError(f"n must be a non-negative integer; got {n}")
        return [
            SeedRecord(self.entropy, (*self.spawn_key, i), source=self.source) for i in range(n)
        ]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (entropy as a decimal string: it may exceed 2**53)."""
        return {
            "entropy": str(self.entropy),
            "spawn_key": list(self.spawn_key),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SeedRecord:
        """Rebuild a record from :meth:`to_dict` output."""
        try:
            return cls(
                int(data["entropy"]),
                tuple(int(k) for k in data.get("spawn_key", ())),
                source=data.get("source", "record"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ParameterError(
                f"a seed record must look like {{'entropy': '123', 'spawn_key': []}}; got {data!r}"
            ) from exc


SeedLike = int | np.integer[Any] | np.random.Generator | SeedRecord | None
"""What every ``seed`` parameter in Bastion accepts."""


def resolve_seed(seed: SeedLike) -> SeedRecord:
    """Normalise ``seed`` into a replayable :class:`SeedRecord`.

    Parameters
    ----------
    seed
        ``int`` (>= 0): a fixed seed. ``None``: fresh entropy from the operating system,
        recorded so the run can be replayed. :class:`numpy.random.Generator`: 128 bits
        are drawn from it and recorded. :class:`SeedRecord`: returned as it is (replay).

    Returns
    -------
    SeedRecord

    Raises
    ------
    ParameterError
        For negative integers, booleans, floats or other types.

    Examples
    --------
    >>> rec = resolve_seed(42)
    >>> rec.generator().integers(100) == resolve_seed(42).generator().integers(100)
    np.True_
    >>> SeedRecord.from_dict(rec.to_dict()) == rec
    True
    """
    if isinstance(seed, SeedRecord):
        return seed
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        return SeedRecord(entropy, source="none")
    if isinstance(seed, np.random.Generator):
        hi, lo = (int(x) for x in seed.integers(0, 2**63, size=2, dtype=np.int64))
        return SeedRecord((hi << 63) | lo, source="generator")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ParameterError(
            "seed must be a non-negative int, None or a numpy.random.Generator; "
            f"got {seed!r} of type {type(seed).__name__}"
        )
    if seed < 0:
        raise ParameterError(f"seed must be a non-negative int; got {seed}")
    return SeedRecord(int(seed), source="int")
