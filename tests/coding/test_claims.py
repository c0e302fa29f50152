"""The claim parser on a table of phrasings as candidates write and say them."""

from __future__ import annotations

import pytest

from loopcoach.areas.coding.claims import parse_bound, parse_claim

# phrasing -> (normalised bound, nearest one-variable class)
BOUNDS: list[tuple[str, str, str]] = [
    ("O(n)", "O(n)", "O(n)"),
    ("O(N)", "O(n)", "O(n)"),
    ("o(n)", "O(n)", "O(n)"),
    ("O(2n)", "O(n)", "O(n)"),
    ("O(3n + 5)", "O(n)", "O(n)"),
    ("O(n/2)", "O(n)", "O(n)"),
    ("O(1)", "O(1)", "O(1)"),
    ("O(26)", "O(1)", "O(1)"),
    ("constant", "O(1)", "O(1)"),
    ("linear", "O(n)", "O(n)"),
    ("Linear time", "O(n)", "O(n)"),
    ("quadratic", "O(n^2)", "O(n^2)"),
    ("cubic", "O(n^3)", "O(n^3)"),
    ("logarithmic", "O(log n)", "O(log n)"),
    ("log-linear", "O(n log n)", "O(n log n)"),
    ("linearithmic", "O(n log n)", "O(n log n)"),
    ("exponential", "O(2^n)", "O(2^n)"),
    ("O(log n)", "O(log n)", "O(log n)"),
    ("O(logn)", "O(log n)", "O(log n)"),
    ("O(log(n))", "O(log n)", "O(log n)"),
    ("O(log2 n)", "O(log n)", "O(log n)"),
    ("O(n log n)", "O(n log n)", "O(n log n)"),
    ("O(nlogn)", "O(n log n)", "O(n log n)"),
    ("O(n*log(n))", "O(n log n)", "O(n log n)"),
    ("O(N log N)", "O(n log n)", "O(n log n)"),
    ("n log n", "O(n log n)", "O(n log n)"),
    ("O(n lg n)", "O(n log n)", "O(n log n)"),
    ("O(n^2)", "O(n^2)", "O(n^2)"),
    ("O(n**2)", "O(n^2)", "O(n^2)"),
    ("O(n²)", "O(n^2)", "O(n^2)"),
    ("O(n2)", "O(n^2)", "O(n^2)"),
    ("n squared", "O(n^2)", "O(n^2)"),
    ("O(n^2 + n)", "O(n^2)", "O(n^2)"),
    ("O(n * n)", "O(n^2)", "O(n^2)"),
    ("O(n³)", "O(n^3)", "O(n^3)"),
    ("n cubed", "O(n^3)", "O(n^3)"),
    ("O(2^n)", "O(2^n)", "O(2^n)"),
    ("O(2**n)", "O(2^n)", "O(2^n)"),
    ("O(n * 2^n)", "O(2^n * n)", "O(2^n)"),
    ("O(n!)", "O(n!)", "O(2^n)"),
    ("Θ(n)", "O(n)", "O(n)"),
    ("Theta(n log n)", "O(n log n)", "O(n log n)"),
    ("big O of n", "O(n)", "O(n)"),
    ("big-O(n^2)", "O(n^2)", "O(n^2)"),
    ("O(n + m)", "O(m + n)", "O(n)"),
    ("O(m + n)", "O(m + n)", "O(n)"),
    ("O(V+E)", "O(E + V)", "O(n)"),
    ("O(V + E)", "O(E + V)", "O(n)"),
    ("O(n*m)", "O(m * n)", "O(n^2)"),
    ("O(m * n)", "O(m * n)", "O(n^2)"),
    ("O(mn)", "O(m * n)", "O(n^2)"),
    ("O(E log V)", "O(E log V)", "O(n log n)"),
    ("O((V + E) log V)", "O(E log V + V log V)", "O(n log n)"),
    ("O(k log n)", "O(k log n)", "O(n log n)"),
    ("O(n log k)", "O(n log k)", "O(n log n)"),
    ("O(amount * k)", "O(amount * k)", "O(n^2)"),
    ("O(n * k)", "O(k * n)", "O(n^2)"),
    ("O(n + k log k)", "O(k log k + n)", "O(n log n)"),
    ("O(n * L)", "O(l * n)", "O(n^2)"),
    ("O(sqrt(n))", "O(n^0.5)", "O(n)"),
    ("O(n log n + n)", "O(n log n)", "O(n log n)"),
    ("O(log n + log m)", "O(log m + log n)", "O(log n)"),
    ("O(4^n)", "O(2^n)", "O(2^n)"),
    ("O(n times m)", "O(m * n)", "O(n^2)"),
    ("n plus m", "O(m + n)", "O(n)"),
    ("O(len(s))", "O(s)", "O(n)"),
]


@pytest.mark.parametrize(("text", "norm", "cls"), BOUNDS)
def test_bound_is_normalised(text: str, norm: str, cls: str) -> None:
    bound = parse_bound(text)
    assert bound is not None, text
    assert bound.text() == norm
    assert bound.one_variable() == cls


def test_table_is_large_enough() -> None:
    assert len(BOUNDS) + len(CLAIMS) >= 60


@pytest.mark.parametrize("text", ["", "fast", "I don't know", "pretty good", "O(", "???"])
def test_not_a_bound(text: str) -> None:
    assert parse_bound(text) is None


def test_one_variable_of_a_multivariable_bound() -> None:
    bound = parse_bound("O(amount * k)")
    assert bound is not None
    assert bound.in_variable("amount") == "O(n)"
    assert bound.in_variable("k") == "O(n)"
    assert bound.in_variable("x") == "O(1)"
    lg = parse_bound("O(n log k)")
    assert lg is not None and lg.in_variable("k") == "O(log n)"


# sentence -> (time bound, space bound, {case: bound})
CLAIMS: list[tuple[str, str | None, str | None, dict[str, str]]] = [
    ("O(n) time, O(1) space", "O(n)", "O(1)", {}),
    ("O(n) time and O(1) extra space", "O(n)", "O(1)", {}),
    ("linear time, constant extra space", "O(n)", "O(1)", {}),
    ("constant extra space", None, "O(1)", {}),
    ("quadratic in the worst case, linear on average", "O(n^2)", None,
     {"worst": "O(n^2)", "average": "O(n)"}),
    ("O(n) on average but O(n^2) worst case", "O(n^2)", None,
     {"worst": "O(n^2)", "average": "O(n)"}),
    ("amortized O(1) per operation", "O(1)", None, {"amortised": "O(1)"}),
    ("time O(V + E), space O(V)", "O(E + V)", "O(V)", {}),
    ("n log n because of the sort", "O(n log n)", None, {}),
    ("O(n log n) time and O(n) memory", "O(n log n)", "O(n)", {}),
    ("in place, linear time", "O(n)", "O(1)", {}),
    ("O(m*n) time with O(m) space", "O(m * n)", "O(m)", {}),
    ("Worst case O(n^2); O(n log n) expected", "O(n^2)", None, {"average": "O(n log n)"}),
]


@pytest.mark.parametrize(("text", "time", "space", "cases"), CLAIMS)
def test_claim_sentence(text: str, time: str | None, space: str | None, cases: dict[str, str]) -> None:
    claim = parse_claim(text)
    assert (claim.time.text() if claim.time else None) == time
    assert (claim.space.text() if claim.space else None) == space
    for case, want in cases.items():
        assert claim.cases[case].text() == want


def test_a_space_field_reads_bare_bounds_as_space() -> None:
    claim = parse_claim("O(n)", role="space")
    assert claim.space is not None and claim.space.text() == "O(n)" and claim.time is None
