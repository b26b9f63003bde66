"""Figures: invented sentences, and the demo corpus's key figures."""

from __future__ import annotations

import pytest

from newsloom.timeline.figures import extract


def one(text: str):
    figs = extract(text, [])
    assert len(figs) == 1, figs
    f = figs[0]
    assert text[f.start:f.end] == f.text
    return f


@pytest.mark.parametrize(
    ("text", "value", "unit", "measure"),
    [
        ("Light crude climbed to $81.40 per barrel on the news.", 81.40, "USD per barrel", "Light crude"),
        ("Exports were declining by 4.5% a year.", 4.5, "percent", "Exports"),
        ("The hearing lasted approximately 45 minutes.", 45, "minutes", None),
        ("Some 2,300 nurses joined the march.", 2300, "nurses", "nurses"),
        ("About €12 million worth of grain a week is stuck.", 12e6, "EUR per week", "grain"),
        ("The airline owns 7% of the shares.", 7, "percent", "the shares"),
        ("They unveiled a £4.5bn plan.", 4.5e9, "GBP", "plan"),
        ("Twelve vessels were waiting offshore.", 12, "ships", "vessels"),
        ("It is a 5,000-seat arena.", 5000, "seats", None),
        # plurals without an "s", and the words that count people after a number
        ("At least 23 people were killed overnight.", 23, "people", "killed"),
        ("About 900 residents were sheltering in the school.", 900, "residents", "sheltering"),
        ("At least 14 people have died since the storm hit.", 14, "people", "died"),
        ("It is a town of 18,000 people in the hills.", 18000, "people", "people"),
        ("Some 40 people including a baby sheltered there.", 40, "people", "people"),
        ("Four children were among them.", 4, "children", "children"),
        ("The blast left 146 injured.", 146, "people", "injured"),
        ("Rescuers said 40 missing were feared buried.", 40, "people", "missing"),
        ("A ferry with 12 crew sank.", 12, "crew", "crew"),
        ("Officials grounded 12 missing aircraft.", 12, None, None),  # "missing" is no count here
    ],
)
def test_invented_figures(text: str, value: float, unit: str, measure: str | None) -> None:
    f = one(text)
    assert f.value == pytest.approx(value) and f.unit == unit
    if measure:
        assert f.measure == measure


def test_not_figures() -> None:
    assert [(f.unit, f.measure) for f in extract("‘The flood has killed 23 people’, the mayor said.", [])] == [
        ("people", "people")]  # a closing quotation mark is no possessive
    assert all(f.unit is None for f in extract("She won the 100 men's relay and the 200 women's race.", []))
    assert extract("They met at Gate 9 at 7 p.m. after a 3-2 win in 2021.", []) == []
    assert extract("One of the largest firms said so.", []) == []


def test_coordinated_count_takes_the_unit() -> None:
    figs = extract("The motion passed with 300 votes in favour and 95 against.", [])
    assert [(f.value, f.unit) for f in figs] == [(300, "votes"), (95, "votes")]


_UNIT_ALIASES = {"workers": {"members"}, "people": {"strikers"}, "USD per worker": {"USD"},
                 "USD per day": {"USD"}}


def test_demo_key_figures(demo_by_name: dict, expected: dict) -> None:
    checked = 0
    for item in expected["key_figures"]:
        art = demo_by_name[item["file"]]
        hits = [f for f in art.figures
                if f.value == item["value"] and (f.text in item["text"] or item["text"] in f.text)]
        assert hits, (item, [(f.text, f.value, f.unit) for f in art.figures])
        assert hits[0].unit in {item["unit"], *_UNIT_ALIASES.get(item["unit"], ())}, (item, hits[0])
        assert art.text[hits[0].start:hits[0].end] == hits[0].text
        checked += 1
    assert checked == len(expected["key_figures"])


def test_figures_found_around_anchors_only() -> None:
    """The prefilter keeps long numbers, spelled counts and glued currency intact."""
    text = "It paid US$1,234,567.50. Twelve vessels waited; one of them sank."
    figs = {f.text: (f.value, f.unit) for f in extract(text, [])}
    assert figs == {"US$1,234,567.50": (1234567.5, "USD"), "Twelve vessels": (12, "ships")}


def test_numbers_inside_dates_are_skipped() -> None:
    text = "On Oct. 3, 2025, 40 ships docked."
    figs = extract(text, [(3, 15)])
    assert [(f.text, f.value) for f in figs] == [("40 ships", 40)]


def test_digits_inside_words_are_not_figures() -> None:
    """Model numbers and tokens such as "A380" or "item12" are names, not quantities."""
    assert extract("The A380 and the route item12 were retired, along with clause7b.", []) == []


@pytest.mark.parametrize(
    ("text", "figure", "key"),
    [
        ("The council approved a $40 million budget for the bridge.", "$40 million", True),
        ("Turnout rose to 64% of the registered voters.", "64%", True),
        ("Some 2,300 nurses joined the march.", "2,300 nurses", True),
        ("The motion passed with 300 votes in favour.", "300 votes", True),
        ("Three miners were killed in the collapse.", "Three miners", True),  # casualties count even when few
        ("Three miners were trapped in the collapse.", "Three miners", False),  # a small count of actors
        ("The storm injured 4 climbers and left 3 dead.", "4 climbers", False),
        ("Rail staff signed a four-year contract.", "four-year", True),
        ("The ferry works will take six weeks.", "six weeks", True),
        ("He has worked at the mill for 22 years.", "22 years", False),  # a career, not the event
        ("The two leaders met in the capital.", "two leaders", False),
        ("A seven-year-old boy was rescued.", "seven-year-old", False),
        ("Shares fell 4% on the news.", "4%", True),
        ("The union was seeking 18% over two years.", "18%", False),  # measure is no noun phrase
    ],
)
def test_key_figure_rules(text: str, figure: str, key: bool) -> None:
    from newsloom.digest.figures import dropped

    f = next(f for f in extract(text, []) if f.text == figure)
    assert (dropped(f, text) is None) is key, dropped(f, text)


def test_numbers_inside_names_are_not_figures() -> None:
    text = "Engineers inspected the Brackwater Line 3 gas pipeline and a Corvane 550 jet."
    assert extract(text, []) == []
