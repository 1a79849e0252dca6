"""Compiled Jinja2 templates kept for the life of the process.

Every render (and every MkDocs build: one per locale, and every rebuild under `serve`) makes a new Jinja
environment, which would compile the same templates again. Keyed by the template's name and checked
against its source, so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = MemoryBytecodeCache()
