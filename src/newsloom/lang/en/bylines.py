"""Byline words: what opens a byline line ("By", "Written by") and the credits of those who
reported or wrote a story ("Additional reporting by …")."""

from __future__ import annotations

#: Words that open a byline line ("By Ada Kroll", "Words by Jo Bell").
BYLINE_LEADS = ("by", "written by", "words by")
#: Words that join the names of a byline ("By Ada Kroll and Jo Bell", "By Jo van Brakel").
NAME_LINKS = ("and", "&", "van", "de")
#: Credits before "by" that name reporters or writers ("Reporting by", "Compiled by").
REPORTING_CREDITS = ("reporting", "writing", "compiled", "written")
