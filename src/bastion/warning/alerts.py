"""Alert rules, evaluated on the latest month each time events are imported.

A rule is a surge (an indicator more than ``threshold`` standard deviations above its
trailing 12-month mean, and at least ``minimum``), a threshold (an indicator at or above
``threshold``), or a probability (the forecast probability that fatalities reach
``exceed`` at least once in the next ``horizon`` months is at or above ``threshold``).
Alerts go to the event store's ``alerts`` table with the indicator, its value, the threshold
and a sentence saying why; the same rule does not fire twice for a unit and month.
Rules can be given in a YAML file (a list of mappings with these fields).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue, ParameterError
from bastion.warning.indicators import unit_months
from bastion.warning.panel import month_label

__all__ = ["DEFAULT_RULES", "Rule", "evaluate_rules", "read_rules"]


@dataclass(frozen=True)
class Rule:
    """One alert rule (see the module docstring)."""

    name: str
    kind: str
    indicator: str = "fatalities"
    threshold: float = 3.0
    minimum: float = 5.0
    exceed: float = 25.0
    horizon: int = 3
    level: str = "country"

    def __post_init__(self) -> None:
        if self.kind not in ("surge", "threshold", "probability"):
            raise ParameterError(
                f"rule {self.name!r}: kind must be surge, threshold or probability; "
                f"got {self.kind!r}"
            )
        if self.kind == "probability" and not 0 < self.threshold <= 1:
            raise ParameterError(f"rule {self.name!r}: a probability threshold must be in (0, 1]")


DEFAULT_RULES = (
    Rule("fatality surge", "surge", "fatalities", 3.0, minimum=10),
    Rule("weapons-use surge", "surge", "weapons", 3.0, minimum=5),
    Rule("mobilisation surge", "surge", "mobilisation", 3.0, minimum=5),
    Rule("new armed coalitions", "threshold", "new_dyads", 2),
    Rule("violence spreading", "threshold", "diffusion", 3),
    Rule("lethal violence likely", "probability", "fatalities", 0.5, exceed=25, horizon=3),
)


def read_rules(path: str | Path) -> list[Rule]:
    """Rules from a YAML file: a list of mappings with :class:`Rule`'s fields."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFormatError(
            Issue(
                f"not valid YAML: {getattr(exc, 'problem', exc)}",
                file=str(path),
                line=mark.line + 1 if mark else None,
            )
        ) from None
    if not isinstance(data, list):
        raise DataFormatError(Issue("expected a list of rules", file=str(path)))
    rules = []
    fields = set(Rule.__dataclass_fields__)
    for k, item in enumerate(data):
        if not isinstance(item, dict) or not {"name", "kind"} <= set(item):
            raise DataFormatError(
                Issue("each rule needs at least a name and a kind", file=str(path), path=f"[{k}]")
            )
        unknown = sorted(set(item) - fields)
        if unknown:
            raise DataFormatError(
                Issue(
                    f"unknown field(s) {', '.join(unknown)}; expected: {', '.join(sorted(fields))}",
                    file=str(path),
                    path=f"[{k}]",
                )
            )
        try:
            rules.append(Rule(**item))
        except (ParameterError, TypeError) as exc:
            raise DataFormatError(Issue(str(exc), file=str(path), path=f"[{k}]")) from None
    return rules


def evaluate_rules(
    store: Any, rules: tuple[Rule, ...] | list[Rule] = DEFAULT_RULES, *, seed: int = 0
) -> list[dict[str, Any]]:
    """Evaluate ``rules`` on the latest month in the store; log and return new alerts."""
    if store.count() == 0:
        return []
    raised: list[dict[str, Any]] = []
    with store.connect() as con:
        tables: dict[str, dict[str, Any]] = {}
        for rule in rules:
            table = tables.get(rule.level) or tables.setdefault(
                rule.level, unit_months(con, rule.level)
            )
            if rule.indicator not in table:
                raise ParameterError(f"rule {rule.name!r}: unknown indicator {rule.indicator!r}")
            last = int(table["month_id"].max())
            now = table["month_id"] == last
            units = table["unit"][now]
            value = table[rule.indicator][now].astype(float)
            if rule.kind == "surge":
                z = (
                    table[f"{rule.indicator}_z12"][now]
                    if f"{rule.indicator}_z12" in table
                    else None
                )
                if z is None:
                    raise ParameterError(
                        f"rule {rule.name!r}: no surge score for {rule.indicator!r}"
                    )
                z = np.nan_to_num(z.astype(float), nan=0.0)
                mean = np.nan_to_num(table[f"{rule.indicator}_mean12"][now].astype(float))
                hit = (z > rule.threshold) & (value >= rule.minimum)
                why = [
                    f"{rule.indicator} {v:g} in {month_label(last)} vs a 12-month mean of {m:.3g} "
                    f"(z = {s:.1f} > {rule.threshold:g})"
                    for v, m, s in zip(value, mean, z, strict=True)
                ]
            elif rule.kind == "threshold":
                hit = value >= rule.threshold
                why = [
                    f"{rule.indicator} {v:g} in {month_label(last)} (>= {rule.threshold:g})"
                    for v in value
                ]
            else:
                value, hit, why, units = _probability(table, rule, last, seed)
            for u, v, h, w in zip(units, value, hit, why, strict=True):
                if h:
                    raised.append(
                        {
                            "rule": rule.name,
                            "unit": str(u),
                            "month_id": last,
                            "indicator": rule.indicator,
                            "value": float(v),
                            "threshold": rule.threshold,
                            "message": f"{u}: {w}",
                        }
                    )
        fresh = []
        stamp = datetime.now(UTC).replace(tzinfo=None)
        for a in raised:
            seen = con.execute(
                "select count(*) from alerts where rule = ? and unit = ? and month_id = ?",
                [a["rule"], a["unit"], a["month_id"]],
            ).fetchone()[0]
            if not seen:
                con.execute(
                    "insert into alerts values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        stamp,
                        a["rule"],
                        a["unit"],
                        a["month_id"],
                        a["indicator"],
                        a["value"],
                        a["threshold"],
                        a["message"],
                    ],
                )
                fresh.append(a)
    return fresh


def _probability(
    table: dict[str, Any], rule: Rule, last: int, seed: int
) -> tuple[Any, Any, list[str], Any]:
    """P(fatalities >= exceed in at least one of the next ``horizon`` months), per unit."""
    from bastion.warning.forecast import panel_from_table
    from bastion.warning.models.empirical import RecentHistory

    panel, _ = panel_from_table(table, rule.indicator)
    draws = (
        RecentHistory()
        .fit(panel)
        .sample(list(range(1, rule.horizon + 1)), 1000, np.random.default_rng(seed))
    )
    p = (draws >= rule.exceed).any(axis=1).mean(axis=1)
    hit = p >= rule.threshold
    why = [
        f"P({rule.indicator} >= {rule.exceed:g} within {rule.horizon} months after "
        f"{month_label(last)}) "
        f"= {q:.2f} (>= {rule.threshold:g})"
        for q in p
    ]
    return p, hit, why, panel.units


def rules_to_dicts(rules: list[Rule] | tuple[Rule, ...]) -> list[dict[str, Any]]:
    """JSON form of rules."""
    return [asdict(r) for r in rules]
