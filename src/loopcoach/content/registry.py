"""The registry of content banks: bank name -> folder and schema.

An area registers its bank with one line in ``BANKS``. The schema is named
by import path and imported only when the bank is loaded, so listing banks
stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BankSpec:
    """A bank: its name, the folder of its files under data/ (and in the overlay), its schema."""

    name: str
    folder: str
    schema: str  # "module:Class"


_SPECS: list[BankSpec] = [
    # one line per bank:
    BankSpec("coding", "coding", "loopcoach.content.schemas.coding:CodingProblem"),
    BankSpec("theory", "theory", "loopcoach.content.schemas.theory:TheoryQuestion"),
    BankSpec("design", "design", "loopcoach.content.schemas.design:DesignPrompt"),
    BankSpec("behavioral", "behavioral", "loopcoach.content.schemas.behavioral:BehavioralQuestion"),
]

BANKS: dict[str, BankSpec] = {spec.name: spec for spec in _SPECS}
