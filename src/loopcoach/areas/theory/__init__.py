"""ML theory interview: rubric grading of spoken-style answers and spaced practice.

``grader`` measures an answer against a rubric (key points, misconceptions),
``result`` turns the measurements into a score and feedback with calibrated
constants (``calibration``), ``srs`` schedules questions with FSRS and
``deep`` finds the bank's concepts in a project description.
"""
