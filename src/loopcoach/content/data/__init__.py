"""Bundled content banks, one folder per bank."""
