"""The scenario model: example, hashing, levers, data paths."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bastion import ParameterError, ScenarioError, load_scenario, parse_scenario
from bastion.scenario.paths import PathError, get_path, set_path


def test_example_scenario_loads_and_is_labelled_fictional(example: Path) -> None:
    scenario = load_scenario(example)
    assert scenario.fictional
    kinds = {a.kind for a in scenario.actors}
    assert {"state", "non_state", "company"} <= kinds
    assert sum(a.kind == "non_state" for a in scenario.actors) >= 2
    assert scenario.alliances[0].guarantors
    assert scenario.actor("VAR").capabilities.cyber > scenario.actor("NMR").capabilities.cyber
    assert len(scenario.ladder.rungs) >= 10 if scenario.ladder else False
    assert "FICTIONAL" in example.read_text()


def test_models_are_immutable(example: Path) -> None:
    scenario = load_scenario(example)
    with pytest.raises(ValueError, match="frozen"):
        scenario.actors[0].resolve = 0.1  # type: ignore[misc]


def test_hash_ignores_formatting_comments_and_key_order(example: Path, tmp_path: Path) -> None:
    original = load_scenario(example)
    data = yaml.safe_load(example.read_text())
    reordered = dict(reversed(list(data.items())))
    as_json = tmp_path / "data"
    as_json.mkdir()
    (as_json / "northmarch_ties.csv").write_bytes(
        (example.parent / "data" / "northmarch_ties.csv").read_bytes()
    )
    path = tmp_path / "same.json"
    path.write_text(json.dumps(reordered, indent=4))
    assert load_scenario(path).scenario_hash == original.scenario_hash


def test_hash_changes_with_any_value_and_with_data_content(example: Path, tmp_path: Path) -> None:
    original = load_scenario(example)
    assert original.with_lever("fast_attribution").scenario_hash != original.scenario_hash
    text = example.read_text()
    (tmp_path / "data").mkdir()
    ties = (example.parent / "data" / "northmarch_ties.csv").read_bytes()
    (tmp_path / "data" / "northmarch_ties.csv").write_bytes(ties + b"A,B,arms,1,2024-01,2024-02\n")
    (tmp_path / "s.yaml").write_text(text)
    assert load_scenario(tmp_path / "s.yaml").scenario_hash != original.scenario_hash


def test_hash_is_a_pinned_function_of_content(minimal_text: str) -> None:
    """The hash is SHA-256 over canonical JSON: recompute it independently."""
    import hashlib

    scenario = parse_scenario(minimal_text)
    canonical = json.dumps(
        {"scenario": scenario.model_dump(mode="json"), "data_sha256": {}},
        sort_keys=True,
        separators=(",", ":"),
    )
    assert scenario.scenario_hash == hashlib.sha256(canonical.encode()).hexdigest()


def test_with_lever_applies_all_changes(example: Path) -> None:
    scenario = load_scenario(example)
    variant = scenario.with_lever("resilience")
    energy = next(s for s in variant.sectors if s.id == "nmr_energy")
    assert (energy.recovery_rate, energy.vulnerability) == (0.30, 0.35)
    # the baseline is untouched
    assert next(s for s in scenario.sectors if s.id == "nmr_energy").recovery_rate == 0.12
    assert variant.source == scenario.source


def test_unknown_lever(example: Path) -> None:
    with pytest.raises(ParameterError, match=r"no lever 'fast_atribution'.*did you mean"):
        load_scenario(example).with_lever("fast_atribution")


def test_lever_lists_by_index_for_records_without_id(example: Path) -> None:
    data = load_scenario(example).model_dump()
    assert get_path(data, "alliances.concord.triggers.0.domain") == "conventional"
    changed = set_path(data, "policies.VAR.rationality", 5.0)
    assert get_path(changed, "policies.VAR.rationality") == 5.0
    assert get_path(data, "policies.VAR.rationality") == 3.0
    with pytest.raises(PathError, match="no field 'resolv'"):
        set_path(data, "actors.VAR.resolv", 1)
    with pytest.raises(PathError, match="is a value"):
        get_path(data, "actors.VAR.resolve.x")


def test_data_path_is_resolved_against_the_scenario_file(example: Path) -> None:
    scenario = load_scenario(example)
    assert (
        scenario.data_path("borderland_ties")
        == (example.parent / "data" / "northmarch_ties.csv").resolve()
    )
    with pytest.raises(ParameterError, match="no data file 'x'"):
        scenario.data_path("x")


def test_relative_data_paths_need_the_base_dir(
    write_yaml: Callable[[str, str], Path], minimal_text: str
) -> None:
    text = minimal_text + "data:\n  - {id: t, kind: ties, path: ties.csv}\n"
    path = write_yaml(text, "s.yaml")
    (path.parent / "ties.csv").write_text("source,target\nA,B\n")
    assert load_scenario(path).data_path("t") == (path.parent / "ties.csv").resolve()
    with pytest.raises(ScenarioError, match="data file not found"):
        parse_scenario(text, base_dir=path.parent / "elsewhere")
