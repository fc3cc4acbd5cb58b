"""Load and validate scenario files, reporting every problem at once."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bastion._files import file_sha256
from bastion.errors import DataFormatError, Issue, ParameterError, ScenarioError
from bastion.scenario.checks import check_references, did_you_mean
from bastion.scenario.document import Document, Loc, format_loc, parse_document, read_document
from bastion.scenario.model import Scenario
from bastion.scenario.paths import PathError, get_path, set_path

__all__ = ["apply_lever", "load_scenario", "parse_scenario"]

_PATTERNS = {
    r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$": "an id of 1-64 letters, digits, '_' or '-'",
    r"^[A-Z]{3}$": "a three-letter upper-case ISO 3166-1 alpha-3 code such as 'EST'",
    r"^[a-z][a-z0-9_]*$": "a lower-case name of letters, digits and '_' such as 'energy'",
}


def _unwrap(annotation: Any, part: str | int) -> Any:
    """The type found one step below ``annotation`` when descending by ``part``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg, part)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(annotation)[1]
    return None


def _model_fields_at(loc: Loc, root: type[BaseModel] = Scenario) -> list[str]:
    """Field names of the record at ``loc`` in a scenario (for 'did you mean')."""
    annotation: Any = root
    for part in loc:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return []
    candidates = [annotation]
    while candidates:
        current = candidates.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return list(current.model_fields)
        candidates += list(typing.get_args(current))
    return []


def _friendly(error: Mapping[str, Any]) -> str:
    kind, msg, ctx = error["type"], str(error["msg"]), error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"expected {_PATTERNS.get(pattern, f'text matching {pattern}')}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "model_type" or kind == "dict_type":
        return "expected a mapping of fields (key: value lines)"
    if kind in ("float_type", "int_type", "bool_type", "string_type", "list_type"):
        expected = {
            "float_type": "a number (not in quotes)",
            "int_type": "a whole number",
            "bool_type": "true or false",
            "string_type": "text (put it in quotes if it looks like a number or boolean)",
            "list_type": "a list",
        }[kind]
        return f"expected {expected}"
    bounds = {
        "less_than_equal": "<=",
        "greater_than_equal": ">=",
        "less_than": "<",
        "greater_than": ">",
    }
    if kind in bounds:
        limit = next(iter(ctx.values()), "?")
        return f"expected a number {bounds[kind]} {limit:g}"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        received = error.get("input")
        hint = did_you_mean(received, options) if isinstance(received, str) else ""
        return f"expected one of: {', '.join(options)}{hint}"
    text = msg.replace("Input should be", "expected").replace("String should", "expected text to")
    text = text.replace("List should", "expected a list to").replace(
        "Dictionary should", "expected a mapping to"
    )
    text = text.replace(" after validation", "")
    return text[0].lower() + text[1:] if text else kind


def _document_loc(loc: Loc, data: Any, *, missing: bool = False) -> Loc:
    """``loc`` as a place in the document.

    Pydantic inserts parts that are not in the document (union tags, validator names);
    they are dropped, except the last part of a ``missing`` error: the absent field.
    """
    kept: list[str | int] = []
    node = data
    for position, part in enumerate(loc):
        inside = (isinstance(node, Mapping) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if inside:
            node = node[part]
        elif not (missing and position == len(loc) - 1):
            continue
        kept.append(part)
    return tuple(kept)


def pydantic_issues(
    exc: ValidationError, doc: Document, root: type[BaseModel] = Scenario
) -> list[Issue]:
    """Located, friendly issues for a pydantic validation error of ``root`` read from ``doc``."""
    issues = []
    for error in exc.errors(include_url=False):
        loc: Loc = _document_loc(tuple(error["loc"]), doc.data, missing=error["type"] == "missing")
        if error["type"] == "extra_forbidden":
            name = str(loc[-1])
            hint = did_you_mean(name, _model_fields_at(loc[:-1], root))
            allowed = ", ".join(_model_fields_at(loc[:-1], root))
            issues.append(
                doc.issue(loc, f"unknown field {name!r}{hint}; allowed fields: {allowed}", key=True)
            )
        elif error["type"] == "missing":
            issues.append(doc.issue(loc, f"required field {loc[-1]!r} is missing"))
        else:
            issues.append(doc.issue(loc, _friendly(error), value=error.get("input")))
    return issues


def _data_issues(doc: Document, base_dir: Path | None) -> tuple[list[Issue], dict[str, str]]:
    issues: list[Issue] = []
    digests: dict[str, str] = {}
    refs = doc.data.get("data") if isinstance(doc.data, Mapping) else None
    for index, ref in enumerate(refs if isinstance(refs, list) else []):
        if not (isinstance(ref, Mapping) and isinstance(ref.get("path"), str)):
            continue
        path = Path(ref["path"])
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        loc: Loc = ("data", index, "path")
        if not path.is_file():
            issues.append(doc.issue(loc, f"data file not found at {path}", value=ref["path"]))
            continue
        if isinstance(ref.get("id"), str):
            digests[ref["id"]] = file_sha256(path)
    return issues, digests


def _problems(data: Any) -> tuple[Scenario | None, list[str]]:
    """Validate plain scenario data without positions: the model, or messages."""
    problems: list[str] = []
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = format_loc(tuple(error["loc"]))
            problems.append(f"{where}: {_friendly(error)} (got {error.get('input')!r})")
    problems += [f"{i.path}: {i.message}" for i in check_references(Document(data, "<lever>"))]
    return (scenario if not problems else None), problems


def _lever_issues(scenario: Scenario, doc: Document) -> list[Issue]:
    issues: list[Issue] = []
    base = scenario.model_dump()
    for index, lever in enumerate(scenario.levers):
        data = base
        for path, value in lever.set.items():
            try:
                data = set_path(data, path, value)
            except PathError as exc:
                issues.append(
                    doc.issue(
                        ("levers", index, "set", path),
                        f"lever path does not resolve: {exc}",
                        key=True,
                    )
                )
        for problem in _problems(data)[1]:
            issues.append(
                doc.issue(
                    ("levers", index, "set"),
                    f"lever {lever.id!r} makes the scenario invalid: {problem}",
                )
            )
    for index, parameter in enumerate(scenario.uncertain):
        loc: Loc = ("uncertain", index, "path")
        try:
            value = get_path(base, parameter.path)
        except PathError as exc:
            issues.append(doc.issue(loc, f"path does not resolve: {exc}", value=parameter.path))
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            issues.append(
                doc.issue(loc, "an uncertain parameter must name a numeric field", value=value)
            )
    return issues


def validate_document(doc: Document, base_dir: Path | None, issues: list[Issue]) -> Scenario:
    """Validate a parsed scenario document; raise :class:`ScenarioError` with all issues."""
    issues = list(issues)
    if not isinstance(doc.data, Mapping):
        raise ScenarioError(
            doc.issue(
                (),
                "a scenario must be a mapping of fields (schema_version, name, actors, ...)",
                value=type(doc.data).__name__,
            )
        )
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        issues += pydantic_issues(exc, doc)
    issues += check_references(doc)
    data_issues, digests = _data_issues(doc, base_dir)
    issues += data_issues
    if scenario is not None and not issues:
        issues += _lever_issues(scenario, doc)
    if issues or scenario is None:
        issues.sort(key=lambda i: (i.line or 0, i.column or 0))
        raise ScenarioError(issues)
    scenario._data_digests = digests
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario from a YAML or JSON file.

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` file. Data file paths inside it are resolved
        relative to its folder.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        Listing every problem found, each with file, line, column, field path, the value
        received and what was expected.
    """
    path = Path(path)
    try:
        doc, issues = read_document(path)
    except DataFormatError as exc:
        raise ScenarioError(exc.issues) from None
    scenario = validate_document(doc, path.resolve().parent, issues)
    scenario._source = path.resolve()
    return scenario


def parse_scenario(
    text: str, *, file: str = "<string>", kind: str = "yaml", base_dir: str | Path | None = None
) -> Scenario:
    """Validate a scenario given as YAML or JSON text (see :func:`load_scenario`)."""
    try:
        doc, issues = parse_document(text, file, kind=kind)
    except DataFormatError as exc:
        raise ScenarioError(exc.issues) from None
    return validate_document(doc, Path(base_dir) if base_dir else None, issues)


def apply_lever(scenario: Scenario, lever_id: str) -> Scenario:
    """A new scenario with lever ``lever_id`` of ``scenario`` applied and validated."""
    lever = next((lv for lv in scenario.levers if lv.id == lever_id), None)
    if lever is None:
        options = ", ".join(lv.id for lv in scenario.levers) or "none defined"
        raise ParameterError(
            f"scenario {scenario.name!r} has no lever {lever_id!r}; levers: {options}"
            + did_you_mean(lever_id, [lv.id for lv in scenario.levers])
        )
    data = scenario.model_dump()
    try:
        for path, value in lever.set.items():
            data = set_path(data, path, value)
    except PathError as exc:
        raise ScenarioError(f"lever {lever_id!r}: {exc}") from None
    modified, problems = _problems(data)
    if modified is None:
        raise ScenarioError(
            [Issue(f"lever {lever_id!r} makes the scenario invalid: {p}") for p in problems]
        )
    modified._source = scenario.source
    modified._data_digests = dict(scenario._data_digests)
    return modified
