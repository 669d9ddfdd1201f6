"""Rule conditions: `all` / `any` / `not` over comparisons of named facts, never Python `eval`.

A condition is checked against the fact schema when the rules load and compiled once into
closures. Evaluation is three-valued (Kleene): a comparison on a fact that was not given is
unknown, and unknown only spreads where it can change the answer, so `missing` can name exactly
the facts that would decide.

    {fact: contribution_months, lt: 180}
    {all: [{fact: early_reason, eq: illness}, {any: [...]}]}
    {not: {fact: flexible_early, eq: true}}
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from shebao.errors import DataError
from shebao.rules.derived import DERIVED, Context, inputs_of
from shebao.rules.facts import FactSpec

Truth = bool | None  # None: the facts given cannot decide

_COMPARE: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    "eq": (operator.eq, "="),
    "ne": (operator.ne, "≠"),
    "lt": (operator.lt, "<"),
    "le": (operator.le, "≤"),
    "gt": (operator.gt, ">"),
    "ge": (operator.ge, "≥"),
    "in": (lambda value, allowed: value in allowed, "∈"),
    "not_in": (lambda value, allowed: value not in allowed, "∉"),
}
_ORDERING = {"lt", "le", "gt", "ge"}


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: `test` decides, `missing` explains an undecided `test`."""

    test: Callable[[Context], Truth]
    missing: Callable[[Context], frozenset[str]]
    facts: tuple[str, ...]  # every fact name it reads, in order of appearance
    text: str  # a readable rendering, for listings and error messages
    # Given numeric facts compared with literals: (fact, (v, 0)) where the comparison changes
    # between "< v" and "≥ v", (fact, (v, 1)) between "≤ v" and "> v" (see derived.Derived.cuts).
    cuts: tuple[tuple[str, tuple[Any, int]], ...] = ()


def compile_condition(raw: Any, schema: Mapping[str, FactSpec], where: str) -> Condition:
    """Check `raw` against the fact schema and build its closures; a DataError names the spot."""
    if not isinstance(raw, Mapping) or not raw:
        raise DataError(f"{where}：条件应为键值表（all / any / not / fact）")
    keys = set(raw)
    for combinator in ("all", "any"):
        if combinator in keys:
            if keys != {combinator}:
                raise DataError(
                    f"{where}：{combinator} 不能与其他键并列（{sorted(map(str, keys))}）"
                )
            parts = raw[combinator]
            if not isinstance(parts, list) or not parts:
                raise DataError(f"{where}：{combinator} 应为非空列表")
            children = [
                compile_condition(p, schema, f"{where}.{combinator}[{n}]")
                for n, p in enumerate(parts)
            ]
            return _all(children) if combinator == "all" else _any(children)
    if "not" in keys:
        if keys != {"not"}:
            raise DataError(
                f"{where}：not 不能与 {'、'.join(sorted(map(str, keys - {'not'})))} 并列"
            )
        return _not(compile_condition(raw["not"], schema, f"{where}.not"))
    return _comparison(raw, schema, where)


def _comparison(raw: Mapping[str, Any], schema: Mapping[str, FactSpec], where: str) -> Condition:
    if "fact" not in raw:
        raise DataError(
            f"{where}：未知的条件写法 {sorted(map(str, raw))}；应为 all、any、not 或 fact + 比较"
        )
    name = raw["fact"]
    spec = schema.get(name) if isinstance(name, str) else None
    if spec is None:
        raise DataError(f"{where}：未知的事实“{name}”；可用：{'、'.join(schema)}")
    ops = set(raw) - {"fact"}
    if len(ops) != 1 or not ops <= set(_COMPARE):
        raise DataError(
            f"{where}：{name} 应恰有一个比较（{'、'.join(_COMPARE)}），收到 {sorted(map(str, ops))}"
        )
    op = ops.pop()
    expected = raw[op]
    if op in _ORDERING and not spec.ordered:
        raise DataError(f"{where}：{name}（{spec.label}）不是数，不能用 {op}")
    literals = expected if op in ("in", "not_in") else [expected]
    if not isinstance(literals, list) or not literals:
        raise DataError(f"{where}：{op} 后应为非空列表")
    for literal in literals:
        if not spec.accepts_literal(literal):
            raise DataError(f"{where}：{name} 只能与 {spec.accepted()} 比较，收到 {literal!r}")
    if op in ("in", "not_in"):
        expected = frozenset(expected)
    compare, symbol = _COMPARE[op]
    leaf = _leaf(name, compare, expected, f"{name} {symbol} {_show(expected)}")
    if spec.ordered and name not in DERIVED:
        leaf = replace(leaf, cuts=tuple((name, cut) for cut in _cuts(op, literals)))
    return leaf


def _cuts(op: str, literals: list[Any]) -> list[tuple[Any, int]]:
    """Where a comparison with these literals can change its answer (see Condition.cuts)."""
    if op in ("lt", "ge"):
        return [(literals[0], 0)]
    if op in ("le", "gt"):
        return [(literals[0], 1)]
    return [(v, side) for v in literals for side in (0, 1)]  # eq, ne, in, not_in


def _show(value: Any) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(map(_show, value))) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _leaf(name: str, compare: Callable[[Any, Any], bool], expected: Any, text: str) -> Condition:
    if name in DERIVED:

        def test(ctx: Context) -> Truth:
            value = ctx.derived(name)
            return None if value is None else compare(value, expected)

    else:

        def test(ctx: Context) -> Truth:
            value = ctx.values.get(name)
            return None if value is None else compare(value, expected)

    def missing(ctx: Context) -> frozenset[str]:
        return ctx.missing_for(name)

    return Condition(test, missing, (name,), text)


def _facts(children: list[Condition]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for c in children for f in c.facts))


def _all_cuts(children: list[Condition]) -> tuple[tuple[str, tuple[Any, int]], ...]:
    return tuple(dict.fromkeys(cut for c in children for cut in c.cuts))


def _undecided(children: list[Condition]) -> Callable[[Context], frozenset[str]]:
    """Only parts that are themselves undecided can be why a combination is undecided."""

    def missing(ctx: Context) -> frozenset[str]:
        names: frozenset[str] = frozenset()
        for child in children:
            if child.test(ctx) is None:
                names |= child.missing(ctx)
        return names

    return missing


def _all(children: list[Condition]) -> Condition:
    tests = tuple(c.test for c in children)

    def test(ctx: Context) -> Truth:
        result: Truth = True
        for part in tests:
            value = part(ctx)
            if value is False:
                return False
            if value is None:
                result = None
        return result

    text = "(" + " 且 ".join(c.text for c in children) + ")"
    return Condition(test, _undecided(children), _facts(children), text, _all_cuts(children))


def _any(children: list[Condition]) -> Condition:
    tests = tuple(c.test for c in children)

    def test(ctx: Context) -> Truth:
        result: Truth = False
        for part in tests:
            value = part(ctx)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    text = "(" + " 或 ".join(c.text for c in children) + ")"
    return Condition(test, _undecided(children), _facts(children), text, _all_cuts(children))


def _not(child: Condition) -> Condition:
    inner = child.test

    def test(ctx: Context) -> Truth:
        value = inner(ctx)
        return None if value is None else not value

    return Condition(test, child.missing, child.facts, f"非 {child.text}", child.cuts)


def given_inputs(condition: Condition) -> tuple[str, ...]:
    """The facts a person gives that the condition may read (derived facts expanded)."""
    return tuple(dict.fromkeys(i for name in condition.facts for i in inputs_of(name)))
