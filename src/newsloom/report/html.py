"""The one-file HTML report (kept for ``newsloom.report.html.write_html`` callers)."""

from newsloom.report.render import render_report as render
from newsloom.report.render import write_html

__all__ = ["render", "write_html"]
