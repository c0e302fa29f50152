"""Shared by the coding tests: an accepted two-sum and typing into the pad's editor."""

from __future__ import annotations

from typing import Any

TWO_SUM = """class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for j, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], j]
            seen[v] = j
"""


def type_solution(page: Any, code: str) -> None:
    """Replace the editor's text with ``code`` (CodeMirror, through the keyboard)."""
    page.wait_for_selector(".cm-editor")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
