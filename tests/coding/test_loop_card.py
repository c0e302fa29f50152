"""The mock-loop coding scorecard on real judge results (real sandbox): a stub that never ran
earns no complexity credit, and a statement's extra-space limit is checked."""

from __future__ import annotations

from typing import Any

from loopcoach.areas.loop import scorecard
from loopcoach.services import coding

STUB = "class Solution:\n    pass\n"
HASHED = """class Solution:
    def singleNumber(self, nums):
        seen = set()
        for x in nums:
            if x in seen:
                seen.remove(x)
            else:
                seen.add(x)
        return seen.pop()
"""
XOR = """class Solution:
    def singleNumber(self, nums):
        acc = 0
        for x in nums:
            acc ^= x
        return acc
"""


def _card(result: dict[str, Any], claim: str, optimal: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in scorecard.coding_card(result, claim, "I use a hash map and scan once.", optimal)}


def test_a_stub_that_never_ran_gets_no_credit_for_its_claim(ctx: Any) -> None:
    result = coding.submit(ctx, "two-sum", STUB, claimed_time="O(n)", via="loop")
    assert result["verdict"] != "accepted" and result["complexity"] is None
    card = _card(result, "O(n)", "O(n)")
    rating = card["complexity_analysis"]
    assert rating["rating"] <= 2
    text = " ".join(rating["evidence"])
    assert "matches the measurement" not in text and "could not be checked" in text


def test_the_statements_extra_space_limit_is_checked(ctx: Any) -> None:
    result = coding.submit(ctx, "single-number", HASHED, claimed_time="O(n)", claimed_space="O(1)", via="loop")
    assert result["verdict"] == "accepted"
    check = result["space_check"]
    assert check["required"] == "O(1)" and not check["ok"] and "a set `seen` (line 3)" in check["message"]
    card = _card(result, "O(n)", "O(n)")
    assert card["complexity_analysis"]["rating"] <= 2
    assert any("asks for O(1) extra space" in e for e in card["complexity_analysis"]["evidence"])
    good = coding.submit(ctx, "single-number", XOR, claimed_time="linear", claimed_space="constant", via="loop")
    assert good["space_check"]["ok"]
    assert {r["id"]: r for r in scorecard.coding_card(good, "linear", "XOR all values: O(n) time, O(1) space; "
                                                      "edge case: a single element.", "O(n)")
            }["complexity_analysis"]["rating"] == 4
