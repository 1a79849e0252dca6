"""YAML → models, with a file:line:col for every problem.

Safety: the loader builds plain data from the node tree itself. It accepts only the core scalar
types, refuses every explicit tag (`!!python/object`, custom `!tags`), refuses anchors and
aliases (no alias bombs, and curated files have no need for them) and duplicate keys, and
caps file size. Nothing in a content file can run code or make the loader do unbounded work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

MAX_BYTES = 2 * 1024 * 1024  # a curated YAML is a few KB; anything this large is a mistake

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0  # 1-based; 0 when unknown
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """A located message: what is wrong and how to fix it. Severity error, warning, or draft (an open
    problem of a draft: shown on its page and in `check`, never failing a build).

    `order` sorts a file's problems where their lines would not: a data row's problems follow the row,
    the root cause first (a value not in its quote before the unit that value implies)."""

    where: Location
    what: str
    fix: str = ""
    severity: str = "error"
    order: tuple[int, ...] = ()

    def __str__(self) -> str:
        tail = f" — {self.fix}" if self.fix else ""
        return f"{self.where}: {self.severity}: {self.what}{tail}"


class ContentError(Exception):
    """One or more located problems that stop a file from loading."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


# --------------------------------------------------------------------------- YAML → data + marks


@dataclass
class Doc:
    """Parsed YAML: plain data plus the source position of every mapping key and list item."""

    data: Any
    path: str
    marks: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Iterable[Any]) -> Location:
        """Best position for a pydantic error location (longest known prefix)."""
        key = tuple(loc)
        while key:
            if key in self.marks:
                line, col = self.marks[key]
                return Location(self.path, line, col)
            key = key[:-1]
        line, col = self.marks.get((), (1, 1))
        return Location(self.path, line, col)


_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.?[0-9]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*\.$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TAG = "tag:yaml.org,2002:"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.marks: dict[tuple[Any, ...], tuple[int, int]] = {}

    def fail(self, node: yaml.Node, what: str, fix: str) -> ContentError:
        line, col = _mark(node)
        return ContentError([Problem(Location(self.path, line, col), what, fix)])

    def build(self, node: yaml.Node, at: tuple[Any, ...]) -> Any:
        self.marks.setdefault(at, _mark(node))
        tag = node.tag or ""
        if isinstance(node, yaml.MappingNode):
            if tag not in (_TAG + "map",):
                raise self._bad_tag(node)
            out: dict[str, Any] = {}
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    raise self.fail(k, "a mapping key must be a plain name", "write `key: value`")
                if k.tag == _TAG + "merge" or k.value == "<<":
                    raise self.fail(k, "YAML merge keys (<<) are not allowed", "write the keys out in full")
                key = self.scalar(k)
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise self.fail(k, f"duplicate key {key!r}", "keep one of them; YAML would drop the other")
                self.marks[(*at, key)] = _mark(k)
                out[key] = self.build(v, (*at, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                raise self._bad_tag(node)
            return [self.build(v, (*at, i)) for i, v in enumerate(node.value)]
        return self.scalar(node)

    def _bad_tag(self, node: yaml.Node) -> ContentError:
        return self.fail(
            node,
            f"YAML tag {node.tag!r} is not allowed",
            "content files hold plain text, numbers, dates, lists and mappings; remove the tag",
        )

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        plain = node.style is None
        if tag == _TAG + "str" or (not plain and tag in ("!", _TAG + "str")):
            return value
        if not tag.startswith(_TAG):
            raise self._bad_tag(node)
        kind = tag[len(_TAG) :]
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() in ("true", "yes", "on")
        if kind == "int" and _INT.match(value):
            return int(value.replace("_", ""))
        if kind == "float":
            low = value.lower()
            if low in (".nan", ".inf", "-.inf", "+.inf"):
                raise self.fail(node, f"{value} is not a usable number", "write a finite number")
            if _FLOAT.match(value):
                return float(value.replace("_", ""))
            return value
        if kind == "timestamp":
            if _DATE.match(value):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError as e:
                    raise self.fail(node, f"{value} is not a real date ({e})", "write YYYY-MM-DD") from None
            return value  # times are not used anywhere; keep the text and let the model decide
        if kind in ("int", "str"):
            return value
        raise self._bad_tag(node)


class _NoAliasComposer(yaml.composer.Composer):
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            m = event.start_mark
            raise ContentError(
                [
                    Problem(
                        Location(self.name, m.line + 1, m.column + 1),  # type: ignore[attr-defined]
                        f"YAML alias *{event.anchor} is not allowed",
                        "write the value out in full (aliases can expand without bound)",
                    )
                ]
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            m = event.start_mark
            raise ContentError(
                [
                    Problem(
                        Location(self.name, m.line + 1, m.column + 1),  # type: ignore[attr-defined]
                        f"YAML anchor &{event.anchor} is not allowed",
                        "remove the anchor and write values out in full",
                    )
                ]
            )
        return super().compose_node(parent, index)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _NoAliasComposer,
    yaml.resolver.Resolver,
):
    def __init__(self, stream: str, name: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.name = name


# libyaml's parser (when PyYAML has it) with our composer on top: the same nodes, marks and refusals,
# several times faster on a large corpus. On a syntax error the pure-Python loader re-reads the file so
# the message (and the fix we suggest for it) is the one the Python parser gives.
try:
    from yaml._yaml import CParser as _CParser  # libyaml; absent on PyYAML builds without it
except ImportError:  # pragma: no cover
    _CParser = None
_CLoader: type | None = None
_CComposer: type | None = None
if _CParser is not None:

    class _CLoader(_NoAliasComposer, _CParser, yaml.resolver.Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str, name: str):
            _CParser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.name = name

    class _CComposer(_CParser, yaml.resolver.Resolver):  # type: ignore[no-redef]
        """libyaml composes the nodes too: only for text without `&` or `*`, where no anchor or
        alias can be (so there is nothing for our composer to refuse)."""

        def __init__(self, stream: str, name: str):
            _CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)
            self.name = name


def _compose(text: str, name: str) -> yaml.Node | None:
    if _CLoader is not None:
        cls = _CComposer if "&" not in text and "*" not in text else _CLoader
        fast = cls(text, name)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            pass  # re-read below for the Python parser's message
        finally:
            fast.dispose()
    loader = _Loader(text, name)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_yaml_text(text: str, name: str) -> Doc:
    try:
        node = _compose(text, name)
    except ContentError:
        raise
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        where = Location(name, m.line + 1, m.column + 1) if m else Location(name)
        what = f"YAML syntax: {e.problem or e.context}"
        raise ContentError([Problem(where, what, _syntax_fix(e.problem or ""))]) from None
    except yaml.YAMLError as e:
        raise ContentError([Problem(Location(name), f"YAML: {e}", "fix the file's YAML syntax")]) from None
    if node is None:
        raise ContentError([Problem(Location(name, 1, 1), "the file is empty", "add the document's keys")])
    b = _Builder(name)
    data = b.build(node, ())
    return Doc(data=data, path=name, marks=b.marks)


def _syntax_fix(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values" in problem:
        return "quote text that contains ': ' (wrap it in double quotes)"
    if "found character '@'" in problem or "'`'" in problem:
        return "quote values that start with @ or `"
    return "check indentation and quoting on this line and the one above"


def read_text(path: Path) -> str:
    name = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ContentError([Problem(Location(name), f"cannot read file: {e.strerror}", "check the path")]) from None
    if size > MAX_BYTES:
        raise ContentError(
            [Problem(Location(name), f"file is {size:,} bytes (limit {MAX_BYTES:,})", "split it or remove bulk text")]
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ContentError([Problem(Location(name), "file contains NUL bytes (binary?)", "save it as UTF-8 text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ContentError(
            [Problem(Location(name, line, 1), "file is not valid UTF-8", "save content files as UTF-8")]
        ) from None
    return text


def parse_yaml(path: Path) -> Doc:
    return parse_yaml_text(read_text(path), display_path(path))


# --------------------------------------------------------------------------- data → models


def _fix_for(err: dict[str, Any]) -> str:
    t = err["type"]
    if t == "missing":
        return f"add the key `{err['loc'][-1]}`"
    if t == "extra_forbidden":
        return "remove it, or check the spelling against docs/FORMATS.md"
    if t.startswith("date"):
        return "write the date as YYYY-MM-DD"
    if t in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return "write a plain number without units or commas (3800億 is 380000000000)"
    if t in ("string_type",):
        return "write text here (quote it if it looks like a number or date)"
    if t in ("list_type",):
        return "write a block list, one `- item` per line"
    if t in ("enum", "literal_error"):
        return "use one of the allowed values"
    if t == "string_too_long":
        return "shorten it"
    return "see docs/FORMATS.md for this key"


def problems_from_validation(e: ValidationError, doc: Doc) -> list[Problem]:
    out = []
    for err in e.errors(include_url=False):
        loc = tuple(err["loc"])
        # pydantic reports model-level errors with no loc; aliases use their YAML key
        where = doc.locate(loc)
        dotted = ".".join(str(x) for x in loc) or "(document)"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key `{loc[-1]}`"
            if " " in str(loc[-1]):  # prose as a key: a comma split a {flow, mapping} value
                out.append(Problem(where, msg, "a comma inside { … } ends the value there; wrap the text in quotes"))
                continue
        elif err["type"] == "missing":
            msg = f"missing key `{loc[-1]}`" + (f" in {'.'.join(map(str, loc[:-1]))}" if len(loc) > 1 else "")
        else:
            msg = f"{dotted}: {msg}"
        out.append(Problem(where, msg, _fix_for(err)))
    return sorted(out, key=lambda p: p.where)


def to_model(doc: Doc, model: type[M], data: Any = None, prefix: tuple[Any, ...] = ()) -> M:
    try:
        return model.model_validate(doc.data if data is None else data)
    except ValidationError as e:
        probs = problems_from_validation(e, doc)
        if prefix:
            probs = [
                Problem(doc.locate(prefix) if p.where.line == 0 else p.where, p.what, p.fix) for p in probs
            ]
        raise ContentError(probs) from None


def load_yaml_model(path: Path, model: type[M]) -> M:
    return to_model(parse_yaml(path), model)
