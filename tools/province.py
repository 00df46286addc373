"""A province in one database, through the addons' own steps (issue 13, first part).

``bin/generate --scale 1`` (docs/performance.md) fills a database that has the three
addons installed with a deterministic slice of Yunnan (``data/regions/
yunnan_regions.csv``): prefectures, counties and townships; agencies, each with its
company and books (the non-profit chart), workers and an accountant; one township
station per township; one project a station a year, with its budget approved, its
procurement (a recorded open tender) awarded, its contract signed and paid in stages
as the evaluations pass, the money received in the agency's books and spent on the
budget lines with invoice and evidence; each month three service activities (a
casework session, a home visit, a group) and the month's brief submitted from them and
reviewed on the 5th of the next month; then the agencies' day-to-day spending, ten
expenses a project a month, loaded by ``COPY`` (``make_bulk_expenses``) and read back
through the ORM against the rules (``check_bulk_expenses``).

Every other record is made by the ORM through the steps a user would take (no
constraint, rule or workflow guard is bypassed; the steps run as the superuser, which
passes the role checks and nothing else), each step on the date it would happen
(``freezegun``): the data is the same for the same seed. The sizes of each preset are
in ``PRESETS``; ``tiny`` feeds ``sgz_finance/tests/test_province.py``.

Not done yet (docs/limits.md): the 100 % preset (its projects' steps through the ORM
take 1.5 to 1.9 s each, 105 to 133 minutes for 4,200 projects: it needs bulk loaders
beyond the expenses' to finish within an hour); 竞争性磋商 and 单一来源 in the
generated data.
"""

import base64
import calendar
import contextlib
import csv
import io
import json
import os
import random
import re
import time
from datetime import date, datetime
from decimal import Decimal

from freezegun import freeze_time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS_CSV = os.path.join(ROOT, "data", "regions", "yunnan_regions.csv")

# townships (= stations), agencies, years of projects
PRESETS = {
    "tiny": {"townships": 4, "agencies": 3, "years": (2025, 2026)},
    "1": {"townships": 14, "agencies": 3, "years": (2024, 2025, 2026)},
    "10": {"townships": 140, "agencies": 30, "years": (2024, 2025, 2026)},
}
UNSUPPORTED = {
    "100": "the 100 % preset is not written: its 4,200 projects take 1.5 to 1.9 s "
    "each through the ORM (105 to 133 minutes), the bureau payments more than half "
    "of it, and have no bulk loader yet (docs/performance.md): use --scale 1 or 10",
}
CURRENT_YEAR = 2026
# the wall clock, held where ``freeze_time`` does not look (it swaps every module-level
# name bound to ``time.monotonic`` for its frozen one)
WALL_CLOCK = (time.monotonic,)
NAME_SUFFIX = "（生成）"
SURNAMES = "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "娜芳敏静丽强磊军洋勇艳杰涛明超秀英华慧"


def wall_clock():
    return WALL_CLOCK[0]()


class Progress:
    """A line per stage: what was made, how many, how fast."""

    def __init__(self, out=print):
        self.out = out
        self.start = wall_clock()

    def stage(self, name, count, began):
        spent = wall_clock() - began
        rate = count / spent if spent > 0 else 0.0
        self.out(
            f"{name:<34} {count:>7}  {spent:7.1f} s  {rate:8.1f}/s  "
            f"(total {wall_clock() - self.start:7.1f} s)"
        )


def credit_code(serial):
    """A valid 统一社会信用代码 (GB 32100-2015) of a social organisation in Yunnan."""
    from stdnum.cn import uscc

    body = f"52530000MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


def load_regions():
    with open(REGIONS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Generator:
    def __init__(self, env, preset="1", seed=2026, out=print, commit=True):
        if preset in UNSUPPORTED:
            raise ValueError(UNSUPPORTED[preset])
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}: one of {', '.join(PRESETS)}")
        self.env = env(
            context=dict(
                env.context,
                tz="Asia/Shanghai",
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_auto_subscribe_no_notify=True,
            )
        )
        self.size = PRESETS[preset]
        self.commit = commit
        self.rng = random.Random(seed)
        self.progress = Progress(out)
        self.made = {}
        # the first expense the ORM posted for each project: the model of its bulk ones
        self.templates = {}
        self.bulk_expense_ids = []

    # ---------------------------------------------------------------- helpers
    def _person(self):
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, 2))

    def _count(self, key, records):
        self.made[key] = self.made.get(key, 0) + len(records)
        return records

    def _attachment(self, name, user):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 generated evidence"),
                }
            )
        )

    # ----------------------------------------------------------------- stages
    def run(self):
        if self.env["res.partner"].search_count(
            [("name", "=like", f"%{NAME_SUFFIX}")], limit=1
        ):
            raise ValueError(
                "this database already holds generated data: generate into a fresh "
                "database (the data is the same for the same seed)"
            )
        stages = [
            ("regions", self.make_regions),
            ("bureau books", self.make_bureau_books),
            ("agencies with their books", self.make_agencies),
            ("stations and workers", self.make_stations),
            ("projects (budget, tender, contract)", self.make_projects),
            ("day-to-day expenses (COPY)", self.make_bulk_expenses),
            ("check pass through the ORM", self.check_bulk_expenses),
        ]
        for name, stage in stages:
            began = wall_clock()
            count = stage()
            self.env.flush_all()
            if self.commit:
                self.env.cr.commit()
            self.progress.stage(name, count, began)
        return self.made

    def make_regions(self):
        rows = load_regions()
        townships = [r for r in rows if r["level"] == "township"]
        chosen = sorted(
            self.rng.sample(townships, self.size["townships"]), key=lambda r: r["code"]
        )
        by_code = {r["code"]: r for r in rows}
        needed = {}
        for row in chosen:
            county = by_code[row["parent_code"]]
            city = by_code[county["parent_code"]]
            for r in (city, county, row):
                needed[r["code"]] = r
        Region = self.env["sgz.region"].with_context(active_test=False)
        existing = {r.code: r for r in Region.search([("code", "in", list(needed))])}
        made = 0
        for level in ("city", "county", "township"):
            vals = []
            for code, r in sorted(needed.items()):
                if r["level"] != level or code in existing:
                    continue
                parent = existing.get(r["parent_code"])
                vals.append(
                    {
                        "name": r["name"],
                        "code": code,
                        "level": level,
                        "parent_id": parent.id if parent else False,
                    }
                )
            for region in Region.create(vals):
                existing[region.code] = region
            made += len(vals)
        self.townships = Region.browse([existing[r["code"]].id for r in chosen])
        self._count("regions", range(made))
        return made

    def make_bureau_books(self):
        """The bureau's company in RMB, its books named as a bureau names them
        (nothing is guessed)."""
        company = self.env.company
        cny = self.env.ref("base.CNY")
        if company.currency_id != cny:
            if self.env["account.move.line"].search_count(
                [("company_id", "=", company.id)], limit=1
            ):
                raise ValueError(
                    f"{company.name} keeps its books in {company.currency_id.name}: "
                    "the generator needs a bureau in CNY (a fresh database)"
                )
            cny.active = True
            company.write({"currency_id": cny.id})
        self.env["sgz.disbursement"]._sgz_ensure_books()
        if not company.sgz_expense_account_id:
            expense = self.env["account.account"].search(
                [("company_ids", "in", company.id), ("account_type", "=", "expense")],
                limit=1,
                order="code",
            )
            journals = self.env["account.journal"].search(
                [("company_id", "=", company.id)]
            )
            company.write(
                {
                    "sgz_expense_account_id": expense.id,
                    "sgz_purchase_journal_id": journals.filtered(
                        lambda j: j.type == "purchase"
                    )[:1].id,
                    "sgz_payment_journal_id": journals.filtered(
                        lambda j: j.type == "bank"
                    )[:1].id,
                }
            )
        return 1

    def make_agencies(self):
        Partner = self.env["res.partner"]
        Users = self.env["res.users"].with_context(no_reset_password=True)
        accountant_group = self.env.ref("sgz_stations.group_agency_accountant")
        first = Partner.search_count([("is_sgz_agency", "=", True)])
        vals, serials = [], []
        for i in range(self.size["agencies"]):
            serial = first + i + 1
            county = self.rng.choice(self.townships).parent_id
            serials.append(serial)
            vals.append(
                {
                    "name": f"{county.name}第{serial}社会工作服务中心{NAME_SUFFIX}",
                    "is_company": True,
                    "is_sgz_agency": True,
                    "sgz_credit_code": credit_code(serial),
                    "sgz_scope_social_work": True,
                    "bank_ids": [(0, 0, {"acc_number": f"25029{serial:08d}"})],
                }
            )
        agencies = Partner.create(vals)
        accountants = Users.create(
            [
                {
                    "name": f"{self._person()}（会计）",
                    "login": f"gen_accountant_{serial}",
                    "groups_id": [(6, 0, accountant_group.ids)],
                    "sgz_agency_id": agency.id,
                }
                for serial, agency in zip(serials, agencies, strict=True)
            ]
        )
        self.env.flush_all()
        self.accountants = dict(zip(agencies.ids, accountants, strict=True))
        # a chart loaded per agency: its books are set up one after the other
        for agency, accountant in zip(agencies, accountants, strict=True):
            agency._sgz_setup_books(accountants=accountant)
            self.env.flush_all()
        self.agencies = agencies
        self._count("agencies", agencies)
        return len(agencies)

    def make_stations(self):
        Station = self.env["sgz.station"]
        Worker = self.env["sgz.social.worker"]
        Partner = self.env["res.partner"]
        stations = Station
        self.workers = {}
        # every agency runs stations: dealt round, in a shuffled order
        order = list(self.agencies)
        self.rng.shuffle(order)
        for index, township in enumerate(self.townships):
            agency = order[index % len(order)]
            master, deputy = Partner.create(
                [{"name": self._person()}, {"name": self._person()}]
            )
            station = Station.create(
                {
                    "name": f"{township.name}社会工作服务站",
                    "level": "township",
                    "region_id": township.id,
                    "agency_id": agency.id,
                    "operating_mode": "project",
                    "office_area": float(self.rng.randint(25, 80)),
                    "volunteer_count": self.rng.randint(10, 60),
                    "signboard_text": f"{township.parent_id.name}{township.name}"
                    "社会工作服务站",
                    "master_id": master.id,
                    "deputy_id": deputy.id,
                }
            )
            workers = Worker.create(
                [
                    {
                        "name": self._person(),
                        "employer_type": "agency",
                        "agency_id": agency.id,
                        "role": "professional",
                        "education": "bachelor",
                        "certificate_level": level,
                        "birth_date": date(1985 + self.rng.randint(0, 12), 3, 14),
                        "region_id": township.parent_id.id,
                    }
                    for level in ("social_worker", "assistant")
                ]
            )
            self.workers[station.id] = workers
            stations |= station
        self.stations = stations
        self.station_index = {station.id: i for i, station in enumerate(stations)}
        self._count("stations", stations)
        self._count("workers", range(2 * len(stations)))
        return len(stations)

    def make_projects(self):
        domain = self.env["sgz.service.domain"].search([], limit=1, order="id")
        projects = self.env["sgz.project"]
        total = len(self.size["years"]) * len(self.stations)
        step = max(1, total // 10)
        began = wall_clock()
        # one frozen clock for the stage, moved from step to step (``_at``)
        with freeze_time(f"{self.size['years'][0] - 1}-12-01 02:00:00") as clock:
            self.clock = clock
            for year in self.size["years"]:
                if self.size["agencies"] >= INQUIRY_SUPPLIERS:
                    self.make_qualification_files(year)
                for station in self.stations:
                    projects |= self._project(station, year, domain)
                    if self.commit:
                        # one transaction a project: a failure keeps the projects
                        # made, and the transaction's pending work stays small
                        # (account.move walks every live environment on each
                        # posting; see docs/performance.md)
                        self.env.flush_all()
                        self.env.cr.commit()
                    if len(projects) % step == 0 and len(projects) < total:
                        self.progress.stage(
                            f"  projects {len(projects)}/{total}", len(projects), began
                        )
        self.clock = None
        self.projects = projects
        self._count("projects", projects)
        return len(projects)

    @contextlib.contextmanager
    def _at(self, when):
        """The steps inside happen at ``when``: the stage's frozen clock moved there
        (entering ``freeze_time`` walks every loaded module, about 20 ms a time;
        moving its clock costs nothing)."""
        self.clock.move_to(when)
        yield

    # ----------------------------------------------------------- one project
    def _project(self, station, year, domain):
        env = self.env
        agency = station.agency_id
        amount = round(self.rng.randint(18000000, 36000000) / 100.0, 2)
        lottery = round(amount * 0.4, 2)
        workers = self.workers[station.id]
        with self._at(f"{year - 1}-12-01 02:00:00"):
            project = env["sgz.project"].create(
                {
                    "name": f"{station.name}{year}年度运营服务项目",
                    "agency_id": agency.id,
                    "station_ids": [(6, 0, station.ids)],
                    "date_start": date(year, 1, 1),
                    "date_end": date(year, 12, 31),
                    "date_midterm": date(year, 6, 30),
                    "amount": amount,
                    "report_due_day": 10,
                    "target_beneficiaries": 400,
                    "target_beneficiaries_mid": 200,
                    "funding_ids": [
                        (0, 0, {"source": "lottery", "amount": lottery}),
                        (
                            0,
                            0,
                            {
                                "source": "provincial",
                                "amount": round(amount - lottery, 2),
                            },
                        ),
                    ],
                    "member_ids": [
                        (0, 0, {"worker_id": workers[0].id, "role": "lead"}),
                        (0, 0, {"worker_id": workers[1].id, "role": "social_worker"}),
                    ],
                    "target_ids": [
                        (
                            0,
                            0,
                            {
                                "domain_id": domain.id,
                                "activity_type": "visit",
                                "sessions": 40,
                                "beneficiaries": 200,
                                "attendances": 400,
                            },
                        )
                    ],
                }
            )
            budget = self._budget(project, amount)
        if self._by_inquiry(station, year):
            contract = self._buy_by_inquiry(project, station, year, amount)
        else:
            contract = self._buy_by_tender(project, station, year, amount)
        # on the day the contract was drawn up
        contract.write({"date_start": date(year, 1, 1), "date_end": date(year, 12, 31)})
        project.action_start()
        with self._at(f"{year}-01-06 02:00:00"):
            contract.action_sign()
        stages = contract.disbursement_ids.sorted("sequence")
        self._pay(stages[0], f"{year}-01-12 02:00:00")
        self._month_work(project, station, domain, year, (1, 2))
        self._spend(project, budget, f"{year}-03-10 02:00:00", 2)
        if year < CURRENT_YEAR:
            self._month_work(project, station, domain, year, range(3, 7))
            project.action_to_midterm()
            self._evaluate(project, "midterm", f"{year}-07-10 02:00:00")
            self._pay(stages[1], f"{year}-07-15 02:00:00")
            self._month_work(project, station, domain, year, (7, 8))
            self._spend(project, budget, f"{year}-09-10 02:00:00", 2)
            self._month_work(project, station, domain, year, range(9, 12))
            project.action_to_final()
            self._evaluate(project, "final", f"{year}-12-10 02:00:00")
            self._pay(stages[2], f"{year}-12-15 02:00:00")
            self._month_work(project, station, domain, year, (12,))
        else:
            self._month_work(project, station, domain, year, range(3, LAST_MONTH))
            # this month's work so far: recorded, its brief not due yet
            with self._at(f"{year}-{LAST_MONTH:02d}-28 02:00:00"):
                self._activities(project, station, domain, year, LAST_MONTH)
        self._count("contracts", contract)
        return project

    def _month_work(self, project, station, domain, year, months):
        """Each month's activities recorded, and its brief submitted (figures and
        summary filled from them) and reviewed, on the 5th of the next month (due
        on the 10th)."""
        briefs = {brief.month: brief for brief in project.monthly_report_ids}
        for month in months:
            following = date(year + month // 12, month % 12 + 1, 5)
            with self._at(f"{following.isoformat()} 02:00:00"):
                self._activities(project, station, domain, year, month)
                brief = briefs[date(year, month, 1)]
                brief.action_submit()
                brief.action_review("已审阅，按计划推进。")
            self._count("monthly briefs", brief)

    def _activities(self, project, station, domain, year, month):
        """A month at the station: a casework session, a home visit and a group."""
        rng = self.rng
        workers = self.workers[station.id]
        group = rng.randint(8, 15)
        plan = [
            ("case", 3, "个案跟进服务", 1, 1, workers[:1]),
            ("visit", 11, "困境群体入户探访", 2, 2, workers[1:]),
            ("group", 19, "社区支持小组活动", group, group * 2, workers),
        ]
        activities = self.env["sgz.activity"].create(
            [
                {
                    "name": f"{month}月{name}",
                    "activity_type": kind,
                    "date": date(year, month, day + rng.randint(0, 6)),
                    "project_id": project.id,
                    "station_id": station.id,
                    "domain_id": domain.id,
                    "worker_ids": [(6, 0, team.ids)],
                    "beneficiaries": beneficiaries,
                    "attendances": attendances,
                    "case_code": f"GA{project.id:05d}-{month:02d}"
                    if kind == "case"
                    else False,
                    "location": station.name,
                }
                for kind, day, name, beneficiaries, attendances, team in plan
            ]
        )
        self._count("activities", activities)
        return activities

    # ------------------------------------------------------------ purchases
    def _by_inquiry(self, station, year):
        """One station in four a year is bought by 询价 with sealed quotes (it needs
        three eligible agencies); the others by a recorded open tender."""
        return by_inquiry(self.size, self.station_index[station.id], year)

    def _procurement_vals(self, project, station, year, method):
        return {
            "title": f"{station.name}{year}年度运营服务采购",
            "method": method,
            "project_ids": [(6, 0, project.ids)],
            "station_ids": [(6, 0, station.ids)],
            "date_start": date(year, 1, 1),
            "date_end": date(year, 12, 31),
            "service_requirements": "驻站社工2名，开展个案、小组、社区活动",
            "staff_requirements": "至少1名持证社工",
            "evaluation_criteria": "服务人数不少于400人",
            "announce_date": date(year - 1, 12, 1),
        }

    def _buy_by_tender(self, project, station, year, amount):
        """公开招标, run on the government platform: its result recorded."""
        agency = station.agency_id
        with self._at(f"{year - 1}-12-01 02:00:00"):
            vals = self._procurement_vals(project, station, year, "public_tender")
            proc = self.env["sgz.procurement"].create(
                dict(
                    vals,
                    budget_ceiling=amount,
                    platform_reference=f"YNZC-{year}-{project.id:06d}",
                    bidder_ids=[(6, 0, agency.ids)],
                    tender_amount=amount,
                )
            )
            proc.action_announce()
            proc.write({"awarded_supplier_id": agency.id})
            proc.action_record_tender_result()
            return self.env["sgz.contract"].browse(
                proc.action_create_contract()["res_id"]
            )

    def _buy_by_inquiry(self, project, station, year, amount):
        """询价: the station's agency and two others invited; each quotes, sealed,
        through its own user; opened at the opening time, reviewed by a panel of
        three, the lowest compliant quote (the station's agency's, at the project's
        amount) awarded and approved, the result notice published, then the
        contract."""
        agency = station.agency_id
        others = [a for a in self.agencies if a != agency]
        suppliers = [agency, *self.rng.sample(others, INQUIRY_SUPPLIERS - 1)]
        ceiling = round(amount * 1.05, 2)
        Holiday = self.env["sgz.holiday"]
        announced = date(year - 1, 12, 1)
        quoted = Holiday.add_working_days(announced, 2)
        # one working day more than the least the rule gives suppliers
        closing = Holiday.add_working_days(announced, quote_period() + 1)
        noticed = Holiday.add_working_days(closing, 1)
        # Kunming time is UTC+8: the deadline at 09:00, the opening at 10:00
        deadline = datetime.combine(closing, datetime.min.time()).replace(hour=1)
        opening = deadline.replace(hour=2)
        with self._at(f"{year - 1}-12-01 02:00:00"):
            vals = self._procurement_vals(project, station, year, "inquiry")
            proc = self.env["sgz.procurement"].create(
                dict(
                    vals,
                    budget_ceiling=ceiling,
                    quote_deadline=deadline,
                    opening_time=opening,
                    invitation_ids=[(0, 0, {"supplier_id": s.id}) for s in suppliers],
                    panel_ids=[
                        (0, 0, {"name": self._person(), "title": "评审专家"})
                        for _i in range(3)
                    ],
                )
            )
            proc.action_announce()
        with self._at(f"{quoted.isoformat()} 01:00:00"):
            quotes = self.env["sgz.quote"]
            for supplier in suppliers:
                total = amount
                if supplier != agency:
                    total = round(amount + self.rng.randint(100000, 800000) / 100.0, 2)
                half = round(total / 2, 2)
                quote = (
                    self.env["sgz.quote"]
                    .with_user(self.accountants[supplier.id])
                    .create(
                        {
                            "procurement_id": proc.id,
                            "total_amount": total,
                            "service_period": f"{year}年1月1日至{year}年12月31日",
                            "service_plan": "驻站开展个案、小组、社区服务",
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {"name": "社工服务人员补贴", "unit_price": half},
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "活动及管理费用",
                                        "unit_price": round(total - half, 2),
                                    },
                                ),
                            ],
                        }
                    )
                )
                quote.action_submit()
                quotes |= quote
        with self._at(opening.replace(minute=30)):
            proc.action_open()
            for review in quotes.review_ids:
                review.write({"passed": True})
            proc.action_finish_review()
            proc.action_propose_award()
            proc.action_approve_award()
        with self._at(f"{noticed.isoformat()} 02:00:00"):
            proc.action_publish_notice()
            contract = self.env["sgz.contract"].browse(
                proc.action_create_contract()["res_id"]
            )
        self._count("procurements by inquiry", proc)
        self._count("quotes", quotes)
        return contract

    def make_qualification_files(self, year):
        """The documents each agency files before the year's purchases (附件二至六):
        the standing ones once, three months of tax and social-insurance proofs a
        year, the credit check on the announcement day; the bureau verifies each."""
        Doc = self.env["sgz.qualification.document"]
        standing = (
            "credit_code",
            "qualification",
            "no_violation",
            "other_conditions",
            "legal_rep",
            "integrity",
        )
        first = year == self.size["years"][0]
        with self._at(f"{year - 1}-11-20 02:00:00"):
            for agency in self.agencies:
                vals = [
                    {
                        "partner_id": agency.id,
                        "doc_type": doc_type,
                        "name": f"{agency.name}{doc_type}",
                        "issue_date": date(year - 2, 3, 10),
                    }
                    for doc_type in (standing if first else ())
                ]
                vals += [
                    {
                        "partner_id": agency.id,
                        "doc_type": doc_type,
                        "name": f"{year - 1}年{month}月",
                        "issue_date": date(year - 1, month + 1, 15),
                        "period_month": date(year - 1, month, 1),
                    }
                    for doc_type in ("tax_proof", "social_security_proof")
                    for month in (8, 9, 10)
                ]
                docs = Doc.with_user(self.accountants[agency.id]).create(vals)
                docs.with_env(self.env).action_verify()
                self._count("qualification documents", docs)
        with self._at(f"{year - 1}-12-01 01:00:00"):
            for agency in self.agencies:
                docs = Doc.with_user(self.accountants[agency.id]).create(
                    {
                        "partner_id": agency.id,
                        "doc_type": "credit_query",
                        "name": "信用中国查询截图",
                        "issue_date": date(year - 1, 12, 1),
                    }
                )
                docs.with_env(self.env).action_verify()
                self._count("qualification documents", docs)

    def _budget(self, project, amount):
        env = self.env
        cat = {
            code: env.ref(f"sgz_finance.budget_category_{code}")
            for code in ("labour", "meeting", "materials")
        }
        budget = env["sgz.budget"].create(
            {
                "project_id": project.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "category_id": cat["labour"].id,
                            "name": "项目助理劳务费",
                            "quantity": 1,
                            "sessions": 50,
                            "rate": 200,
                            "rate_id": env.ref("sgz_finance.budget_rate_temp_staff").id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "category_id": cat["meeting"].id,
                            "name": "项目启动会",
                            "quantity": 1,
                            "sessions": 2,
                            "rate": 1500,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "category_id": cat["materials"].id,
                            "name": "活动物资",
                            "quantity": 1,
                            "sessions": 1,
                            "rate": round(amount - 13000, 2),
                        },
                    ),
                ],
            }
        )
        budget.action_submit()
        budget.action_approve()
        self._count("budgets", budget)
        return budget

    def _pay(self, stage, when):
        with self._at(when):
            stage.action_request()
            stage.action_approve()
            stage.action_pay(f"BANK-{stage.id:08d}")
            # the agency's accountant books the money received
            accountant = self.accountants[stage.agency_id.id]
            stage.receipt_ids.with_user(accountant).action_post()
        self._count("payments", stage)

    def _evaluate(self, project, eval_type, when):
        with self._at(when):
            evaluation = self.env["sgz.evaluation"].create(
                {"project_id": project.id, "eval_type": eval_type, "date": when[:10]}
            )
            evaluation.action_submit()
            evaluation.action_confirm()
        self._count("evaluations", evaluation)

    def _spend(self, project, budget, when, count):
        line = budget.line_ids.filtered(lambda li: li.name == "活动物资")
        supplier = self._supplier()
        accountant = self.accountants[project.agency_id.id]
        Expense = self.env["sgz.agency.expense"].with_user(accountant)
        for i in range(count):
            with self._at(when):
                expense = Expense.create(
                    {
                        "project_id": project.id,
                        "budget_line_id": line.id,
                        "spent_on_id": line.category_id.id,
                        "funding_source": "lottery",
                        "name": "社区活动物资",
                        "partner_id": supplier.id,
                        "amount": round(self.rng.randint(20000, 150000) / 100.0, 2),
                        "date": when[:10],
                        "invoice_type": "vat_invoice",
                        "invoice_number": f"{project.id:06d}{i:02d}",
                    }
                )
                for item in expense.evidence_ids:
                    item.attachment_ids = self._attachment(
                        f"{item.name}.pdf", accountant
                    )
                expense.action_post()
            self.templates.setdefault(project.id, expense.id)
            self._count("expenses", expense)

    # ------------------------------------------------------- bulk expenses
    def _bulk_plan(self, project, room):
        """(day, amount in cents, source) of the project's bulk expenses: ten a
        month from the first money received, about half the budget in the year,
        each under the 2,000 that would need a purchase record, two in five on the
        lottery fund (its share of the funding)."""
        year = project.date_start.year
        months = range(1, 13 if year < CURRENT_YEAR else LAST_MONTH + 1)
        count = BULK_PER_MONTH * len(months)
        average = min(round(project.amount * 100) // 240, round(room * 90) // count)
        plan = []
        for month in months:
            first = 13 if month == 1 else 1  # the first stage arrives on 12 January
            last = calendar.monthrange(year, month)[1]
            for _i in range(BULK_PER_MONTH):
                cents = min(
                    self.rng.randint(average * 4 // 10, average * 13 // 10), 199999
                )
                plan.append(
                    (
                        date(year, month, self.rng.randint(first, last)),
                        max(cents, 100),
                        "lottery" if len(plan) % 5 in (0, 2) else "provincial",
                    )
                )
        plan.sort(key=lambda p: p[0])
        return plan

    def make_bulk_expenses(self):
        self.env.flush_all()
        cr = self.env.cr
        tables = {
            name: CopyTable(cr, name)
            for name in (
                "ir_attachment",
                "account_move",
                "account_move_line",
                "sgz_agency_expense",
                "sgz_agency_expense_evidence",
                EVIDENCE_REL,
            )
        }
        cr.execute(
            "SELECT journal_id, sequence_prefix, max(sequence_number) "
            "FROM account_move GROUP BY journal_id, sequence_prefix"
        )
        numbers = {(j, p): n for j, p, n in cr.fetchall()}
        projects = self.projects.filtered(lambda p: p.id in self.templates)
        # what the ORM's expenses spent, every line's in one grouped read
        spent = self.env["sgz.budget.line"]._sgz_usage(projects)
        began, made = wall_clock(), 0
        for start in range(0, len(projects), BULK_BATCH):
            for project in projects[start : start + BULK_BATCH]:
                made += self._bulk_project(project, tables, numbers, spent)
            for table in tables.values():
                table.send()
            if self.commit:
                cr.commit()
            done = min(start + BULK_BATCH, len(projects))
            if done < len(projects):
                self.progress.stage(
                    f"  expenses of {done}/{len(projects)}", made, began
                )
        self.env.invalidate_all()
        self._count("expenses", range(made))
        self._count("bulk expenses", range(made))
        return made

    def _bulk_project(self, project, tables, numbers, spent):
        t = tables
        [expense] = t["sgz_agency_expense"].rows(
            "id = %s", [self.templates[project.id]]
        )
        evidence = t["sgz_agency_expense_evidence"].rows(
            "expense_id = %s", [expense["id"]]
        )
        links = t[EVIDENCE_REL].rows(
            "sgz_agency_expense_evidence_id = ANY(%s)", [[e["id"] for e in evidence]]
        )
        attachments = {
            a["id"]: a
            for a in t["ir_attachment"].rows(
                "id = ANY(%s)", [[link["ir_attachment_id"] for link in links]]
            )
        }
        [move] = t["account_move"].rows("id = %s", [expense["move_id"]])
        lines = t["account_move_line"].rows("move_id = %s", [move["id"]])
        found = re.fullmatch(r"(.+)/\d{4}/\d{2}/", move["sequence_prefix"] or "")
        if not found or expense["funding_source"] != "lottery":
            raise ValueError(
                f"{move['name']}: the bulk loader expects a monthly voucher number "
                "(JZ/2026/03/0001) and a lottery-funded template"
            )
        code, width = found.group(1), len(move["name"]) - len(move["sequence_prefix"])
        line = self.env["sgz.budget.line"].browse(expense["budget_line_id"])
        room = line.amount - spent.get(line._sgz_key(), (0.0, 0.0))[1]
        plan = self._bulk_plan(project, room)
        count = len(plan)
        ids = {
            name: t[name].reserve(count * n)
            for name, n in (
                ("sgz_agency_expense", 1),
                ("account_move", 1),
                ("account_move_line", len(lines)),
                ("sgz_agency_expense_evidence", len(evidence)),
                ("ir_attachment", len(attachments)),
            )
        }
        old = (expense["amount"], expense["date"])
        self._supplier()
        suppliers = self._suppliers
        for index, (day, cents, source) in enumerate(plan):
            amount = Decimal(cents).scaleb(-2)
            purpose = BULK_PURPOSES[index % len(BULK_PURPOSES)]
            prefix = f"{code}/{day.year}/{day.month:02d}/"
            number = numbers.get((move["journal_id"], prefix), 0) + 1
            numbers[(move["journal_id"], prefix)] = number
            name = f"{prefix}{number:0{width}d}"
            move_id = next(ids["account_move"])
            change = {"amount": (old[0], amount), "day": (old[1], day)}
            t["account_move"].add(
                move,
                {
                    "id": move_id,
                    "name": name,
                    "sequence_prefix": prefix,
                    "sequence_number": number,
                    "ref": purpose,
                },
                **change,
            )
            for item in lines:
                t["account_move_line"].add(
                    item,
                    {
                        "id": next(ids["account_move_line"]),
                        "move_id": move_id,
                        "move_name": name,
                        "ref": purpose,
                        "name": purpose,
                        "sgz_funding_source": source,
                    },
                    **change,
                )
            expense_id = next(ids["sgz_agency_expense"])
            t["sgz_agency_expense"].add(
                expense,
                {
                    "id": expense_id,
                    "move_id": move_id,
                    "name": purpose,
                    "funding_source": source,
                    "invoice_number": f"{project.id:06d}{index + 1:04d}",
                    "partner_id": suppliers[index % len(suppliers)].id,
                },
                **change,
            )
            copies = {}
            for attachment_id, attachment in attachments.items():
                copies[attachment_id] = next(ids["ir_attachment"])
                t["ir_attachment"].add(attachment, {"id": copies[attachment_id]})
            for item in evidence:
                item_id = next(ids["sgz_agency_expense_evidence"])
                t["sgz_agency_expense_evidence"].add(
                    item, {"id": item_id, "expense_id": expense_id}
                )
                for link in links:
                    if link["sgz_agency_expense_evidence_id"] == item["id"]:
                        t[EVIDENCE_REL].add(
                            link,
                            {
                                "sgz_agency_expense_evidence_id": item_id,
                                "ir_attachment_id": copies[link["ir_attachment_id"]],
                            },
                        )
            self.bulk_expense_ids.append(expense_id)
        return count

    def check_bulk_expenses(self, batch=2000):
        """Every bulk expense read back through the ORM: the models' constraints, the
        posting rules (``_sgz_refusals``: amount, category, invoice, evidence, cash,
        purchase record), its voucher balanced and booking its amount on its project,
        budget line and source in its agency's books; then every budget line within
        its budget. Stops at the first breach: ``ValueError`` from the pass's own
        checks, or the ``UserError`` / ``ValidationError`` of Odoo's."""
        env = self.env
        Expense = env["sgz.agency.expense"].sudo()
        ids = self.bulk_expense_ids
        for start in range(0, len(ids), batch):
            expenses = Expense.browse(ids[start : start + batch])
            moves = expenses.move_id
            expenses._validate_fields(list(expenses._fields))
            moves._validate_fields(list(moves._fields))
            moves.line_ids._validate_fields(list(moves.line_ids._fields))
            unbalanced = moves._get_unbalanced_moves({"records": moves})
            if unbalanced:
                raise ValueError(f"unbalanced vouchers: {unbalanced[:5]}")
            for expense in expenses:
                self._check_bulk_expense(expense)
            env.invalidate_all()
        projects = env["sgz.project"].browse(list(self.templates))
        usage = env["sgz.budget.line"]._sgz_usage(projects)
        for project in projects:
            currency = project.currency_id
            for line in project._sgz_current_budget().line_ids:
                spent = usage.get(line._sgz_key(), (0.0, 0.0))[1]
                if currency.compare_amounts(spent, line.amount) > 0:
                    raise ValueError(f"{line.display_name}: {spent} over {line.amount}")
        return len(ids)

    def _check_bulk_expense(self, expense):
        problems = expense._sgz_refusals()
        move = expense.move_id
        currency = expense.currency_id
        cost = move.line_ids.filtered(lambda li: li.debit)
        if expense.state != "posted" or move.state != "posted":
            problems.append("not posted")
        if move.company_id != expense.company_id or move.date != expense.date:
            problems.append("voucher in other books or on another day")
        if (
            len(cost) != 1
            or currency.compare_amounts(cost.debit, expense.amount)
            or currency.compare_amounts(move.amount_total, expense.amount)
            or cost.sgz_budget_line_id != expense.budget_line_id
            or cost.account_id.with_company(move.company_id).code != "5101"
            or set(move.line_ids.mapped("sgz_project_id")) != {expense.project_id}
            or set(move.line_ids.mapped("sgz_funding_source"))
            != {expense.funding_source}
        ):
            problems.append("voucher does not book the expense")
        if expense.date.year != expense.project_id.date_start.year:
            problems.append("outside the project's year")
        if problems:
            raise ValueError(f"{expense.display_name} ({expense.id}): {problems}")

    def _supplier(self):
        if not getattr(self, "_suppliers", None):
            self._suppliers = self.env["res.partner"].create(
                [
                    {
                        "name": f"云南示例商贸有限公司{i}{NAME_SUFFIX}",
                        "is_company": True,
                    }
                    for i in range(1, 6)
                ]
            )
        return self.rng.choice(self._suppliers)


# ------------------------------------------------------------ the bulk loader
# The agencies' day-to-day spending (about ten expenses a project a month, each a
# voucher of two journal items) is what makes a province's million journal items;
# through the ORM it would take hours. Each bulk expense is a copy of the first one the
# ORM posted for the same project (its rows in the six tables an expense touches, read
# back from PostgreSQL), with its own amount, date, purpose, source, invoice number and
# voucher number, sent by COPY; then ``check_bulk_expenses`` reads every one back
# through the ORM and holds it to the addons' rules.
BULK_PER_MONTH = 10
INQUIRY_SUPPLIERS = 3  # MIN_INVITED and MIN_COMPLIANT of 询价 (sgz_procurement)
BULK_BATCH = 40  # projects a COPY
BULK_PURPOSES = (
    "社区活动物资",
    "小组活动用品",
    "个案服务物资",
    "宣传资料印制",
    "志愿者活动用品",
    "社区讲座资料",
)
EVIDENCE_REL = "ir_attachment_sgz_agency_expense_evidence_rel"
LAST_MONTH = 11  # the current year's expenses run to November (today is in December)


def by_inquiry(size, index, year):
    """Whether the ``index``-th station's project of ``year`` is bought by 询价."""
    return size["agencies"] >= INQUIRY_SUPPLIERS and (index + year) % 4 == 0


def quote_period():
    """询价's least quote period in working days, from the addon (one place)."""
    from odoo.addons.sgz_procurement.models import sgz_procurement_common

    return sgz_procurement_common.INQUIRY_MIN_WORKING_DAYS


def copy_text(value):
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, datetime):
        value = value.isoformat(sep=" ")
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


class CopyTable:
    """Rows of one table cloned from a template row and sent by COPY."""

    def __init__(self, cr, name):
        self.cr = cr
        self.name = name
        cr.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s "
            "ORDER BY ordinal_position",
            [name],
        )
        self.columns = cr.fetchall()
        self.buffer = io.StringIO()
        self.count = 0

    def rows(self, where, params):
        self.cr.execute(f'SELECT * FROM "{self.name}" WHERE {where} ORDER BY 1', params)
        return self.cr.dictfetchall()

    def reserve(self, count):
        """``count`` ids from the table's own sequence, as the ORM would take them."""
        self.cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", [self.name])
        [seq] = self.cr.fetchone()
        self.cr.execute("SELECT nextval(%s)", [seq])
        [first] = self.cr.fetchone()
        self.cr.execute("SELECT setval(%s, %s)", [seq, first + count - 1])
        return iter(range(first, first + count))

    def add(self, template, values, amount=None, day=None):
        """``template`` with ``values`` set; a numeric column holding the template's
        amount (or its opposite) takes the new one, a date column holding the
        template's day the new day."""
        out = []
        for column, kind in self.columns:
            if column in values:
                value = values[column]
            else:
                value = template[column]
                if amount and kind == "numeric" and value is not None:
                    if value == amount[0]:
                        value = amount[1]
                    elif value == -amount[0]:
                        value = -amount[1]
                elif day and kind == "date" and value == day[0]:
                    value = day[1]
            out.append(copy_text(value))
        self.buffer.write("\t".join(out) + "\n")
        self.count += 1

    def send(self):
        if self.count:
            self.buffer.seek(0)
            columns = ", ".join(f'"{c}"' for c, _k in self.columns)
            self.cr._obj.copy_expert(
                f'COPY "{self.name}" ({columns}) FROM STDIN', self.buffer
            )
        self.buffer = io.StringIO()
        self.count = 0


def generate(env, preset="1", seed=2026, out=print, commit=True):
    """Fill ``env``'s database with ``preset``; returns the counts of what was made.
    Each stage is committed unless ``commit`` is false (the Odoo test)."""
    return Generator(env, preset=preset, seed=seed, out=out, commit=commit).run()


def expected_counts(preset):
    """What ``preset`` makes: one project a station a year, three stages paid a past
    year (one the current year), two expenses a paid half-year by the ORM and ten a
    month in bulk (to November the current year), three activities a month (to
    November) and a brief submitted and reviewed for each month (to October)."""
    size = PRESETS[preset]
    past = sum(1 for y in size["years"] if y < CURRENT_YEAR)
    current = len(size["years"]) - past
    stations = size["townships"]
    bulk = stations * BULK_PER_MONTH * (12 * past + LAST_MONTH * current)
    inquiries = sum(
        by_inquiry(size, index, year)
        for year in size["years"]
        for index in range(stations)
    )
    return {
        "stations": stations,
        "agencies": size["agencies"],
        "projects": stations * len(size["years"]),
        "payments": stations * (3 * past + current),
        "evaluations": stations * 2 * past,
        "activities": stations * 3 * (12 * past + LAST_MONTH * current),
        "monthly briefs": stations * (12 * past + (LAST_MONTH - 1) * current),
        "procurements by inquiry": inquiries,
        "quotes": INQUIRY_SUPPLIERS * inquiries,
        "bulk expenses": bulk,
        "expenses": stations * (4 * past + 2 * current) + bulk,
    }
