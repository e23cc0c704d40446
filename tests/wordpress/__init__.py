"""A real WordPress on loopback for integration tests (see harness.py)."""
