"""Normalisations and multivariate checks, by hand."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import bastion.exposure.checks
from bastion import ParameterError
from bastion.exposure import normalise as nz
from bastion.exposure.checks import correlation_matrix, cronbach_alpha


def test_min_max_and_inversion() -> None:
    np.testing.assert_allclose(nz.min_max([2, 4, 6]).values, [0, 5, 10])
    np.testing.assert_allclose(nz.min_max([2, 4, 6], higher_is_better=True).values, [10, 5, 0])


def test_goalposts_clip_and_count() -> None:
    result = nz.goalposts([-5, 0, 50, 100, 120, np.nan], 0, 100)
    np.testing.assert_allclose(result.values[:5], [0, 0, 5, 10, 10])
    assert np.isnan(result.values[5])
    assert result.clipped == 2
    with pytest.raises(ParameterError, match="min < max"):
        nz.goalposts([1], 5, 5)


def test_z_rank_percentile_distance() -> None:
    np.testing.assert_allclose(nz.z_score([1, 2, 3]).values, [-1, 0, 1])
    np.testing.assert_allclose(nz.rank([30, 10, 20, 20]).values, [4, 1, 2.5, 2.5])
    np.testing.assert_allclose(nz.rank([30, 10, 20], higher_is_better=True).values, [1, 3, 2])
    np.testing.assert_allclose(
        nz.percentile_rank([30, 10, 20, np.nan]).values[:3], [100, 100 / 3, 200 / 3]
    )
    np.testing.assert_allclose(nz.distance_to_target([50, 100, 150], 100).values, [-0.5, 0, 0.5])


def test_log_and_power() -> None:
    np.testing.assert_allclose(nz.log_transform([1, 10, 1000]).values, [0, 1, 3])
    np.testing.assert_allclose(nz.log_transform([0, 9], offset=1).values, [0, 1])
    with pytest.raises(ParameterError, match="offset"):
        nz.log_transform([0, 1])
    np.testing.assert_allclose(nz.power_transform([30, 95], 2).values, [900, 9025])


def test_cronbach_alpha_by_hand() -> None:
    # item variances 5/3 each (sum 5); totals 4, 8, 9, 13 have variance 41/3
    alpha = cronbach_alpha({"a": [1, 2, 3, 4], "b": [2, 3, 4, 5], "c": [1, 3, 2, 4]})
    assert alpha == pytest.approx(1.5 * (1 - 5 / (41 / 3)))
    assert doctest.testmod(bastion.exposure.checks).failed == 0


def test_correlations() -> None:
    names, r = correlation_matrix({"a": [1, 2, 3, 4], "b": [2, 4, 6, 8], "c": [4, 3, 2, 1]})
    assert names == ["a", "b", "c"]
    np.testing.assert_allclose(r[0], [1, 1, -1])
    _, rho = correlation_matrix({"a": [1, 2, 3, 4], "b": [1, 4, 9, 16]}, method="spearman")
    assert rho[0, 1] == pytest.approx(1.0)
