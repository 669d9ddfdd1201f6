"""Property-based fuzzing of everything that reads what people type or files they hand in: the
ID and credit-code validators, the facts JSON, dates, and the guide importer. Whatever the
input, the answer is a value or the documented InputError/DataError — never another exception."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shebao.cases.documents import parse_credit_code
from shebao.errors import DataError, InputError
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, facts_from_json, parse_facts
from shebao.rules.identity import parse_resident_id
from shebao.workdays.dates import parse_date, parse_year_month

TODAY = dt.date(2026, 11, 30)
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))

# Text people's machines produce: digits in any width, X/x, separators, invisible characters.
typed = st.text(
    alphabet=st.sampled_from(
        [*"0123456789Xx-/. 年月日号", "\u200b", "\ufeff", "\u3000", "１", "２", "Ｘ", "\x00"]
    ),
    max_size=30,
) | st.text(max_size=60)


@FUZZ
@given(typed)
def test_a_resident_id_is_read_or_refused_in_words(text: str) -> None:
    try:
        found = parse_resident_id(text, today=TODAY)
    except InputError as exc:
        assert str(exc)
    else:
        assert len(found.number) == 18 and found.birth_date <= TODAY


@FUZZ
@given(typed | st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=18, max_size=18))
def test_a_credit_code_is_read_or_refused_in_words(text: str) -> None:
    try:
        code = parse_credit_code(text)
    except InputError as exc:
        assert str(exc)
    else:
        assert len(code) == 18


@FUZZ
@given(typed)
def test_a_date_is_read_or_refused_in_words(text: str) -> None:
    for parse in (parse_date, parse_year_month):
        try:
            parse(text)
        except InputError as exc:
            assert str(exc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
facts_like = (
    st.dictionaries(st.sampled_from([*FACTS, "age", "x", ""]), json_values, max_size=8)
    | json_values
)


@FUZZ
@given(facts_like)
def test_facts_in_any_shape_are_checked_or_refused_in_words(raw) -> None:
    try:
        parse_facts(raw, today=TODAY, derived=DERIVED_SPECS)
    except InputError as exc:
        assert str(exc)


@FUZZ
@given(st.text(max_size=200) | facts_like.map(lambda v: json.dumps(v, allow_nan=True)))
def test_facts_json_text_is_read_or_refused_in_words(text: str) -> None:
    try:
        facts_from_json(text)
    except InputError as exc:
        assert str(exc)


@pytest.fixture(scope="module")
def guide_lines(guide_text: str) -> list[str]:
    return guide_text.splitlines()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_damaged_guide_is_imported_or_refused_never_half_written(
    tmp_path_factory, guide_lines, data
):
    """Lines dropped, doubled or garbled: the importer writes a whole catalog or nothing."""
    from shebao.editor.importer import write_catalog
    from shebao.guide import DATA_ROOT

    lines = list(guide_lines)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "double", "garble", "cut"]))
        if action == "drop":
            del lines[at]
        elif action == "double":
            lines.insert(at, lines[at])
        elif action == "garble":
            lines[at] = data.draw(st.text(max_size=40))
        else:
            lines = lines[:at]
            break
    work = tmp_path_factory.mktemp("guide")
    source = work / "guide.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = work / "dalian"
    out.mkdir()
    (out / "import_rules.yaml").write_bytes(
        (DATA_ROOT / "dalian" / "import_rules.yaml").read_bytes()
    )
    try:
        written = write_catalog(source, out, "dalian")
    except (DataError, InputError) as exc:
        assert str(exc)
        assert sorted(p.name for p in out.iterdir()) == ["import_rules.yaml"]  # nothing written
    else:
        assert written and (out / "guide.yaml").exists()
