"""A province in one database, through the addons' own steps (issue 13, first part).

``bin/generate --scale 1`` (docs/performance.md) fills a database that has the three
addons installed with a deterministic slice of Yunnan (``data/regions/
yunnan_regions.csv``): prefectures, counties and townships; agencies, each with its
company and books (the non-profit chart), workers and an accountant; one township
station per township; one project a station a year, with its budget approved, its
procurement (a recorded open tender) awarded, its contract signed and paid in stages
as the evaluations pass, the money received in the agency's books and spent on the
budget lines with invoice and evidence.

Every record is made by the ORM through the steps a user would take (no constraint,
rule or workflow guard is bypassed; the steps run as the superuser, which passes the
role checks and nothing else), each step on the date it would happen (``freezegun``):
the data is the same for the same seed. The sizes of each preset are in ``PRESETS``;
``tiny`` feeds ``sgz_finance/tests/test_province.py``.

Not done yet (docs/limits.md): the 100 % preset (1,400 stations, 300 agencies, about a
million journal items within an hour needs the bulk items loaded by ``COPY`` and then
checked through the ORM), monthly briefs beyond the drafts the projects make, service
activities, and competitive procurements with sealed quotes.
"""

import base64
import csv
import os
import random
import time
from datetime import date

from freezegun import freeze_time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS_CSV = os.path.join(ROOT, "data", "regions", "yunnan_regions.csv")

# townships (= stations), agencies, years of projects
PRESETS = {
    "tiny": {"townships": 3, "agencies": 2, "years": (2025, 2026)},
    "1": {"townships": 14, "agencies": 3, "years": (2024, 2025, 2026)},
    "10": {"townships": 140, "agencies": 30, "years": (2024, 2025, 2026)},
}
UNSUPPORTED = {
    "100": "the 100 % preset needs the bulk loader (COPY of the journal items, then "
    "a check pass through the ORM), which is not written yet: use --scale 1 or 10",
}
CURRENT_YEAR = 2026
NAME_SUFFIX = "（生成）"
SURNAMES = "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "娜芳敏静丽强磊军洋勇艳杰涛明超秀英华慧"


class Progress:
    """A line per stage: what was made, how many, how fast."""

    def __init__(self, out=print):
        self.out = out
        self.start = time.monotonic()

    def stage(self, name, count, began):
        spent = time.monotonic() - began
        rate = count / spent if spent > 0 else 0.0
        self.out(
            f"{name:<34} {count:>7}  {spent:7.1f} s  {rate:8.1f}/s  "
            f"(total {time.monotonic() - self.start:7.1f} s)"
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
        ]
        for name, stage in stages:
            began = time.monotonic()
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
        self._count("stations", stations)
        self._count("workers", range(2 * len(stations)))
        return len(stations)

    def make_projects(self):
        domain = self.env["sgz.service.domain"].search([], limit=1, order="id")
        projects = self.env["sgz.project"]
        total = len(self.size["years"]) * len(self.stations)
        step = max(1, total // 10)
        began = time.monotonic()
        for year in self.size["years"]:
            for station in self.stations:
                projects |= self._project(station, year, domain)
                if self.commit:
                    # one transaction a project: a failure keeps the projects made,
                    # and the transaction's pending work stays small (account.move
                    # walks every live environment on each posting; see
                    # docs/performance.md)
                    self.env.flush_all()
                    self.env.cr.commit()
                if len(projects) % step == 0 and len(projects) < total:
                    self.progress.stage(
                        f"  projects {len(projects)}/{total}", len(projects), began
                    )
        self.projects = projects
        self._count("projects", projects)
        return len(projects)

    # ----------------------------------------------------------- one project
    def _project(self, station, year, domain):
        env = self.env
        agency = station.agency_id
        amount = round(self.rng.randint(18000000, 36000000) / 100.0, 2)
        lottery = round(amount * 0.4, 2)
        workers = self.workers[station.id]
        with freeze_time(f"{year - 1}-12-01 02:00:00"):
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
            proc = env["sgz.procurement"].create(
                {
                    "title": f"{station.name}{year}年度运营服务采购",
                    "method": "public_tender",
                    "project_ids": [(6, 0, project.ids)],
                    "station_ids": [(6, 0, station.ids)],
                    "budget_ceiling": amount,
                    "date_start": date(year, 1, 1),
                    "date_end": date(year, 12, 31),
                    "service_requirements": "驻站社工2名，开展个案、小组、社区活动",
                    "staff_requirements": "至少1名持证社工",
                    "evaluation_criteria": "服务人数不少于400人",
                    "announce_date": date(year - 1, 12, 1),
                    "platform_reference": f"YNZC-{year}-{project.id:06d}",
                    "bidder_ids": [(6, 0, agency.ids)],
                    "tender_amount": amount,
                }
            )
            proc.action_announce()
            proc.write({"awarded_supplier_id": agency.id})
            proc.action_record_tender_result()
            contract = env["sgz.contract"].browse(
                proc.action_create_contract()["res_id"]
            )
            contract.write(
                {"date_start": date(year, 1, 1), "date_end": date(year, 12, 31)}
            )
            project.action_start()
        with freeze_time(f"{year}-01-06 02:00:00"):
            contract.action_sign()
        stages = contract.disbursement_ids.sorted("sequence")
        self._pay(stages[0], f"{year}-01-12 02:00:00")
        self._spend(project, budget, f"{year}-03-10 02:00:00", 2)
        if year < CURRENT_YEAR:
            project.action_to_midterm()
            self._evaluate(project, "midterm", f"{year}-07-10 02:00:00")
            self._pay(stages[1], f"{year}-07-15 02:00:00")
            self._spend(project, budget, f"{year}-09-10 02:00:00", 2)
            project.action_to_final()
            self._evaluate(project, "final", f"{year}-12-10 02:00:00")
            self._pay(stages[2], f"{year}-12-15 02:00:00")
        self._count("contracts", contract)
        return project

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
        with freeze_time(when):
            stage.action_request()
            stage.action_approve()
            stage.action_pay(f"BANK-{stage.id:08d}")
            # the agency's accountant books the money received
            accountant = self.accountants[stage.agency_id.id]
            stage.receipt_ids.with_user(accountant).action_post()
        self._count("payments", stage)

    def _evaluate(self, project, eval_type, when):
        with freeze_time(when):
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
            with freeze_time(when):
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
            self._count("expenses", expense)

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


def generate(env, preset="1", seed=2026, out=print, commit=True):
    """Fill ``env``'s database with ``preset``; returns the counts of what was made.
    Each stage is committed unless ``commit`` is false (the Odoo test)."""
    return Generator(env, preset=preset, seed=seed, out=out, commit=commit).run()


def expected_counts(preset):
    """What ``preset`` makes: one project a station a year, three stages paid a past
    year (one the current year), two expenses a paid half-year."""
    size = PRESETS[preset]
    past = sum(1 for y in size["years"] if y < CURRENT_YEAR)
    current = len(size["years"]) - past
    stations = size["townships"]
    return {
        "stations": stations,
        "agencies": size["agencies"],
        "projects": stations * len(size["years"]),
        "payments": stations * (3 * past + current),
        "evaluations": stations * 2 * past,
        "expenses": stations * (4 * past + 2 * current),
    }
