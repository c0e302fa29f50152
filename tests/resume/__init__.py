"""Tests of the resume checker."""
