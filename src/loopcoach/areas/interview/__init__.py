"""The follow-up interviewer: asks, never grades.

A rule-based planner (:mod:`.rules`) chooses what to probe from the
grader's measured gaps and the candidate's own words; an optional language
model (:class:`.model.ChatModel`) may only re-phrase that probe, and its
text passes the grounding gate (:mod:`.gate`) before anyone sees it.
"""
