"""The interview path from the seed, with the user's progress per area read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loopcoach.services.context import AppContext


@dataclass(frozen=True)
class Area:
    """A practice area inside a stage: the store's area name and its page."""

    area: str
    label: str
    path: str
    what: str
    blurb: str = ""  # shown instead of numbers for an area that has no attempts to count


@dataclass
class Stage:
    """One step of the hiring path and the areas that prepare for it."""

    title: str
    summary: str
    areas: list[Area]
    progress: list[dict[str, Any]] = field(default_factory=list)


PATH: list[Stage] = [
    Stage("Resume and portfolio",
          "Project-centric resume with measured outcomes, the job's keywords and a visible GitHub link; "
          "READMEs that sell the work.",
          [Area("resume", "Resume check", "/resume", "resumes checked"),
           Area("portfolio", "Portfolio review", "/portfolio", "READMEs reviewed")]),
    Stage("Recruiter screen",
          "30 minutes on background, interest and salary expectations, and a crisp 2-minute summary of your "
          "best project.",
          [Area("pitch", "2-minute pitch", "/behavioral/pitch", "pitches checked"),
           Area("recruiter", "Recruiter preparation", "/behavioral/recruiter", "",
                "Your background story, why each company, and salary expectations.")]),
    Stage("Technical phone screen",
          "45-60 minutes with an engineer: coding in a shared editor plus ML theory questions.",
          [Area("coding", "Coding", "/coding", "solutions judged"),
           Area("theory", "ML theory", "/theory", "answers graded")]),
    Stage("On-site loop",
          "4-5 interviews in one day: coding with complexity analysis, ML theory with intuition and examples, "
          "ML system design along 7 steps, and behavioral stories in STAR form.",
          [Area("coding", "Coding", "/coding", "solutions judged"),
           Area("theory", "ML theory", "/theory", "answers graded"),
           Area("design", "ML system design", "/design", "designs graded"),
           Area("behavioral", "Behavioral (STAR)", "/behavioral", "stories analysed")]),
    Stage("The marathon",
          "A plan to your interview date, spaced practice, mock loops alone or with a partner, and your "
          "progress over time.",
          [Area("loop", "Mock loops", "/loop", "mock loops finished"),
           Area("peer", "Peer mocks", "/peer", "peer mocks rated"),
           Area("plan", "Plan and readiness", "/readiness", "", "Where you stand, what is due, and your plan.")]),
]


def interview_path(ctx: AppContext, available_paths: set[str]) -> list[Stage]:
    """The path's stages with, per area that exists in this install, the user's numbers."""
    summary = ctx.store.area_summary()
    stages: list[Stage] = []
    for stage in PATH:
        filled = Stage(stage.title, stage.summary, stage.areas)
        for area in stage.areas:
            stats = summary.get(area.area, {"attempts": 0, "items": 0, "average_score": None, "last_at": None})
            filled.progress.append({
                "label": area.label, "what": area.what, "area": area.area, "blurb": area.blurb,
                "path": area.path if area.path in available_paths else None, **stats,
            })
        stages.append(filled)
    return stages
