"""Tests of the portfolio review."""
