"""The demo's collaborative is what these tests read: keep it."""

import pytest


@pytest.fixture
def no_demo_collaborative():
    """Overrides the collaborative tests' fixture that deletes the demo's collaborative."""
