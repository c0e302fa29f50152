"""The in-sandbox harness's conversions (exercised in-process: it is plain code)."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.areas.coding import child


@pytest.mark.parametrize("values", [[], [1], [1, 2, 3], [5, 5, 5, -1]])
def test_linked_list_round_trip(values: list[int]) -> None:
    assert child.to_json(child.to_linked(values)) == (values if values else None)


@pytest.mark.parametrize("values", [
    [], [1], [3, 9, 20, None, None, 15, 7], [1, None, 2, None, 3], [1, 2], [1, None, 2],
    [5, 3, 8, 1, 4, None, 9],
])
def test_tree_round_trip(values: list[Any]) -> None:
    tree = child.to_tree(values)
    assert child.to_json(tree) == (values if values else None)


def test_cyclic_list_is_an_error() -> None:
    a = child.ListNode(1)
    a.next = child.ListNode(2, a)
    with pytest.raises(ValueError, match="cycle"):
        child.to_json(a)


def test_exotic_values_are_refused_or_flattened() -> None:
    class Weird:
        pass

    with pytest.raises(TypeError):
        child.to_json(Weird())

    class Liar(int):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = int.__hash__

    out = child.to_json([Liar(3), (1, 2), {1: "a"}])
    assert out == [3, [1, 2], {"1": "a"}]
    assert type(out[0]) is int


def test_convert_in_by_type_name() -> None:
    lists = child.convert_in([[1, 4], [2]], "List[Optional[ListNode]]")
    assert [child.to_json(x) for x in lists] == [[1, 4], [2]]
    assert child.convert_in(None, "Optional[TreeNode]") is None
    assert child.convert_in([1, 2], "List[int]") == [1, 2]
