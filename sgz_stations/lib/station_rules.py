"""Station set-up and staffing rules of Kunming's operating guide (seed 第一部分).

Pure Python: the model gathers a station's facts into :class:`StationFacts`, this module
returns the unmet rules as ``(code, params)`` pairs, and the model turns each into a
translated sentence. Seed line numbers (L…) refer to the operating guide,
the text edition of 《昆明市社会工作服务站工作指引》 the project was specified from.
"""

from dataclasses import dataclass, field

MIN_OFFICE_AREA = 20.0  # m², L11
MIN_STAFF = 2  # L14
MIN_VOLUNTEERS = 30  # L14
MIN_GOVERNMENT_TEAM = 4  # L17: 政府主导 运营团队不少于4人
OPEN_FROM = 9.0  # L24: 周一至周五 9:00-18:00
OPEN_TO = 18.0
SIGNBOARD_SUFFIX = "社会工作服务站"  # L12

# Which rules apply to which station level (L151-155). The guide's set-up and staffing
# rules are written for 乡镇(街道) stations; village rooms follow the signboard and
# opening-hours rules; county hubs and the city centre are platforms, not stations.
RULES_BY_LEVEL = {
    "township": {
        "area",
        "master",
        "deputy",
        "staff",
        "volunteers",
        "signboard",
        "hours",
        "team",
        "certified",
        "agency_barred",
    },
    "village": {"signboard", "hours"},
    "county": set(),
    "city": set(),
}


@dataclass
class StationFacts:
    level: str
    office_area: float = 0.0
    has_master: bool = False
    has_deputy: bool = False
    staff_count: int = 0
    certified_staff_count: int = 0
    volunteer_count: int = 0
    signboard_text: str = ""
    signboard_expected: str = ""
    open_weekdays: bool = True
    open_from: float = OPEN_FROM
    open_to: float = OPEN_TO
    operating_mode: str = ""
    agency_barred: bool = False
    extra: dict = field(default_factory=dict)


def expected_signboard(region_names):
    """L12: 昆明市××县（市、区）××乡镇（街道）或村（社区）社会工作服务站.

    ``region_names`` runs from the city down to the station's own region.
    """
    return "".join(region_names) + SIGNBOARD_SUFFIX


def station_issues(f):
    """Return the unmet rules as a list of ``(code, params)``, in a stable order."""
    rules = RULES_BY_LEVEL.get(f.level, set())
    issues = []
    if "area" in rules and f.office_area < MIN_OFFICE_AREA:
        issues.append(("area", {"area": f.office_area, "min": MIN_OFFICE_AREA}))
    if "master" in rules and not f.has_master:
        issues.append(("master", {}))
    if "deputy" in rules and not f.has_deputy:
        issues.append(("deputy", {}))
    if "staff" in rules and f.staff_count < MIN_STAFF:
        issues.append(("staff", {"count": f.staff_count, "min": MIN_STAFF}))
    if (
        "team" in rules
        and f.operating_mode == "government"
        and f.staff_count < MIN_GOVERNMENT_TEAM
    ):
        issues.append(("team", {"count": f.staff_count, "min": MIN_GOVERNMENT_TEAM}))
    if (
        "certified" in rules
        and f.operating_mode == "project"
        and f.certified_staff_count < 1
    ):
        issues.append(("certified", {}))
    if "volunteers" in rules and f.volunteer_count < MIN_VOLUNTEERS:
        issues.append(
            ("volunteers", {"count": f.volunteer_count, "min": MIN_VOLUNTEERS})
        )
    if "signboard" in rules and (
        not f.signboard_text or f.signboard_text.strip() != f.signboard_expected
    ):
        issues.append(("signboard", {"expected": f.signboard_expected}))
    if "hours" in rules and not (
        f.open_weekdays and f.open_from <= OPEN_FROM and f.open_to >= OPEN_TO
    ):
        issues.append(("hours", {}))
    if "agency_barred" in rules and f.agency_barred:
        issues.append(("agency_barred", {}))
    return issues
