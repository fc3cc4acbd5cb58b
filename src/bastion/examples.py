"""The example scenarios shipped with Bastion (all fictional)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bastion.errors import ParameterError

__all__ = ["example_names", "example_path"]


def _folder() -> Path:
    packaged = Path(str(resources.files("bastion"))) / "_examples"
    if packaged.is_dir():  # installed from a wheel
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "examples"
    if source_tree.is_dir():  # editable install from a clone
        return source_tree
    raise ParameterError("the example scenarios are missing from this installation of bastion")


def example_names() -> list[str]:
    """Names of the shipped example scenarios."""
    return sorted(p.stem for p in _folder().glob("*.yaml"))


def example_path(name: str = "northmarch") -> Path:
    """Path of the shipped example scenario ``name`` (read-only: copy it to edit)."""
    path = _folder() / f"{name}.yaml"
    if not path.is_file():
        raise ParameterError(
            f"no example scenario {name!r}; examples: {', '.join(example_names())}"
        )
    return path
