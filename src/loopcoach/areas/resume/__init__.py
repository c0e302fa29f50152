"""Resume checker: readers for PDF, DOCX, Markdown and text, one document model, checks and job matching.

Flow: ``readers.read_document`` (bytes -> RawDocument of lines) -> ``structure.build_resume``
(sections, entries, bullets, contact) -> ``analyze.analyze_resume`` (checks, job match, score).
"""
