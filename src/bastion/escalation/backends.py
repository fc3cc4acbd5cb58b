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


@dataclass(frozen=True)
class _JaxKey:
    """JAX's random state: a seed for ``jax.random.key`` (the kernel splits it per step)."""

    seed: int


def _jax() -> Backend:
    jax = import_optional("jax", extra="jax", purpose="the JAX backend")
    jnp = jax.numpy

    def stream(seed: SeedRecord) -> Any:
        return _JaxKey(int(seed.seed_sequence.generate_state(1, dtype=np.uint32)[0]) >> 1)

    compiled: dict[tuple[int, int, int], tuple[Any, Any]] = {}

    def scan(step: Any, key: _JaxKey, horizon: int) -> dict[str, Any]:
        """The whole time loop as one ``jax.lax.scan``, compiled once per scenario and size."""
        p, r = step.p, step.r
        cache_key = (id(p), r, horizon)
        if cache_key in compiled and compiled[cache_key][0] is p:
            return compiled[cache_key][1](key.seed)  # type: ignore[no-any-return]
        width = 3 * p.n_players + len(p.actor_ids)

        def run(seed: Any) -> dict[str, Any]:
            setup_key, steps_key = jax.random.split(jax.random.key(seed))
            setup = jax.random.uniform(setup_key, (r, p.n_players + len(p.alliance_ids)))
            keys = jax.random.split(steps_key, horizon)

            def body(state: dict[str, Any], xs: Any) -> tuple[dict[str, Any], None]:
                t, k = xs
                return step(state, jax.random.uniform(k, (r, width)), t), None

            ts = jnp.arange(horizon, dtype=jnp.int32)
            final, _ = jax.lax.scan(body, step.initial(setup), (ts, keys))
            return final  # type: ignore[no-any-return]

        if len(compiled) >= 8:
            compiled.clear()
        fn = jax.jit(run)
        compiled[cache_key] = (p, fn)  # keeps p alive, so its id stays unique
        return fn(key.seed)  # type: ignore[no-any-return]

    return Backend(
        "jax",
        jnp,
        jax.devices()[0],
        stream,
        np.asarray,
        lambda x, n: jnp.bincount(x, length=n).astype(jnp.int32),
        scan,
    )


BACKENDS: dict[str, Callable[[], Backend]] = {
    "numpy": _numpy,
    "torch": _torch,
    "cupy": _cupy,
    "jax": _jax,
}


def get_backend(name: str) -> Backend:
    """The backend called ``name`` (``numpy``, ``torch``, ``cupy`` or ``jax``)."""
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise ParameterError(
            f"unknown backend {name!r}; expected one of: {', '.join(BACKENDS)}"
        ) from None
    return factory()
