"""Dotted paths into a scenario document, as used by levers and uncertain parameters."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["PathError", "get_path", "item_key", "set_path"]


class PathError(LookupError):
    """A path does not name a field of the document (message says which part failed)."""


def item_key(item: Any) -> str | None:
    """The name of a list item in paths: its ``id``, or for policies its ``actor``."""
    if isinstance(item, Mapping):
        for key in ("id", "actor"):
            value = item.get(key)
            if isinstance(value, str):
                return value
    return None


def _step(node: Any, token: str, walked: str) -> tuple[Any, Any]:
    """Return ``(container, key)`` for one path token below ``node``."""
    if isinstance(node, Mapping):
        if token not in node:
            options = ", ".join(sorted(map(str, node))) or "none"
            raise PathError(
                f"{walked or 'the scenario'} has no field {token!r} (fields: {options})"
            )
        return node, token
    if isinstance(node, list):
        keys = [item_key(item) for item in node]
        if token in keys:
            return node, keys.index(token)
        if token.isdigit() and int(token) < len(node) and all(k is None for k in keys):
            return node, int(token)
        named = ", ".join(k for k in keys if k) or f"indices 0..{len(node) - 1}"
        raise PathError(f"{walked} has no item {token!r} (items: {named})")
    raise PathError(f"{walked} is a value, not a record; cannot descend into {token!r}")


def get_path(document: Mapping[str, Any], path: str) -> Any:
    """Return the value at ``path`` (e.g. ``actors.NMR.resolve``) in ``document``."""
    node: Any = document
    walked = ""
    for token in path.split("."):
        container, key = _step(node, token, walked)
        node = container[key]
        walked = f"{walked}.{token}" if walked else token
    return node


def set_path(document: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Return a deep copy of ``document`` with ``path`` set to ``value``.

    Only existing fields can be set: a typo must fail, not add a field that no model
    reads.
    """
    result: dict[str, Any] = copy.deepcopy(dict(document))
    tokens = path.split(".")
    node: Any = result
    walked = ""
    for token in tokens[:-1]:
        container, key = _step(node, token, walked)
        node = container[key]
        walked = f"{walked}.{token}" if walked else token
    last = tokens[-1]
    container, key = _step(node, last, walked)
    container[key] = value
    return result
