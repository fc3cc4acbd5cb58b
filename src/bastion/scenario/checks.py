"""Cross-reference checks that a per-field schema cannot express.

They run on the plain parsed document (not on the validated model) so that they can
report their problems together with the field-level ones, in one pass, even when some
records are malformed: a record whose fields have the wrong type is skipped here and
reported by the schema.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from bastion.errors import Issue
from bastion.scenario.default_ladder import default_ladder
from bastion.scenario.document import Document, format_loc

__all__ = ["SHARE_TOLERANCE", "check_references", "did_you_mean"]

SHARE_TOLERANCE = 0.01
"""Supplier shares of one customer and category must sum to 1 within this."""

_ID_LISTS = ("actors", "sectors", "suppliers", "alliances", "levers", "data")


def did_you_mean(word: str, options: Iterator[str] | list[str] | set[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _records(
    data: Mapping[str, Any], *path: str
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict):
                yield (*path, index), item


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: Mapping[str, Any] = doc.data if isinstance(doc.data, Mapping) else {}
        self.issues: list[Issue] = []
        self.ids: dict[str, set[str]] = {}

    def report(self, loc: tuple[str | int, ...], message: str, value: Any = ...) -> None:
        self.issues.append(self.doc.issue(loc, message, value=value))

    def collect_ids(self, name: str, *path: str, key: str = "id") -> None:
        seen: dict[str, tuple[str | int, ...]] = {}
        for loc, item in _records(self.data, *path):
            value = item.get(key)
            if not isinstance(value, str):
                continue
            if value in seen:
                self.report(
                    (*loc, key),
                    f"duplicate {name} {key} {value!r}, already used at "
                    f"{format_loc(seen[value])}; {key}s must be unique",
                )
            else:
                seen[value] = loc
        self.ids[name] = set(seen)

    def reference(self, loc: tuple[str | int, ...], value: Any, kind: str) -> None:
        """Report ``value`` at ``loc`` unless it is the id of a known ``kind``."""
        if not isinstance(value, str) or kind not in self.ids:
            return
        known = self.ids[kind]
        if value in known:
            return
        options = ", ".join(sorted(known)) or "none defined"
        self.report(
            loc,
            f"unknown {kind} {value!r}; expected the id of {_article(kind)} {kind} ({options})"
            + did_you_mean(value, known),
        )

    def run(self) -> list[Issue]:
        for name in _ID_LISTS:
            self.collect_ids(name.removesuffix("s") if name != "data" else "data file", name)
        if isinstance(self.data.get("ladder"), Mapping):
            self.collect_ids("rung", "ladder", "rungs")
        else:  # rungs refer to the default ladder
            self.ids["rung"] = {rung.id for rung in default_ladder().rungs}
        self.collect_ids("policy", "policies", key="actor")
        self.sectors()
        self.suppliers()
        self.alliances()
        self.ladder()
        self.policies()
        self.crisis()
        return self.issues

    def sectors(self) -> None:
        for loc, item in _records(self.data, "sectors"):
            self.reference((*loc, "actor"), item.get("actor"), "actor")
            deps = item.get("depends_on")
            if not isinstance(deps, Mapping):
                continue
            for other in deps:
                if other == item.get("id"):
                    self.report((*loc, "depends_on", other), "a sector cannot depend on itself")
                else:
                    self.reference((*loc, "depends_on", other), other, "sector")

    def suppliers(self) -> None:
        groups: dict[tuple[str, str], list[tuple[tuple[str | int, ...], float]]] = defaultdict(list)
        for loc, item in _records(self.data, "suppliers"):
            for field in ("customer", "supplier", "origin"):
                self.reference((*loc, field), item.get(field), "actor")
            customer, supplier = item.get("customer"), item.get("supplier")
            if isinstance(customer, str) and customer == supplier:
                self.report((*loc, "supplier"), "an actor cannot be its own supplier", supplier)
            share, category = item.get("share"), item.get("category")
            if (
                isinstance(customer, str)
                and isinstance(category, str)
                and isinstance(share, int | float)
                and not isinstance(share, bool)
            ):
                groups[customer, category].append((loc, float(share)))
        for (customer, category), members in groups.items():
            total = sum(share for _, share in members)
            if abs(total - 1.0) > SHARE_TOLERANCE:
                where = ", ".join(f"suppliers[{loc[1]}]" for loc, _ in members)
                self.report(
                    (*members[0][0], "share"),
                    f"shares of {customer!r} in category {category!r} sum to {total:.4g} "
                    f"({where}); expected 1 within {SHARE_TOLERANCE}",
                )

    def alliances(self) -> None:
        for loc, item in _records(self.data, "alliances"):
            for field in ("members", "guarantors"):
                ids = item.get(field)
                if not isinstance(ids, list):
                    continue
                seen: set[str] = set()
                for index, actor in enumerate(ids):
                    self.reference((*loc, field, index), actor, "actor")
                    if isinstance(actor, str) and actor in seen:
                        self.report((*loc, field, index), f"{actor!r} is listed twice")
                    if isinstance(actor, str):
                        seen.add(actor)
            for tloc, trigger in _records(item, "triggers"):
                self.reference((*loc, *tloc, "min_rung"), trigger.get("min_rung"), "rung")

    def ladder(self) -> None:
        previous: float | None = None
        for loc, rung in _records(self.data, "ladder", "rungs"):
            severity = rung.get("severity")
            if not isinstance(severity, int | float) or isinstance(severity, bool):
                continue
            if previous is not None and not severity > previous:
                self.report(
                    (*loc, "severity"),
                    f"severities must strictly increase up the ladder; this rung's severity "
                    f"{severity} is not above the previous rung's {previous}",
                )
            previous = severity
        ladder = self.data.get("ladder")
        thresholds = ladder.get("thresholds") if isinstance(ladder, Mapping) else None
        if isinstance(thresholds, Mapping):
            for name, rung in thresholds.items():
                self.reference(("ladder", "thresholds", name), rung, "rung")

    def policies(self) -> None:
        for loc, item in _records(self.data, "policies"):
            self.reference((*loc, "actor"), item.get("actor"), "actor")
            self.reference((*loc, "target"), item.get("target"), "actor")
            if isinstance(item.get("target"), str) and item.get("target") == item.get("actor"):
                self.report((*loc, "target"), "an actor cannot target itself", item.get("target"))
            for field in ("max_rung", "red_line"):
                self.reference((*loc, field), item.get(field), "rung")

    def crisis(self) -> None:
        crisis = self.data.get("crisis")
        if not isinstance(crisis, Mapping):
            return
        initiator = crisis.get("initiator")
        self.reference(("crisis", "initiator"), initiator, "actor")
        if (
            isinstance(initiator, str)
            and initiator in self.ids.get("actor", set())
            and initiator not in self.ids.get("policy", set())
        ):
            self.report(
                ("crisis", "initiator"),
                f"the initiator {initiator!r} has no policy; add one under policies",
            )
        self.reference(("crisis", "opening_rung"), crisis.get("opening_rung"), "rung")
        if crisis.get("opening_rung") is not None and initiator is None:
            self.report(("crisis", "opening_rung"), "an opening rung needs an initiator")
        stop_at = crisis.get("stop_at")
        ladder = self.data.get("ladder")
        if isinstance(ladder, Mapping):
            thresholds = ladder.get("thresholds")
            names = set(thresholds) if isinstance(thresholds, Mapping) else set()
        else:
            names = set(default_ladder().thresholds)
        if isinstance(stop_at, str) and stop_at not in names:
            self.report(
                ("crisis", "stop_at"),
                f"unknown threshold {stop_at!r}; expected one of the ladder's thresholds "
                f"({', '.join(sorted(names)) or 'none defined'}) or null"
                + did_you_mean(stop_at, names),
            )


def check_references(doc: Document) -> list[Issue]:
    """Dangling references, duplicate ids, supplier shares and ladder order in ``doc``."""
    return _Checker(doc).run()
