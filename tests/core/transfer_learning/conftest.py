"""Fixtures of the transfer lab's core tests (module-scoped: building the backbone is slow)."""

import pytest

from tests.core.transfer_learning.runs import lite0_parts, shapes_data


@pytest.fixture(scope="module")
def lite0():
    return lite0_parts()


@pytest.fixture(scope="module")
def shapes():
    return shapes_data()
