"""Lazy import of optional dependencies with an actionable error message."""

from __future__ import annotations

import importlib
from types import ModuleType

from bastion.errors import MissingDependencyError

__all__ = ["import_optional"]


def import_optional(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise an error that says which extra installs it.

    Parameters
    ----------
    module
        Dotted module name, e.g. ``"cupy"``.
    extra
        The ``bastion`` extra that provides it, e.g. ``"gpu"``.
    purpose
        What the caller wanted to do, for the message ("the CuPy backend").

    Raises
    ------
    MissingDependencyError
        If the module cannot be imported.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{purpose} needs the optional package {module!r}, which is not installed "
            f"({exc}). Install it with: pip install 'bastion[{extra}]'"
        ) from exc
