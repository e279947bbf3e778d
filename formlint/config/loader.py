"""Strict YAML loading: every value keeps its file:line, and every validation error names it.

Used for ``formlint.yml``, crawl configs and rule packs alike, so all of them report mistakes the
same way: ``formlint.yml:12: rules.gender-binary-options.severty: unknown key (did you mean
'severity'?)``. Errors are :class:`~formlint.errors.ConfigError` (exit code 2).

Only plain YAML is read: a tag (``!!python/object``, ``!include``) is refused with its file:line
before any value is built, and anchors and aliases (with ``<<`` merge keys) are expanded only while
the expansion stays under :data:`MAX_ALIAS_EXPANSION` values, so a config from a pull request can
neither run code nor blow up into gigabytes ("billion laughs") before it is validated.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from formlint.errors import ConfigError

Loc = tuple[str | int, ...]
# libyaml's parser when PyYAML has it (its wheels do): composing the rule packs with the pure-Python
# parser was ~0.4 s of every start-up. Same nodes and marks; values are still built by SafeLoader.
_COMPOSE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=BaseModel)

_CORE = "tag:yaml.org,2002:"
# The tags plain YAML resolves to by itself: anything else was written as a tag.
_PLAIN_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_MERGE_TAG = _CORE + "merge"
# How many values aliases may add beyond those written out: a config that repeats a block a few
# times stays far below; an alias bomb (each level doubling the one before) is refused at once.
MAX_ALIAS_EXPANSION = 100_000


class LineMap(dict[Loc, int]):
    """Key path -> 1-based line number in the YAML source."""

    def line_for(self, loc: Loc) -> int | None:
        # The deepest known ancestor of the path: an unknown key's own line is known, a missing
        # key's line is its parent mapping's.
        for n in range(len(loc), -1, -1):
            if loc[:n] in self:
                return self[loc[:n]]
        return None


def load_yaml(text: str, source: str) -> tuple[Any, LineMap]:
    """Parse YAML and record the line of every key and item."""
    lines = LineMap()
    try:
        node = yaml.compose(text, Loader=_COMPOSE_LOADER)
        if node is None:
            return {}, lines
        _check_graph(node, source)
        constructor = yaml.SafeLoader("")
        return _build(node, (), lines, constructor, source), lines
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"invalid YAML: {problem}", source=source, line=line) from None
    except RecursionError:
        raise ConfigError("YAML nested too deeply", source=source) from None


def _check_graph(root: yaml.Node, source: str) -> None:
    """Refuse tags and recursive or oversized aliases before building anything.

    The composed document is a graph in which an alias is the anchored node itself, so the size
    of the expanded data is counted on the graph (each node once), not by expanding it.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in open_nodes:
            raise ConfigError("an alias refers to a node that contains it", **_at(node, source))
        if node.tag not in _PLAIN_TAGS and node.tag != _MERGE_TAG:
            raise ConfigError(
                f"YAML tag {_shown_tag(node.tag)} is not allowed (plain values only)",
                **_at(node, source),
            )
        open_nodes.add(key)
        n = 1
        if isinstance(node, yaml.MappingNode):
            n += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            n += sum(size(v) for v in node.value)
        open_nodes.discard(key)
        sizes[key] = n
        return n

    expanded = size(root)
    if expanded - len(sizes) > MAX_ALIAS_EXPANSION:
        raise ConfigError(
            f"aliases expand to {expanded:,} values (more than {MAX_ALIAS_EXPANSION:,} beyond "
            "those written out); refused",
            source=source,
            line=1,
        )


def _at(node: yaml.Node, source: str) -> dict[str, Any]:
    return {"source": source, "line": node.start_mark.line + 1}


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def load_yaml_file(path: Path) -> tuple[Any, LineMap]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("no such file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", source=str(path)) from None
    return load_yaml(text, str(path))


def _build(
    node: yaml.Node, path: Loc, lines: LineMap, constructor: yaml.SafeLoader, source: str
) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        merged: list[yaml.Node] = []  # `<<: *defaults` (or a list of them): keys not set here
        for knode, vnode in node.value:
            if knode.tag == _MERGE_TAG:
                merged += vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
                continue
            key = constructor.construct_object(knode, deep=True)
            if not isinstance(key, (str, int)):
                raise ConfigError(
                    f"unsupported key {key!r}", source=source, line=knode.start_mark.line + 1
                )
            if key in out:
                raise ConfigError(
                    f"duplicate key {key!r}", source=source, line=knode.start_mark.line + 1
                )
            out[key] = _build(vnode, (*path, key), lines, constructor, source)
            lines[(*path, key)] = knode.start_mark.line + 1
        for src in merged:
            if not isinstance(src, yaml.MappingNode):
                raise ConfigError("'<<' merges mappings only", **_at(src, source))
            src_lines = LineMap()
            for key, value in _build(src, path, src_lines, constructor, source).items():
                if key not in out:  # keys written here win, then earlier merges
                    out[key] = value
                    n = len(path)
                    lines.update(
                        (loc, ln) for loc, ln in src_lines.items() if loc[n : n + 1] == (key,)
                    )
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), lines, constructor, source)
            for i, item in enumerate(node.value)
        ]
    return constructor.construct_object(node, deep=True)


def validate(model: type[M], data: Any, lines: LineMap, source: str) -> M:
    """Validate data against a pydantic model, turning the first errors into one ConfigError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_errors(model, exc, lines, source), source=None) from None


def format_errors(
    model: type[BaseModel], exc: ValidationError, lines: LineMap, source: str, limit: int = 5
) -> str:
    msgs = []
    for err in exc.errors()[:limit]:
        loc: Loc = tuple(
            x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-"))
        )
        line = lines.line_for(loc)
        where = f"{source}:{line}" if line else source
        dotted = ".".join(str(x) for x in loc) or "(top level)"
        msgs.append(f"{where}: {dotted}: {_explain(model, err, loc)}")
    more = len(exc.errors()) - limit
    if more > 0:
        msgs.append(f"... and {more} more")
    return "\n".join(msgs)


def _explain(model: type[BaseModel], err: Mapping[str, Any], loc: Loc) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1])
        key = str(loc[-1]) if loc else ""
        hint = difflib.get_close_matches(key, allowed, n=1)
        msg = "unknown key"
        if hint:
            msg += f" (did you mean {hint[0]!r}?)"
        if allowed:
            msg += f"; allowed: {', '.join(sorted(allowed))}"
        return msg
    if kind == "missing":
        return "required key is missing"
    value = err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    expected = (err.get("ctx") or {}).get("expected")
    if expected:
        return f"bad value {shown}; allowed: {expected}"
    return f"bad value {shown}: {err['msg']}"


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` may have, following the model's annotations."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _step(tp: Any, part: str | int) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, f in tp.model_fields.items():
            if part in (name, f.alias):
                return _unwrap(f.annotation)
        return None
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in (list, tuple, set, frozenset) and args:
        return _unwrap(args[0])
    if origin in (dict, Mapping) and len(args) == 2:
        return _unwrap(args[1])
    return None


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Union-with-None and Annotated to reach the model or container type."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in get_args(tp) if a is not type(None)]
        for a in non_none:
            u = _unwrap(a)
            if (isinstance(u, type) and issubclass(u, BaseModel)) or get_origin(u) in (list, dict):
                return u
        return _unwrap(non_none[0]) if non_none else tp
    return tp
