"""The coding interview: LeetCode-compatible harness, comparison, verdicts, complexity fit."""
