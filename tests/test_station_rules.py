import pytest
from conftest import load_lib

rules = load_lib("sgz_stations", "station_rules")

EXPECTED = "昆明市五华区华山街道社会工作服务站"


def good(**kw):
    facts = dict(
        level="township",
        office_area=20.0,
        has_master=True,
        has_deputy=True,
        staff_count=2,
        certified_staff_count=1,
        volunteer_count=30,
        signboard_text=EXPECTED,
        signboard_expected=EXPECTED,
        operating_mode="project",
    )
    facts.update(kw)
    return rules.StationFacts(**facts)


def codes(facts):
    return [code for code, _params in rules.station_issues(facts)]


def test_minimums_exactly_met_are_compliant():
    assert codes(good()) == []


@pytest.mark.parametrize(
    "change, code",
    [
        ({"office_area": 19.99}, "area"),
        ({"has_master": False}, "master"),
        ({"has_deputy": False}, "deputy"),
        ({"staff_count": 1}, "staff"),
        ({"volunteer_count": 29}, "volunteers"),
        ({"signboard_text": "华山社工站"}, "signboard"),
        ({"signboard_text": ""}, "signboard"),
        ({"open_weekdays": False}, "hours"),
        ({"open_from": 9.5}, "hours"),
        ({"open_to": 17.5}, "hours"),
        ({"certified_staff_count": 0}, "certified"),
        ({"agency_barred": True}, "agency_barred"),
    ],
)
def test_each_rule(change, code):
    assert codes(good(**change)) == [code]


def test_params_carry_the_numbers():
    issues = dict(rules.station_issues(good(office_area=12.5, volunteer_count=7)))
    assert issues["area"] == {"area": 12.5, "min": 20.0}
    assert issues["volunteers"] == {"count": 7, "min": 30}


def test_government_led_team_of_four_and_no_certificate_rule():
    facts = good(operating_mode="government", staff_count=3, certified_staff_count=0)
    assert codes(facts) == ["team"]
    assert codes(good(operating_mode="government", staff_count=4)) == []


def test_signboard_whitespace_tolerated():
    assert codes(good(signboard_text=f"  {EXPECTED} ")) == []


def test_levels():
    bare = dict(
        office_area=0,
        has_master=False,
        has_deputy=False,
        staff_count=0,
        volunteer_count=0,
        signboard_text="",
    )
    assert codes(good(level="county", **bare)) == []
    assert codes(good(level="city", **bare)) == []
    assert codes(good(level="village", **bare)) == ["signboard"]


def test_expected_signboard():
    assert rules.expected_signboard(["昆明市", "五华区", "华山街道"]) == EXPECTED
