"""A self-contained HTML report of a resume check (no external files), to save and share.

All user text is escaped; the page holds the score, the checks with their advice,
the job keywords found and missing, and the resume text with the findings marked.
"""

from __future__ import annotations

from html import escape

from loopcoach.areas.resume.analyze import ResumeReport
from loopcoach.areas.resume.annotate import annotate

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1f24;background:#f6f7f9;margin:0}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:.2em 0}.score{font-size:2.4rem;font-weight:700}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:14px 18px;margin:12px 0}
.ok{color:#1a7f37}.bad{color:#b42318}li{margin:.3em 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left}
.doc{font-size:.95rem}.ln{display:flex;gap:10px;padding:1px 6px;border-left:4px solid transparent}
.ln.flag{border-left-color:#d4a72c;background:#fffbea}.ln .n{color:#57606a;min-width:2.5em;text-align:right}
.ln.heading{font-weight:700;margin-top:8px}.note{color:#7d4e00;font-size:.82rem;margin-left:auto;white-space:nowrap}
mark.metric{background:#dff5e3}mark.duty{background:#fdecea}mark.keyword{background:#e0ecff}
.legend mark{padding:0 4px}
"""


def render_html(report: ResumeReport, title: str = "Resume check") -> str:
    """Return the full HTML page of the report."""
    data = report.to_dict()
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>",
             f"<style>{_CSS}</style></head><body><main>",
             f"<h1>{escape(title)}</h1><p class='score'>{report.score}/100</p>"]
    parts.append("<section class='panel'><h2>Checks</h2><ul>")
    for check in report.checks:
        mark = "<span class='ok'>passed</span>" if check.passed else "<span class='bad'>to fix</span>"
        parts.append(f"<li><strong>{escape(check.id.replace('_', ' '))}</strong> ({mark}): "
                     f"{escape(check.message)}</li>")
    parts.append("</ul></section>")
    if report.job_match is not None:
        parts.append(f"<section class='panel'><h2>Job keywords: {round(report.job_match.coverage * 100)}% "
                     "covered</h2><table><tr><th>Skill</th><th>In your resume</th><th>Where / advice</th></tr>")
        for kw in report.job_match.keywords:
            where = ", ".join(f"line {n}" for n in kw.lines[:4]) if kw.found else ""
            # Advice specific to this skill (only in the skills list); the advice for a missing skill is the
            # same for every one of them, so it is said once under the table.
            advice = kw.suggestion if kw.found and kw.suggestion else ""
            status = "<span class='ok'>found</span>" if kw.found else "<span class='bad'>missing</span>"
            kind = "" if kw.required else " <small>(nice to have)</small>"
            parts.append(f"<tr><td>{escape(kw.term)}{kind}</td><td>{status}</td><td>{escape(where)} "
                         f"{escape(advice)}</td></tr>")
        parts.append("</table>")
        missing = report.job_match.missing
        if missing and missing[0].place:
            parts.append(f"<p>If you have really used a missing skill, add it to {escape(missing[0].place)}; "
                         "if not, leave it off.</p>")
        parts.append("</section>")
    contact = data["contact"]
    assert isinstance(contact, dict)
    parts.append("<section class='panel'><h2>Contact</h2><ul>")
    for key in ("name", "email", "phone", "github", "linkedin"):
        parts.append(f"<li>{key}: {escape(str(contact.get(key) or 'not found'))}</li>")
    parts.append("</ul></section>")
    parts.append("<section class='panel doc'><h2>Your resume, marked</h2><p class='legend'>"
                 "<mark class='metric'>measured outcome</mark> <mark class='duty'>duty phrasing</mark> "
                 "<mark class='keyword'>job keyword</mark>; lines with a yellow edge have advice.</p>")
    for line in annotate(report):
        classes = "ln" + (" flag" if line.flagged else "") + (" heading" if line.heading else "")
        body = "".join(
            f"<mark class='{seg.kind}' title='{escape(seg.title)}'>{escape(seg.text)}</mark>" if seg.kind
            else escape(seg.text)
            for seg in line.segments
        )
        note = f"<span class='note'>{escape(', '.join(line.notes))}</span>" if line.notes else ""
        parts.append(f"<div class='{classes}' id='L{line.number}'><span class='n'>{line.number}</span>"
                     f"<span>{body}</span>{note}</div>")
    parts.append("</section></main></body></html>")
    return "\n".join(parts)
