"""Array backends for the escalation kernel: namespace, device and random numbers.

The kernel is written once against the Python array API standard; a backend supplies
the namespace (through array-api-compat), the device and a random-number adapter that
turns a :class:`~bastion.compute.SeedRecord` into a stream of uniform floats. Backends
are found by name; a missing package says which extra installs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion._optional import import_optional
from bastion.compute import SeedRecord
from bastion.errors import ParameterError

__all__ = ["BACKENDS", "Backend", "get_backend"]


@dataclass
class Backend:
    """One array library as the kernel sees it."""

    name: str
    xp: Any
    device: Any
    make_stream: Callable[[SeedRecord], Callable[[tuple[int, ...]], Any]]
    to_numpy: Callable[[Any], np.ndarray[Any, Any]]
    bincount: Callable[[Any, int], Any]
    scan: Callable[[Any, Any, int], dict[str, Any]] | None = None

    def asarray(self, value: Any, dtype: Any) -> Any:
        """``value`` (NumPy) on this backend's device with ``dtype``."""
        return self.xp.asarray(np.asarray(value), dtype=dtype, device=self.device)


def _numpy() -> Backend:
    from array_api_compat import numpy as xp

    def stream(seed: SeedRecord) -> Callable[[tuple[int, ...]], Any]:
        rng = seed.generator()
        return lambda shape: rng.random(shape, dtype=np.float32)

    return Backend(
        "numpy",
        xp,
        "cpu",
        stream,
        np.asarray,
        lambda x, n: np.bincount(x, minlength=n).astype(np.int32),
    )


def _torch_seed(seed: SeedRecord) -> int:
    return int(seed.seed_sequence.generate_state(1, dtype=np.uint64)[0] & ((1 << 63) - 1))


def _torch() -> Backend:
    torch = import_optional("torch", extra="torch", purpose="the PyTorch backend")
    compat = import_optional("array_api_compat.torch", extra="torch", purpose="the PyTorch backend")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def stream(seed: SeedRecord) -> Callable[[tuple[int, ...]], Any]:
        gen = torch.Generator(device=device)
        gen.manual_seed(_torch_seed(seed))
        return lambda shape: torch.rand(shape, generator=gen, device=device, dtype=torch.float32)

    return Backend(
        "torch",
        compat,
        device,
        stream,
        lambda x: x.detach().cpu().numpy(),
        lambda x, n: torch.bincount(x, minlength=n).to(torch.int32),
    )


def _cupy() -> Backend:
    cupy = import_optional("cupy", extra="gpu", purpose="the CuPy backend")
    compat = import_optional("array_api_compat.cupy", extra="gpu", purpose="the CuPy backend")

    def stream(seed: SeedRecord) -> Callable[[tuple[int, ...]], Any]:
        rng = cupy.random.default_rng(int(seed.seed_sequence.generate_state(1)[0]))
        return lambda shape: rng.random(shape, dtype=cupy.float32)

    return Backend(
        "cupy",
        compat,
        cupy.cuda.Device(),
        stream,
        cupy.asnumpy,
        lambda x, n: cupy.bincount(x, minlength=n).astype(cupy.int32),
    )


BACKENDS: dict[str, Callable[[], Backend]] = {"numpy": _numpy, "torch": _torch, "cupy": _cupy}


def get_backend(name: str) -> Backend:
    """The backend called ``name`` (``numpy``, ``torch`` or ``cupy``)."""
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise ParameterError(
            f"unknown backend {name!r}; expected one of: {', '.join(BACKENDS)}"
        ) from None
    return factory()
