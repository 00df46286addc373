"""The benchmark of issue 13, on databases made by bin/generate (docs/performance.md).

``bin/benchmark --db sgz_province_1 --db sgz_province_10`` runs, in each database and
inside one transaction that is rolled back at the end (the data is not changed):

- each report of the reports issue (its figures, ``sgz.report.sgz_parts``), the trial
  balance of the agency with the most journal items (one year), and the dashboard's
  figures, as an auditor (the trial balance as that agency's accountant);
- the same totals computed by one plain SQL ``GROUP BY`` each (the baseline);
- the busiest list views (stations, projects, disbursements; the journal items of that
  agency, as its accountant): the first page of 80 rows read as the web client reads it
  (``web_search_read`` with the list view's fields);
- the reports that read journal items and disbursements again with the addons' indexes
  dropped (in a savepoint, rolled back), to show what the indexes do;
- in a separate process each, the peak RSS of exporting the largest XLSX files (the
  province's 资金使用报告, the 收支明细表 of the agency's largest project).

Each figure is the median of three runs after one warm-up run, with Odoo's record cache
emptied before each run (PostgreSQL's cache stays warm). The query count is the last
run's. The driver (``tools/sgz.py benchmark``) prints the table and writes it into
docs/performance.md with the machine and the date.
"""

import base64
import json
import resource
import statistics
import sys
import time
from datetime import date

from lxml import etree

REPORTS = (
    "fund_use",
    "disbursement",
    "procurement",
    "evaluation",
    "exception",
    "lottery",
)
RUNS = 3
LIST_LIMIT = 80
BENCH_LOGIN = "sgz_benchmark_auditor"

# indexes the reports rely on (declared in the models): dropped for the comparison
INDEXES = (
    "account_move_line_sgz_company_date_idx",
    "account_move_line__sgz_project_id_index",
    "account_move_line__sgz_budget_line_id_index",
    "account_move_line__sgz_funding_source_index",
    "sgz_disbursement__state_index",
    "sgz_disbursement__due_date_index",
    "sgz_disbursement__paid_date_index",
    "sgz_agency_expense__budget_line_id_index",
    "sgz_labor_payment__budget_line_id_index",
)

# The same totals as each report, by one GROUP BY (a report also reads names, dates,
# labels and rules; the baseline reads the figures only).
BASELINES = {
    "fund_use": """
        SELECT b.project_id, l.category_id, btrim(l.name), s.state, SUM(s.amount)
          FROM (SELECT budget_line_id, state, amount FROM sgz_agency_expense
                UNION ALL
                SELECT budget_line_id, state, gross FROM sgz_labor_payment) s
          JOIN sgz_budget_line l ON l.id = s.budget_line_id
          JOIN sgz_budget b ON b.id = l.budget_id
      GROUP BY 1, 2, 3, 4
    """,
    "disbursement": """
        SELECT p.county_id, d.agency_id, COUNT(*), SUM(d.amount_due),
               SUM(CASE WHEN d.state = 'paid' THEN d.amount_due ELSE 0 END)
          FROM sgz_disbursement d JOIN sgz_project p ON p.id = d.project_id
         WHERE d.state != 'cancelled'
      GROUP BY 1, 2
    """,
    "procurement": """
        SELECT p.id, p.method, p.state,
               (SELECT COUNT(*) FROM sgz_procurement_invitation i
                 WHERE i.procurement_id = p.id),
               (SELECT COUNT(*) FROM sgz_quote q WHERE q.procurement_id = p.id)
          FROM sgz_procurement p
    """,
    "evaluation": """
        SELECT e.project_id, e.eval_type, date_part('year', e.date), e.grade,
               SUM(l.score), SUM(l.max_score)
          FROM sgz_evaluation e JOIN sgz_evaluation_line l ON l.evaluation_id = e.id
         WHERE e.state = 'confirmed'
      GROUP BY 1, 2, 3, 4
    """,
    "exception": """
        SELECT rule, agency_id, COUNT(*), SUM(amount)
          FROM sgz_compliance_exception GROUP BY 1, 2
    """,
    "lottery": """
        SELECT project_id, SUM(amount) FROM (
            SELECT project_id, amount FROM sgz_agency_receipt
             WHERE state = 'posted' AND funding_source = 'lottery'
               AND date BETWEEN %(start)s AND %(end)s
            UNION ALL
            SELECT project_id, -amount FROM sgz_agency_expense
             WHERE state = 'posted' AND funding_source = 'lottery'
               AND date BETWEEN %(start)s AND %(end)s
            UNION ALL
            SELECT project_id, -gross FROM sgz_labor_payment
             WHERE state = 'posted' AND funding_source = 'lottery'
               AND date BETWEEN %(start)s AND %(end)s) s
      GROUP BY 1
    """,
    "trial_balance": """
        SELECT account_id, sgz_project_id, sgz_budget_line_id, date < %(start)s,
               SUM(debit), SUM(credit)
          FROM account_move_line
         WHERE company_id = %(company)s AND parent_state = 'posted'
           AND date <= %(end)s
      GROUP BY 1, 2, 3, 4
    """,
}


def measure(env, fn, runs=RUNS):
    """(median seconds, queries of the last run) of ``fn()``, after a warm-up."""
    fn()
    times, queries = [], 0
    for _ in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), queries


def bench_user(env):
    """An auditor of the bureau, made in the benchmark's own transaction."""
    user = env["res.users"].search([("login", "=", BENCH_LOGIN)])
    if not user:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "基准测试审计员",
                    "login": BENCH_LOGIN,
                    "groups_id": [(6, 0, env.ref("sgz_stations.group_auditor").ids)],
                }
            )
        )
    return user


def busiest_books(env):
    """The agency company and year with the most journal items, and its accountant."""
    env.cr.execute(
        """
        SELECT company_id, date_part('year', date)::int, COUNT(*)
          FROM account_move_line l JOIN res_company c ON c.id = l.company_id
         WHERE c.sgz_agency_id IS NOT NULL
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1
        """
    )
    company_id, year, count = env.cr.fetchone()
    company = env["res.company"].browse(company_id)
    accountant = env["res.users"].search(
        [
            ("sgz_agency_id", "=", company.sgz_agency_id.id),
            ("groups_id", "in", env.ref("sgz_stations.group_agency_accountant").ids),
        ],
        limit=1,
    )
    return company, accountant, year, count


def list_spec(env, model):
    """The fields the web client reads for ``model``'s default list view."""
    arch = env[model].get_views([(False, "list")])["views"]["list"]["arch"]
    root = etree.fromstring(arch)
    spec = {}
    for node in root.iterchildren("field"):
        name = node.get("name")
        field = env[model]._fields.get(name)
        if field is None:
            continue
        if field.type in ("many2one", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type == "one2many":
            continue
        else:
            spec[name] = {}
    return spec


def _sql(env, query, params):
    def run():
        env.cr.execute(query, params)
        env.cr.fetchall()

    return run


def run(env, label):
    """The measurements on ``env``'s database, as a dict (rolled back after)."""
    env.cr.execute("SAVEPOINT sgz_benchmark")
    auditor = bench_user(env)
    bureau = env.ref("base.main_company")
    aud = env(user=auditor.id, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
    company, accountant, year, item_count = busiest_books(env)
    acc = env(
        user=accountant.id,
        context={
            "lang": "zh_CN",
            "tz": "Asia/Shanghai",
            "allowed_company_ids": [company.id],
        },
    )
    start, end = date(year, 1, 1), date(year, 12, 31)
    params = {"start": start, "end": end, "company": company.id}
    counts = {}
    for model in (
        "sgz.station",
        "sgz.project",
        "sgz.disbursement",
        "sgz.agency.expense",
        "account.move.line",
    ):
        counts[model] = env[model].sudo().search_count([])
    counts["journal items of the busiest agency in one year"] = f"{item_count} ({year})"

    def report(name, **vals):
        wizard = aud["sgz.report"].create(
            {"report": name, "company_id": bureau.id, **vals}
        )
        return lambda: wizard.sgz_parts()

    def trial_balance():
        acc["sgz.trial.balance"]._sgz_rows(acc.company, start, end)

    targets = {}
    for name in REPORTS:
        targets[name] = report(name, year=year) if name == "lottery" else report(name)
    targets["trial_balance"] = trial_balance
    dashboard = aud["sgz.dashboard"].create({})
    targets["dashboard"] = dashboard.sgz_figures

    results = {"label": label, "counts": counts, "year": year, "rows": {}}
    for name, fn in targets.items():
        seconds, queries = measure(env, fn)
        row = {"seconds": seconds, "queries": queries}
        if name in BASELINES:
            base, _q = measure(env, _sql(env, BASELINES[name], params))
            row["baseline"] = base
        results["rows"][name] = row

    lists = {
        "sgz.station": (aud, []),
        "sgz.project": (aud, []),
        "sgz.disbursement": (aud, []),
        "account.move.line": (acc, [("company_id", "=", company.id)]),
    }
    for model, (user_env, domain) in lists.items():
        spec = list_spec(user_env, model)

        def read_page(model=model, user_env=user_env, domain=domain, spec=spec):
            user_env[model].web_search_read(domain, spec, limit=LIST_LIMIT)

        seconds, queries = measure(env, read_page)
        results["rows"][f"list {model}"] = {"seconds": seconds, "queries": queries}

    # the same without the addons' indexes (dropped in a savepoint, rolled back)
    env.cr.execute("SAVEPOINT sgz_benchmark_indexes")
    dropped = []
    for index in INDEXES:
        env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [index])
        if env.cr.fetchone():
            env.cr.execute(f'DROP INDEX "{index}"')
            dropped.append(index)
    for name in ("fund_use", "disbursement", "lottery", "trial_balance"):
        seconds, _q = measure(env, targets[name])
        results["rows"][name]["without_indexes"] = seconds
    seconds, _q = measure(
        env,
        lambda: acc["account.move.line"].web_search_read(
            [("company_id", "=", company.id)],
            list_spec(acc, "account.move.line"),
            limit=LIST_LIMIT,
        ),
    )
    results["rows"]["list account.move.line"]["without_indexes"] = seconds
    env.cr.execute("ROLLBACK TO SAVEPOINT sgz_benchmark_indexes")
    results["dropped_indexes"] = dropped
    env.cr.execute("ROLLBACK TO SAVEPOINT sgz_benchmark")
    env.invalidate_all()
    return results


def export_peak(env, what):
    """Export the largest XLSX of ``what`` and return the process's RSS before and at
    its peak (KiB), for a process of its own (``ru_maxrss`` never goes down)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    auditor = bench_user(env)
    aud = env(user=auditor.id, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
    size = 0
    if what == "fund_use":
        wizard = aud["sgz.report"].create(
            {"report": "fund_use", "company_id": env.ref("base.main_company").id}
        )
        wizard.action_export_xlsx()
        size = len(base64.b64decode(wizard.xlsx_file))
        rows = sum(len(p["rows"]) for p in wizard.sgz_parts())
    else:
        company, _accountant, _year, _count = busiest_books(env)
        env.cr.execute(
            """
            SELECT project_id FROM sgz_agency_expense
             WHERE agency_id = %s GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1
            """,
            [company.sgz_agency_id.id],
        )
        project = aud["sgz.project"].browse(env.cr.fetchone()[0])
        action = project.action_export_ledger_xlsx()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = aud["ir.attachment"].browse(attachment_id)
        size = len(attachment.raw)
        rows = len(project._sgz_ledger_rows())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    env.cr.rollback()
    return {
        "what": what,
        "before_kib": before,
        "peak_kib": peak,
        "bytes": size,
        "rows": rows,
    }


def oca_trial_balance(env):
    """Our trial balance and OCA's ``account_financial_report`` one, on the same
    agency company and year, in a copy of the database where OCA's is installed."""
    company, _accountant, year, count = busiest_books(env)
    start, end = date(year, 1, 1), date(year, 12, 31)
    su = env(context={"lang": "zh_CN", "allowed_company_ids": [company.id]})
    wizard = su["trial.balance.report.wizard"].create(
        {
            "company_id": company.id,
            "date_from": start,
            "date_to": end,
            "target_move": "posted",
        }
    )
    data = wizard._prepare_report_data()
    Report = su["report.account_financial_report.trial_balance"]

    def oca():
        Report._get_report_values(wizard.ids, data)

    def ours():
        su["sgz.trial.balance"]._sgz_rows(company, start, end)

    oca_s, oca_q = measure(env, oca)
    our_s, our_q = measure(env, ours)
    env.cr.rollback()
    return {
        "items": count,
        "year": year,
        "oca_seconds": oca_s,
        "oca_queries": oca_q,
        "our_seconds": our_s,
        "our_queries": our_q,
    }


def main(env, label):
    print("SGZBENCH " + json.dumps(run(env, label), default=str))


def main_peak(env, what):
    print("SGZBENCH " + json.dumps(export_peak(env, what), default=str))


def main_oca(env):
    print("SGZBENCH " + json.dumps(oca_trial_balance(env), default=str))


# ---------------------------------------------------------------- the driver
# (run outside Odoo by tools/sgz.py: starts Odoo's shell on each database)

NAMES = {
    "fund_use": "资金使用报告",
    "disbursement": "拨付登记",
    "procurement": "采购登记",
    "evaluation": "评估汇总",
    "exception": "合规异常",
    "lottery": "彩票公益金年度报告",
    "trial_balance": "科目余额表 (one agency, one year)",
    "dashboard": "dashboard figures",
    "list sgz.station": "list: stations (80 rows)",
    "list sgz.project": "list: projects (80 rows)",
    "list sgz.disbursement": "list: disbursements (80 rows)",
    "list account.move.line": "list: journal items of one agency (80 rows)",
}
MARK_BEGIN = "<!-- benchmark:begin -->"
MARK_END = "<!-- benchmark:end -->"


def shell_json(sgz, conf, db, code):
    """Run ``code`` in Odoo's shell on ``db``; the dict it prints after SGZBENCH."""
    import os
    import subprocess

    tools = os.path.dirname(os.path.abspath(__file__))
    script = f"import sys\nsys.path.insert(0, {tools!r})\nimport benchmark\n{code}\n"
    proc = subprocess.run(
        sgz.odoo_cmd(conf, "-d", db, "--no-http", "--log-level=warn", command="shell"),
        input=script,
        text=True,
        capture_output=True,
        cwd=sgz.ROOT,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("SGZBENCH "):
            return json.loads(line[len("SGZBENCH ") :])
    sgz.die(
        f"the benchmark failed on {db}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )


def machine(sgz):
    import os
    import platform

    with open("/proc/meminfo", encoding="ascii") as f:
        mem_kib = int(f.readline().split()[1])
    conn = sgz.pg_connect()
    try:
        cur = conn.cursor()
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    finally:
        conn.close()
    return (
        f"{os.cpu_count()} cores, {mem_kib / 1048576:.0f} GiB, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"PostgreSQL {pg.split()[0]}, Odoo 18.0"
    )


def _fmt_s(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def render(results, peaks, machine_line, today, oca=None):
    """The Markdown of the measured table (and the targets met or missed)."""
    labels = [r["label"] for r in results]
    out = [
        f"Measured {today} on this machine ({machine_line}) by `bin/benchmark "
        + " ".join(f"--db {label}" for label in labels)
        + "`; median of 3 runs after a warm-up, Odoo's record cache emptied "
        "before each.",
        "",
        "Data:",
        "",
        "| | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for key in results[0]["counts"]:
        out.append(
            f"| {key} | " + " | ".join(str(r["counts"][key]) for r in results) + " |"
        )
    out += [
        "",
        "Times, queries and the ratio to the plain SQL `GROUP BY` baseline:",
        "",
    ]
    head = "| measure |"
    rule = "|---|"
    for label in labels:
        head += f" {label} time | queries | SQL | ratio |"
        rule += "---:|---:|---:|---:|"
    head += " queries equal |"
    rule += "---|"
    out += [head, rule]
    misses = []
    for key in results[0]["rows"]:
        line = f"| {NAMES.get(key, key)} |"
        queries = []
        for r in results:
            row = r["rows"][key]
            queries.append(row["queries"])
            if "baseline" in row:
                ratio = row["seconds"] / row["baseline"] if row["baseline"] else 0
                line += (
                    f" {_fmt_s(row['seconds'])} | {row['queries']} | "
                    f"{_fmt_s(row['baseline'])} | {ratio:.1f}× |"
                )
                if ratio > 2:
                    misses.append(
                        f"{NAMES.get(key, key)} at {r['label']}: {ratio:.1f}×"
                    )
            else:
                line += f" {_fmt_s(row['seconds'])} | {row['queries']} | — | — |"
            if key.startswith("list ") and row["queries"] >= 30:
                misses.append(
                    f"{NAMES.get(key, key)} at {r['label']}: {row['queries']} queries"
                )
        equal = len(set(queries)) == 1
        line += " yes |" if equal else " **no** |"
        if not equal:
            misses.append(f"{NAMES.get(key, key)}: queries {queries}")
        out.append(line)
    out += ["", "With and without the addons' indexes (the largest database):", ""]
    last = results[-1]
    out += ["| measure | with | without | without / with |", "|---|---:|---:|---:|"]
    for key, row in last["rows"].items():
        if "without_indexes" in row:
            ratio = row["without_indexes"] / row["seconds"] if row["seconds"] else 0
            out.append(
                f"| {NAMES.get(key, key)} | {_fmt_s(row['seconds'])} | "
                f"{_fmt_s(row['without_indexes'])} | {ratio:.2f} |"
            )
    out += [
        "",
        "Indexes dropped for the comparison: "
        + ", ".join(f"`{i}`" for i in last["dropped_indexes"])
        + ".",
    ]
    out += [
        "",
        "Peak RSS of the Odoo process exporting the largest XLSX "
        f"({last['label']}; a process of its own each):",
        "",
    ]
    out += [
        "| export | rows | file | RSS before | peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    for peak in peaks:
        name = {
            "fund_use": "资金使用报告 of the province",
            "ledger": "收支明细表 of the " "agency's largest project",
        }[peak["what"]]
        out.append(
            f"| {name} | {peak['rows']} | {peak['bytes'] / 1024:.0f} KiB | "
            f"{peak['before_kib'] / 1024:.0f} MiB | {peak['peak_kib'] / 1024:.0f} MiB |"
        )
        if peak["peak_kib"] >= 512 * 1024:
            misses.append(f"{name}: peak RSS {peak['peak_kib'] / 1024:.0f} MiB")
    out += [
        "",
        "Trial balance against OCA's `account_financial_report` 18.0 (installed "
        "into a copy of the largest database, same agency company and year):",
        "",
    ]
    if isinstance(oca, dict):
        ratio = oca["our_seconds"] / oca["oca_seconds"] if oca["oca_seconds"] else 0
        out += [
            "| | time | queries |",
            "|---|---:|---:|",
            f"| ours (`sgz.trial.balance`) | {_fmt_s(oca['our_seconds'])} | "
            f"{oca['our_queries']} |",
            f"| OCA (`report.account_financial_report.trial_balance`) | "
            f"{_fmt_s(oca['oca_seconds'])} | {oca['oca_queries']} |",
            "",
            f"Ours takes {ratio:.2f}× OCA's time on {oca['items']} journal items "
            f"({oca['year']}).",
        ]
        if ratio >= 1:
            misses.append(f"trial balance slower than OCA's ({ratio:.2f}×)")
    else:
        out.append(f"Not measured: {oca or 'not run'}.")
        misses.append("the OCA comparison")
    out += [
        "",
        "Targets missed in this run: "
        + ("; ".join(misses) if misses else "none")
        + ".",
    ]
    return "\n".join(out)


OCA_ADDONS = ("account_financial_report", "date_range", "report_xlsx")


def oca_addons_path(sgz):
    """OCA's 18.0 addons from PyPI (wheels, without their dependency on the ``odoo``
    package, which is the Odoo tree here), unpacked under .local/oca."""
    import glob
    import os
    import subprocess
    import zipfile

    root = os.path.join(sgz.LOCAL, "oca")
    addons = os.path.join(root, "src", "odoo", "addons")
    if all(os.path.isdir(os.path.join(addons, a)) for a in OCA_ADDONS):
        return addons
    wheels = os.path.join(root, "wheels")
    os.makedirs(wheels, exist_ok=True)
    specs = [f"odoo-addon-{a}>=18.0,<18.1" for a in OCA_ADDONS]
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheels]
        + specs,
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        return None
    for wheel in glob.glob(os.path.join(wheels, "*.whl")):
        with zipfile.ZipFile(wheel) as z:
            z.extractall(os.path.join(root, "src"))
    return addons


def oca_compare(sgz, db):
    """Install OCA's account_financial_report into a copy of ``db`` and time both
    trial balances there; the reason as a string when it cannot be done."""
    addons = oca_addons_path(sgz)
    if not addons:
        return "OCA's addons could not be downloaded from PyPI"
    copy = f"{db}_oca"
    sgz.drop_db(copy)
    conn = sgz.pg_connect()
    conn.autocommit = True
    try:
        conn.cursor().execute(f'CREATE DATABASE "{copy}" TEMPLATE "{db}"')
    finally:
        conn.close()
    conf = sgz.odoo_conf("benchmark-oca", extra_addons=[addons])
    rc, _text, logpath = sgz.run_odoo_logged(
        conf,
        ["-d", copy, "-i", "account_financial_report", "--stop-after-init"],
        "benchmark-oca-install",
    )
    if rc:
        return f"installing account_financial_report failed (log {logpath})"
    try:
        return shell_json(sgz, conf, copy, "benchmark.main_oca(env)")
    finally:
        sgz.drop_db(copy)


def cmd_benchmark(args, sgz):
    import os

    dbs = args.db or ["sgz_province_1", "sgz_province_10"]
    sgz.ensure_postgres()
    for db in dbs:
        if not sgz.db_exists(db):
            sgz.die(f"no database {db}: make it first with bin/generate (README).")
    conf = sgz.odoo_conf("generate")
    results = []
    for db in dbs:
        sgz.stage(f"benchmark on {db}")
        results.append(shell_json(sgz, conf, db, f"benchmark.main(env, {db!r})"))
    peaks = []
    for what in ("fund_use", "ledger"):
        sgz.stage(f"peak memory of an XLSX export on {dbs[-1]}: {what}")
        peaks.append(
            shell_json(sgz, conf, dbs[-1], f"benchmark.main_peak(env, {what!r})")
        )
    sgz.stage(f"OCA's account_financial_report trial balance on a copy of {dbs[-1]}")
    oca = oca_compare(sgz, dbs[-1])
    today = date.today().isoformat()
    table = render(results, peaks, machine(sgz), today, oca)
    print(table)
    if args.no_write:
        return
    path = os.path.join(sgz.ROOT, "docs", "performance.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    block = f"{MARK_BEGIN}\n{table}\n{MARK_END}"
    if MARK_BEGIN in text:
        before = text[: text.index(MARK_BEGIN)]
        after = text[text.index(MARK_END) + len(MARK_END) :]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n## Benchmark (`bin/benchmark`)\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"written to {path}")
