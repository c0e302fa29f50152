"""Fit the STAR labeller on the bundled training split and write the file loopcoach ships.

Usage: .venv/bin/python tools/fit_star_labeller.py        (needs scikit-learn: the test or train extra)

Writes src/loopcoach/areas/behavioral/data/star_labeller.npz: the fitted
arrays (``StarLabeller.to_arrays``) plus ``key``, the feature version and a
hash of star_train.yaml. The service uses the file only while its key matches,
and tests/behavioral/test_services.py fails when it is stale, so run this
after changing the training split or the features.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from loopcoach.areas.behavioral.dataset import training_stories  # noqa: E402
from loopcoach.areas.behavioral.labeller import fit_labeller  # noqa: E402
from loopcoach.services.behavioral import SHIPPED_LABELLER, labeller_key  # noqa: E402

OUTPUT = ROOT / "src" / "loopcoach" / "areas" / "behavioral" / "data" / SHIPPED_LABELLER


def main() -> None:
    """Fit and write the labeller."""
    labeller = fit_labeller(training_stories())
    np.savez_compressed(OUTPUT, key=np.asarray(labeller_key()), **labeller.to_arrays())  # type: ignore[arg-type]
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1000:.0f} kB, key {labeller_key()})")


if __name__ == "__main__":
    main()
