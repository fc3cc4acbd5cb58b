"""Every class of scenario error is reported with file, line, column, field and value."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bastion import ScenarioError, load_scenario, parse_scenario
from bastion.errors import Issue

BASE = """
schema_version: 1
name: Test
actors:
  - {id: A, name: Alpha, kind: state}
  - {id: B, name: Beta, kind: state}
  - {id: C, name: Vendor, kind: company}
sectors:
  - {id: a_energy, name: Energy, kind: energy, actor: A, exposure: 0.5, vulnerability: 0.5,
     recovery_rate: 0.1, depends_on: {a_comms: 0.3}}
  - {id: a_comms, name: Comms, kind: communications, actor: A, exposure: 0.5,
     vulnerability: 0.5, recovery_rate: 0.1}
suppliers:
  - {id: s1, category: energy, customer: A, supplier: B, share: 0.6, reliability: 0.8}
  - {id: s2, category: energy, customer: A, supplier: C, share: 0.4, reliability: 0.9}
alliances:
  - id: pact
    name: Pact
    members: [A]
    guarantors: [B]
    triggers:
      - {domain: cyber, min_rung: r2}
ladder:
  rungs:
    - {id: r0, name: Zero, domain: cyber, severity: 0}
    - {id: r1, name: One, domain: cyber, severity: 1}
    - {id: r2, name: Two, domain: conventional, severity: 2, kinetic: true}
  thresholds: {kinetic: r2}
policies:
  - {actor: B, kind: quantal_response, target: A, max_rung: r2}
levers:
  - id: fast
    name: Fast
    set: {actors.A.attribution_capability: 0.9}
"""

Load = Callable[[str], list[Issue]]


@pytest.fixture
def problems(write_yaml: Callable[[str, str], Path]) -> Load:
    """Load YAML text; return the issues (asserting that loading failed)."""

    def run(text: str) -> list[Issue]:
        path = write_yaml(text, "scenario.yaml")
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        for issue in info.value.issues:
            assert issue.file == str(path)
        return list(info.value.issues)

    return run


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` (after the leading newline)."""
    lines = text.lstrip("\n").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only(issues: list[Issue]) -> Issue:
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def test_base_is_valid(write_yaml: Callable[[str, str], Path]) -> None:
    scenario = load_scenario(write_yaml(BASE, "ok.yaml"))
    assert [a.id for a in scenario.actors] == ["A", "B", "C"]


def test_unknown_key_with_suggestion(problems: Load) -> None:
    text = BASE.replace(
        "{id: B, name: Beta, kind: state}", "{id: B, name: Beta, kind: state, resolv: 1}"
    )
    issue = only(problems(text))
    assert issue.path == "actors[1].resolv"
    assert "unknown field 'resolv'" in issue.message and "did you mean 'resolve'?" in issue.message
    assert issue.line == line_of(text, "resolv")
    assert issue.column == text.lstrip("\n").splitlines()[issue.line - 1].index("resolv") + 1


def test_unknown_top_level_key(problems: Load) -> None:
    text = BASE + "allainces: []\n"
    issue = only(problems(text))
    assert issue.path == "allainces" and "did you mean 'alliances'?" in issue.message


def test_missing_required_field(problems: Load) -> None:
    text = BASE.replace("{id: C, name: Vendor, kind: company}", "{id: C, kind: company}")
    issue = only(problems(text))
    assert issue.path == "actors[2].name" and "required field 'name' is missing" in issue.message
    assert issue.line == line_of(text, "{id: C, kind")


@pytest.mark.parametrize("value", ["1.2", "-0.1"])
def test_probability_outside_unit_interval(problems: Load, value: str) -> None:
    text = BASE.replace(
        "{id: A, name: Alpha, kind: state}",
        f"{{id: A, name: Alpha, kind: state, resolve: {value}}}",
    )
    issue = only(problems(text))
    assert issue.path == "actors[0].resolve"
    assert issue.value == value
    assert ("<= 1" if value == "1.2" else ">= 0") in issue.message
    assert issue.line == line_of(text, "resolve")


def test_negative_rate(problems: Load) -> None:
    text = BASE.replace("recovery_rate: 0.1, depends_on", "recovery_rate: -0.2, depends_on")
    issue = only(problems(text))
    assert issue.path == "sectors[0].recovery_rate" and issue.value == "-0.2"
    assert ">= 0" in issue.message


def test_quoted_number_is_not_coerced(problems: Load) -> None:
    text = BASE.replace("share: 0.6", 'share: "0.6"')
    issues = problems(text)
    assert any(i.path == "suppliers[0].share" and "not in quotes" in i.message for i in issues)


def test_nan_is_rejected(problems: Load) -> None:
    text = BASE.replace(
        "{id: A, name: Alpha, kind: state}", "{id: A, name: Alpha, kind: state, resolve: .nan}"
    )
    assert only(problems(text)).path == "actors[0].resolve"


def test_wrong_literal_with_suggestion(problems: Load) -> None:
    text = BASE.replace("kind: company", "kind: compnay")
    issue = only(problems(text))
    assert "did you mean 'company'?" in issue.message and issue.value == "'compnay'"


def test_duplicate_ids(problems: Load) -> None:
    text = BASE.replace("{id: C, name: Vendor", "{id: B, name: Vendor")
    issues = problems(text)
    dup = next(i for i in issues if "duplicate actor id 'B'" in i.message)
    assert dup.path == "actors[2].id" and "actors[1]" in dup.message
    assert dup.line == line_of(text, "{id: B, name: Vendor")


def test_dangling_alliance_member(problems: Load) -> None:
    text = BASE.replace("members: [A]", "members: [A, Z]")
    issue = only(problems(text))
    assert issue.path == "alliances[0].members[1]"
    assert "unknown actor 'Z'" in issue.message and "A, B, C" in issue.message
    assert issue.line == line_of(text, "members: [A, Z]")


def test_dangling_supplier_with_suggestion(problems: Load) -> None:
    text = BASE.replace("supplier: C,", "supplier: CC,")
    issue = only(problems(text))
    assert issue.path == "suppliers[1].supplier" and "unknown actor 'CC'" in issue.message
    assert "did you mean 'C'?" in issue.message


def test_dangling_sector_dependency_and_actor(problems: Load) -> None:
    text = BASE.replace("depends_on: {a_comms: 0.3}", "depends_on: {a_coms: 0.3}").replace(
        "actor: A, exposure: 0.5,\n", "actor: Q, exposure: 0.5,\n"
    )
    paths = {i.path: i.message for i in problems(text)}
    assert "unknown sector 'a_coms'" in paths["sectors[0].depends_on.a_coms"]
    assert "did you mean 'a_comms'?" in paths["sectors[0].depends_on.a_coms"]
    assert "unknown actor 'Q'" in paths["sectors[1].actor"]


def test_self_dependency(problems: Load) -> None:
    text = BASE.replace("depends_on: {a_comms: 0.3}", "depends_on: {a_energy: 0.3}")
    assert "cannot depend on itself" in only(problems(text)).message


def test_dangling_rungs(problems: Load) -> None:
    text = BASE.replace("min_rung: r2", "min_rung: r9").replace("max_rung: r2", "max_rung: r3")
    text = text.replace("thresholds: {kinetic: r2}", "thresholds: {kinetic: rr2}")
    paths = {i.path: i.message for i in problems(text)}
    assert "unknown rung 'r9'" in paths["alliances[0].triggers[0].min_rung"]
    assert "unknown rung 'r3'" in paths["policies[0].max_rung"]
    assert "unknown rung 'rr2'" in paths["ladder.thresholds.kinetic"]


def test_dangling_policy_actor(problems: Load) -> None:
    text = BASE.replace("{actor: B, kind", "{actor: X, kind")
    assert "unknown actor 'X'" in only(problems(text)).message


def test_shares_must_sum_to_one(problems: Load) -> None:
    text = BASE.replace("share: 0.4", "share: 0.3")
    issue = only(problems(text))
    assert issue.path == "suppliers[0].share"
    assert "sum to 0.9" in issue.message and "expected 1 within 0.01" in issue.message
    assert issue.line == line_of(text, "id: s1")


def test_shares_within_tolerance_are_accepted(write_yaml: Callable[[str, str], Path]) -> None:
    text = BASE.replace("share: 0.6", "share: 0.605")
    assert load_scenario(write_yaml(text, "ok.yaml")).suppliers[0].share == 0.605


def test_unordered_severities(problems: Load) -> None:
    text = BASE.replace("severity: 1}", "severity: 0}")
    issue = only(problems(text))
    assert issue.path == "ladder.rungs[1].severity" and "strictly increase" in issue.message


def test_trigger_needs_a_threshold(problems: Load) -> None:
    text = BASE.replace("{domain: cyber, min_rung: r2}", "{domain: cyber}")
    issue = only(problems(text))
    assert "min_rung, attributed_damage or both" in issue.message


def test_missing_data_file(problems: Load) -> None:
    text = BASE + "data:\n  - {id: ev, kind: events, path: nowhere.csv}\n"
    issue = only(problems(text))
    assert issue.path == "data[0].path" and "data file not found" in issue.message


def test_lever_path_that_does_not_resolve(problems: Load) -> None:
    text = BASE.replace("actors.A.attribution_capability", "actors.Z.attribution_capability")
    issue = only(problems(text))
    assert "lever path does not resolve" in issue.message and "no item 'Z'" in issue.message
    assert issue.line == line_of(text, "actors.Z")


def test_lever_that_makes_the_scenario_invalid(problems: Load) -> None:
    text = BASE.replace(
        "actors.A.attribution_capability: 0.9", "actors.A.attribution_capability: 1.9"
    )
    issue = only(problems(text))
    assert "lever 'fast' makes the scenario invalid" in issue.message
    assert "actors[0].attribution_capability" in issue.message


def test_uncertain_path_must_be_numeric(problems: Load) -> None:
    text = BASE + "uncertain:\n  - {path: actors.A.name, distribution: uniform, low: 0, high: 1}\n"
    assert "numeric field" in only(problems(text)).message


def test_uncertain_distribution_parameters(problems: Load) -> None:
    text = (
        BASE
        + "uncertain:\n  - {path: actors.A.resolve, distribution: uniform, low: 0.5, high: 0.1}\n"
    )
    assert "low must be below high" in only(problems(text)).message


def test_all_errors_are_reported_at_once_in_file_order(problems: Load) -> None:
    text = (
        BASE.replace(
            "{id: A, name: Alpha, kind: state}", "{id: A, name: Alpha, kind: state, resolve: 2}"
        )
        .replace("members: [A]", "members: [A, Z]")
        .replace("share: 0.4", "share: 0.1")
        .replace("severity: 1}", "severity: 0}")
        .replace("kind: company", "kind: firm")
    )
    issues = problems(text)
    assert len(issues) == 5
    lines = [i.line or 0 for i in issues]
    assert lines == sorted(lines)


def test_json_scenarios_are_located_too(tmp_path: Path) -> None:
    data = {
        "schema_version": 1,
        "name": "J",
        "actors": [{"id": "A", "name": "Alpha", "kind": "state", "resolve": 3}],
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    issue = only(list(info.value.issues))
    assert issue.path == "actors[0].resolve" and issue.line == 9 and issue.file == str(path)


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ScenarioError, match="must be a mapping"):
        parse_scenario("- 1\n- 2\n")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("x = 1")
    with pytest.raises(ScenarioError, match=r"expected \.yaml, \.yml or \.json"):
        load_scenario(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")


def test_crisis_references(problems: Load) -> None:
    text = BASE + "crisis: {initiator: A, opening_rung: r9, stop_at: kinetik}\n"
    messages = {i.path: i.message for i in problems(text)}
    assert "has no policy" in messages["crisis.initiator"]
    assert "unknown rung 'r9'" in messages["crisis.opening_rung"]
    assert "did you mean 'kinetic'?" in messages["crisis.stop_at"]


def test_without_a_ladder_rungs_refer_to_the_default_ladder(
    write_yaml: Callable[[str, str], Path], minimal_text: str
) -> None:
    from bastion.scenario import default_ladder

    text = minimal_text + (
        "policies:\n  - {actor: A, kind: hawk, target: B, max_rung: blockade}\n"
        "crisis: {initiator: A, opening_rung: espionage, stop_at: war}\n"
    )
    scenario = load_scenario(write_yaml(text, "s.yaml"))
    assert scenario.effective_ladder == default_ladder()
    assert len(default_ladder().rungs) >= 10
    severities = [r.severity for r in default_ladder().rungs]
    assert severities == sorted(set(severities))
