from __future__ import annotations

import numpy as np
import pytest

from bastion import ParameterError
from bastion.exposure.impute import impute


def test_mean_median_and_record() -> None:
    filled, mask = impute([1.0, np.nan, 3.0, 8.0])
    assert filled.tolist() == [1.0, 4.0, 3.0, 8.0]
    assert mask.tolist() == [False, True, False, False]
    assert impute([1.0, np.nan, 3.0, 8.0], method="median")[0][1] == 3.0


def test_group_mean_with_fallback() -> None:
    filled, mask = impute(
        [1.0, np.nan, 5.0, np.nan, 9.0], method="group_mean", groups=["a", "a", "b", "c", "b"]
    )
    # group a: 1; group c has no observed value: overall mean (1 + 5 + 9) / 3 = 5
    assert filled.tolist() == [1.0, 1.0, 5.0, 5.0, 9.0]
    assert mask.sum() == 2


def test_errors() -> None:
    with pytest.raises(ParameterError, match="every value is missing"):
        impute([np.nan, np.nan])
    with pytest.raises(ParameterError, match="one group label per value"):
        impute([1.0, np.nan], method="group_mean")
