"""Portfolio review: project READMEs and the GitHub profile, judged for recruiters and hiring managers."""
