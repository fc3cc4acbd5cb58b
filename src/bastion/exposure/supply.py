"""Supply concentration and geopolitical supply risk (GeoPolRisk).

References
----------
Gemechu, E. D., Helbig, C., Sonnemann, G., Thorenz, A. & Tuma, A. (2016). Import-based
indicator for the geopolitical supply risk of raw materials in life cycle sustainability
assessments. *Journal of Industrial Ecology* 20(1), 154-165.
Santillán-Saldivar, J., Cimprich, A., Shaikh, N., Laratte, B., Young, S. B. & Sonnemann, G.
(2021). How recycling mitigates supply risks of critical raw materials: extension of the
geopolitical supply risk methodology applied to information and communication
technologies in the European Union. *Resources, Conservation and Recycling* 164, 105108.
The PyPI package geopolrisk-py implements the same formulas; Bastion reproduces its 2022
Japan-cobalt result to 1e-9 (tests/exposure/test_supply.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.io.trade import ImportTable, ProductionTable

__all__ = ["GeoPolRisk", "geopolrisk", "herfindahl"]


def herfindahl(quantities: Any) -> float:
    """Herfindahl-Hirschman index of the shares of ``quantities`` (0-1 scale).

    ``sum_i s_i^2`` with ``s_i = q_i / sum(q)``: 1 for a single supplier, ``1/n`` for ``n``
    equal ones (Hirschman 1945; Herfindahl 1950).

    >>> herfindahl([1, 1, 1, 1])
    0.25
    """
    q = np.asarray(quantities, dtype=float)
    if q.ndim != 1 or q.size == 0 or (q < 0).any() or not np.isfinite(q).all():
        raise ParameterError(
            f"quantities must be a non-empty list of non-negative numbers; got {q!r}"
        )
    total = q.sum()
    if total == 0:
        raise ParameterError("quantities sum to zero: concentration is undefined")
    return float(((q / total) ** 2).sum())


@dataclass(frozen=True)
class GeoPolRisk:
    """GeoPolRisk of one commodity for one importer and year, decomposed by partner."""

    importer: str
    year: str
    score: float
    hhi: float
    import_risk: float
    domestic_production: float
    domestic_production_matched: str | None
    partners: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return dict(vars(self))


def geopolrisk(
    imports: ImportTable,
    production: ProductionTable,
    importer: str,
    *,
    importer_code: str | None = None,
    importer_name: str | None = None,
) -> GeoPolRisk:
    """GeoPolRisk score = HHI(world production) x import risk.

    ``import risk = sum_j q_j g_j / (sum_j q_j + P_domestic)``, with ``q_j`` the quantity
    imported from partner ``j``, ``g_j`` its normalised political-stability risk and
    ``P_domestic`` the importer's own production (found in the production table by
    ``importer_code`` or ``importer_name``; 0 when it has no row there, which the result
    states). Each partner's contribution ``q_j g_j / (sum q + P)`` is returned, so the score
    decomposes exactly into partners.
    """
    hhi = herfindahl(production.quantity)
    domestic, matched = 0.0, None
    for i, (name, code) in enumerate(zip(production.country, production.code, strict=True)):
        if (importer_code and code == importer_code) or (
            importer_name and name.casefold() == importer_name.casefold()
        ):
            domestic, matched = float(production.quantity[i]), f"{name} ({code})"
            break
    denominator = float(imports.quantity.sum()) + domestic
    if denominator <= 0:
        raise ParameterError("no imports and no domestic production: import risk is undefined")
    contributions = imports.quantity * imports.stability_risk / denominator
    import_risk = float(contributions.sum())
    order = np.argsort(-contributions, kind="stable")
    partners = [
        {
            "partner": imports.partner_iso3[k],
            "quantity": float(imports.quantity[k]),
            "stability_risk": float(imports.stability_risk[k]),
            "contribution_to_import_risk": float(contributions[k]),
            "contribution_to_score": float(hhi * contributions[k]),
        }
        for k in order
    ]
    return GeoPolRisk(
        importer, production.year, hhi * import_risk, hhi, import_risk, domestic, matched, partners
    )
