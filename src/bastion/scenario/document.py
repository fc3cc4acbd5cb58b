"""Read YAML or JSON documents while keeping the line and column of every value.

Validation messages must point at the exact place in the user's file, so instead of
``yaml.safe_load`` the document is composed into nodes (which carry marks) and built
by hand. The loader is PyYAML's ``SafeLoader`` (no arbitrary Python objects) with the
YAML 1.2 core schema's scalar rules instead of YAML 1.1's surprises: ``NO`` (Norway's
ISO code), ``yes`` and ``off`` stay strings, ``010`` is ten, ``1:30`` is a string, and
``1e-3`` is a number. Duplicate keys are errors instead of silently keeping the last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bastion.errors import DataFormatError, Issue

__all__ = ["Document", "Loc", "format_loc", "parse_document", "read_document"]

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if built


class _CoreSchemaLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader with the YAML 1.2 core schema's booleans, integers and floats."""


_CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CoreSchemaLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreSchemaLoader.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_CoreSchemaLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


_CoreSchemaLoader.add_constructor(_INT, _construct_int)
_CoreSchemaLoader.add_constructor(_FLOAT, _construct_float)


def format_loc(loc: Loc) -> str:
    """``('actors', 1, 'resolve')`` -> ``actors[1].resolve``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "<document>"


@dataclass
class Document:
    """A parsed document with the position of each value and key.

    Attributes
    ----------
    data
        The plain Python data (dicts, lists, str, int, float, bool, None).
    file
        The file name used in messages.
    values, keys
        1-based ``(line, column)`` of each value and of each mapping key, by location.
    """

    data: Any
    file: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """Position of ``loc`` (of its key if ``key``), or of its nearest located parent."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while True:
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return None
            loc = loc[:-1]

    def issue(
        self, loc: Sequence[str | int], message: str, *, value: Any = ..., key: bool = False
    ) -> Issue:
        """An :class:`~bastion.errors.Issue` located at ``loc`` in this document."""
        pos = self.position(loc, key=key)
        return Issue(
            message,
            file=self.file,
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
            path=format_loc(tuple(loc)),
            value=None if value is ... else repr(value),
        )


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(
    loader: _CoreSchemaLoader, node: yaml.Node, loc: Loc, doc: Document, issues: list[Issue]
) -> Any:
    doc.values[loc] = _mark(node)
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"unsupported tag {node.tag!r}: only plain data is accepted",
            node.start_mark,
        )
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line, col = _mark(key_node)
            if not isinstance(key, str):
                message = f"keys must be text; got the {type(key).__name__} {key!r} (quote it)"
                issues.append(Issue(message, doc.file, line, col, format_loc(loc)))
                key = str(key)
            child = (*loc, key)
            if key in result:
                first = doc.keys[child][0]
                message = (
                    f"duplicate key {key!r} (first given on line {first}); keys may appear once"
                )
                issues.append(Issue(message, doc.file, line, col, format_loc(child)))
                continue
            doc.keys[child] = _mark(key_node)
            result[key] = _build(loader, value_node, child, doc, issues)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*loc, index), doc, issues)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def parse_document(text: str, file: str, *, kind: str = "yaml") -> tuple[Document, list[Issue]]:
    """Parse YAML or JSON ``text``; return the document and any structural issues.

    Raises
    ------
    DataFormatError
        When the text is not well-formed YAML/JSON (with line and column).
    """
    issues: list[Issue] = []
    if kind == "json":
        try:  # JSON is stricter than YAML's flow style: check its syntax first
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFormatError(
                Issue(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno)
            ) from None
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
        doc = Document(None, file)
        if node is not None:
            doc.data = _build(loader, node, (), doc, issues)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataFormatError(
            Issue(
                f"not valid {kind.upper()}: {exc.problem or exc.context}",
                file=file,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ) from None
    except yaml.YAMLError as exc:
        raise DataFormatError(Issue(f"not valid {kind.upper()}: {exc}", file=file)) from None
    finally:
        loader.dispose()
    return doc, issues


def read_document(path: str | Path) -> tuple[Document, list[Issue]]:
    """Read a ``.yaml``/``.yml`` or ``.json`` file with positions (see :func:`parse_document`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise DataFormatError(
            Issue(
                f"unsupported file type {suffix or '(none)'!r}; expected .yaml, .yml or .json",
                file=str(path),
            )
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            Issue(f"not UTF-8 text (byte {exc.start}: {exc.reason})", file=str(path))
        ) from None
    except OSError as exc:
        raise DataFormatError(
            Issue(f"cannot read the file: {exc.strerror}", file=str(path))
        ) from None
    return parse_document(text, str(path), kind="json" if suffix == ".json" else "yaml")
