"""Fixtures of the action tests."""

from tests.actions.precheck_support import reply  # noqa: F401  (the pre-check reply fixture, for this folder)
