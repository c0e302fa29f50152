"""Behavioral interview and recruiter screen: the STAR labeller, story analysis and pitch analysis.

Pure domain code: no store, no settings. The services wire in the embedder
and cache the fitted labeller.
"""
