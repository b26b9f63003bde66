"""Properties over arbitrary text: cleaning never raises and never loses a line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloom.clean import clean
from newsloom.clean.text import clean_text
from newsloom.model import RawDocument

LINES = st.one_of(
    st.text(max_size=200),
    st.sampled_from([
        "By Ana Pohl", "Share this:", "Related Posts", "Date:", "“Unbalanced quote", "”", "— Name, role",
        "Home › News › Title", "Why We Wrote This", "The committee met on Friday and agreed to "
        "publish its findings before the end of the month, a spokesperson said.", "(Photo: X/Y)",
        "KESTREL BAY (AP) — A storm closed the harbour.", "", "   ",
    ]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=30))
def test_every_line_lands_in_exactly_one_place(lines):
    raw = "\n".join(lines)
    out = clean_text(raw)
    expected = sorted(x.strip() for x in raw.split("\n") if x.strip())
    placed = [p for p in out.text.split("\n\n") if p] + out.captions + [r.text for r in out.removed]
    assert sorted(placed) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_html_cleaning_never_raises(markup):
    article = clean(RawDocument(source="x.html", html=f"<html><body><p>{markup}</p></body></html>"))
    assert isinstance(article.text, str)
