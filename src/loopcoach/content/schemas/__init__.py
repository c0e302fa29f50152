"""Pydantic schemas of the content banks, one module per area."""
