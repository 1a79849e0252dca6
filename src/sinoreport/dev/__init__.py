"""Developer tooling: the audit, the benchmark and the static server they and the tests use.

Nothing in the runtime pipeline imports this package (tests/test_architecture.py holds it).
"""
