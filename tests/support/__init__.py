"""Helpers shared by the test modules (no tests here): sites built once per run, serving helpers."""
