"""ML system design interview: the interviewer who answers clarifying questions, and the grader.

``grade_design(prompt, notes, embedder, questions)`` grades notes along the
seven-step framework; ``Interviewer(prompt, embedder).answer(question)``
answers a clarifying question from the prompt's hidden facts.
"""
