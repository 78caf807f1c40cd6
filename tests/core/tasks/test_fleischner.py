"""Every cell of the Fleischner Society 2017 table (MacMahon et al., Radiology 2017;284:228).

The expected texts below are typed from the published table, not from the code.
"""

import pytest

from app.core.tasks.fleischner import (
    NoduleInput,
    cell,
    mean_diameter,
    recommend,
    size_band,
)

# (count, band, risk) -> the table's "Solid Nodules" cell.
SOLID_TABLE = [
    ("single", "<6", "low", "No routine follow-up."),
    ("single", "<6", "high", "Optional CT at 12 months."),
    ("single", "6-8", "low", "CT at 6-12 months, then consider CT at 18-24 months."),
    ("single", "6-8", "high", "CT at 6-12 months, then CT at 18-24 months."),
    ("single", ">8", "low", "Consider CT at 3 months, PET/CT, or tissue sampling."),
    ("single", ">8", "high", "Consider CT at 3 months, PET/CT, or tissue sampling."),
    ("multiple", "<6", "low", "No routine follow-up."),
    ("multiple", "<6", "high", "Optional CT at 12 months."),
    ("multiple", "6-8", "low", "CT at 3-6 months, then consider CT at 18-24 months."),
    ("multiple", "6-8", "high", "CT at 3-6 months, then at 18-24 months."),
    ("multiple", ">8", "low", "CT at 3-6 months, then consider CT at 18-24 months."),
    ("multiple", ">8", "high", "CT at 3-6 months, then at 18-24 months."),
]
# (type, count, size < 6 mm?) -> the table's "Subsolid Nodules" cell (risk does not enter).
SUBSOLID_TABLE = [
    ("ground-glass", "single", True, "No routine follow-up."),
    ("ground-glass", "single", False,
     "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years."),
    ("part-solid", "single", True, "No routine follow-up."),
    ("part-solid", "single", False,
     "CT at 3-6 months to confirm persistence. If unchanged and solid component remains < 6 mm, "
     "annual CT should be performed for 5 years."),
    ("ground-glass", "multiple", True, "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
    ("ground-glass", "multiple", False,
     "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
    ("part-solid", "multiple", True, "CT at 3-6 months. If stable, consider CT at 2 and 4 years."),
    ("part-solid", "multiple", False,
     "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)."),
]
SIZE_FOR_BAND = {"<6": 4.0, "6-8": 7.0, ">8": 12.0}


@pytest.mark.parametrize(("count", "band", "risk", "expected"), SOLID_TABLE)
def test_every_solid_cell(count, band, risk, expected):
    assert cell("solid", count, band, risk) == expected
    result = recommend(NoduleInput(SIZE_FOR_BAND[band], "solid", count, risk))
    assert result.complete and result.recommendation == expected
    assert result.size_band == band and result.missing == []


@pytest.mark.parametrize(("nodule_type", "count", "small", "expected"), SUBSOLID_TABLE)
@pytest.mark.parametrize("risk", ["low", "high", None])
def test_every_subsolid_cell_for_any_risk(nodule_type, count, small, expected, risk):
    sizes = [3.0, 5.4] if small else [6.0, 7.0, 8.0, 15.0, 30.0]
    for size in sizes:
        result = recommend(NoduleInput(size, nodule_type, count, risk))
        assert result.recommendation == expected, (size, risk)
        assert result.missing == []  # risk never enters a subsolid cell


@pytest.mark.parametrize(("size", "band"), [
    (1, "<6"), (5.0, "<6"), (5.4, "<6"), (5.5, "6-8"), (6, "6-8"), (8.0, "6-8"),
    (8.4, "6-8"), (8.5, ">8"), (9, ">8"), (29.9, ">8"),
])  # fmt: skip
def test_size_bands_round_to_the_nearest_millimetre(size, band):
    assert size_band(size) == band


def test_size_is_the_mean_of_long_and_short_axis():
    assert mean_diameter([7, 5]) == 6.0
    assert mean_diameter([5, 7]) == 6.0
    assert mean_diameter([9]) == 9.0
    assert mean_diameter([12, 8, 10]) == 11.0  # three axes: the two largest
    with pytest.raises(ValueError):
        mean_diameter([])


def test_unknown_risk_gives_both_answers_not_a_guess():
    result = recommend(NoduleInput(7, "solid", "single", None))
    assert not result.complete
    assert result.missing == ["patient risk (low or high: smoking history, other risk factors)"]
    assert result.by_risk == {
        "low": "CT at 6-12 months, then consider CT at 18-24 months.",
        "high": "CT at 6-12 months, then CT at 18-24 months.",
    }


def test_unknown_risk_is_not_needed_where_it_does_not_change_the_answer():
    result = recommend(NoduleInput(11, "solid", "single", None))
    assert result.recommendation == "Consider CT at 3 months, PET/CT, or tissue sampling."


def test_unknown_type_is_reported_missing():
    result = recommend(NoduleInput(7, None, "single", "low"))
    assert not result.complete
    assert result.missing == ["nodule type (solid, part-solid or ground-glass)"]
    assert result.by_risk == {}


def test_subsolid_without_kind_is_answered_where_both_kinds_agree():
    assert recommend(NoduleInput(4, None, "single", None, subsolid=True)).recommendation == (
        "No routine follow-up.")
    multiple_small = recommend(NoduleInput(4, None, "multiple", None, subsolid=True))
    assert multiple_small.recommendation == "CT at 3-6 months. If stable, consider CT at 2 and 4 years."
    large = recommend(NoduleInput(10, None, "single", None, subsolid=True))
    assert large.missing == ["subsolid nodule type (part-solid or ground-glass)"]


def test_everything_missing_lists_everything():
    result = recommend(NoduleInput())
    assert result.recommendation is None
    assert result.missing == [
        "nodule size (mm)",
        "nodule type (solid, part-solid or ground-glass)",
        "number of nodules (single or multiple)",
        "patient risk (low or high: smoking history, other risk factors)",
    ]


def test_missing_count_only_when_it_matters():
    # Solid, < 6 mm, low risk: single and multiple agree.
    assert recommend(NoduleInput(4, "solid", None, "low")).recommendation == "No routine follow-up."
    result = recommend(NoduleInput(7, "solid", None, "low"))
    assert result.missing == ["number of nodules (single or multiple)"]


def test_bad_size_is_an_error():
    with pytest.raises(ValueError):
        recommend(NoduleInput(0, "solid", "single", "low"))


def test_result_names_its_source_and_scope():
    result = recommend(NoduleInput(4, "solid", "single", "low"))
    assert "MacMahon" in result.citation and "2017" in result.citation
    assert any("35" in note for note in result.notes)
