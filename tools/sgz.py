"""Project runner: ``sgz.py run`` (Odoo with demo data), ``sgz.py test`` (all checks).

Called by ``bin/run`` and ``bin/test`` with the project virtualenv's Python, after
``bin/_bootstrap.sh`` has found Odoo 18.0 (``ODOO_PATH``) and installed requirements.
It starts its own PostgreSQL cluster under ``.local/pg`` (loopback only) unless
``SGZ_PG_HOST`` names a server to use.
"""

import argparse
import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo18")
PG_PORT = int(os.environ.get("SGZ_PG_PORT", "5433"))
PG_USER = os.environ.get("SGZ_PG_USER", "odoo")
DEMO_DB = os.environ.get("SGZ_DB", "sgz_demo")
HTTP_PORT = int(os.environ.get("SGZ_HTTP_PORT", "8069"))

# Odoo log line: "2026-11-28 02:40:01,123 4242 ERROR db odoo.module: message"
LOG_LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")
SKIPPED_RE = re.compile(r"^\S+ \S+ \d+ INFO \S+ \S+\.tests\.\S+: skipped (.+)$", re.M)
RESULT_RE = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)


class StageFailed(Exception):
    pass


def die(msg):
    print(f"错误 / error: {msg}", file=sys.stderr)
    sys.exit(2)


def addons():
    """The project's installable addons, in dependency order (sgz_stations first)."""
    order = ["sgz_stations", "sgz_procurement", "sgz_finance"]
    found = [
        os.path.basename(os.path.dirname(m))
        for m in glob.glob(os.path.join(ROOT, "sgz_*", "__manifest__.py"))
    ]
    return sorted(found, key=lambda n: (order.index(n) if n in order else 99, n))


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
def pg_bindir():
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]),
    )
    if versions:
        return os.path.dirname(versions[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(initdb)
    die(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found: install them "
        "(Debian: apt-get install postgresql) or set SGZ_PG_HOST to a running server."
    )


def pg_params():
    if os.environ.get("SGZ_PG_HOST"):
        return {
            "host": os.environ["SGZ_PG_HOST"],
            "port": int(os.environ.get("SGZ_PG_PORT", "5432")),
            "user": PG_USER,
            "password": os.environ.get("SGZ_PG_PASSWORD", ""),
        }
    return {"host": "127.0.0.1", "port": PG_PORT, "user": PG_USER, "password": ""}


def pg_connect(dbname="postgres"):
    import psycopg2

    p = pg_params()
    return psycopg2.connect(dbname=dbname, connect_timeout=3, **p)


def pg_reachable():
    try:
        pg_connect().close()
        return True
    except Exception:
        return False


def ensure_postgres():
    """Use SGZ_PG_HOST when given, else start the project's own cluster when needed."""
    if pg_reachable():
        return
    if os.environ.get("SGZ_PG_HOST"):
        die(
            f"the PostgreSQL server at {os.environ['SGZ_PG_HOST']} is not reachable "
            f"as user {PG_USER}: start it, or unset SGZ_PG_HOST to use a local one."
        )
    bindir = pg_bindir()
    datadir = os.path.join(LOCAL, "pg", "data")
    sockdir = os.path.join(LOCAL, "pg", "run")
    logfile = os.path.join(LOCAL, "pg", "server.log")
    os.makedirs(sockdir, exist_ok=True)
    run_as = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as the Debian 'postgres' user.
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            die(
                "running as root needs a 'postgres' system user to own the local "
                "PostgreSQL cluster: install the postgresql package or run as a "
                "normal user."
            )
        for path in (os.path.join(LOCAL, "pg"), datadir, sockdir):
            os.makedirs(path, exist_ok=True)
            os.chown(path, pw.pw_uid, pw.pw_gid)
        os.chmod(datadir, 0o700)
        if not os.path.exists(logfile):
            open(logfile, "a").close()
        os.chown(logfile, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    if not os.path.exists(os.path.join(datadir, "PG_VERSION")):
        print("正在初始化本地 PostgreSQL / initialising the local PostgreSQL cluster")
        subprocess.run(
            run_as
            + [
                os.path.join(bindir, "initdb"),
                "-D",
                datadir,
                "-U",
                PG_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    opts = f"-c listen_addresses=127.0.0.1 -p {PG_PORT} -k {sockdir} -c fsync=off"
    res = subprocess.run(
        run_as
        + [os.path.join(bindir, "pg_ctl"), "-D", datadir, "-l", logfile]
        + ["-o", opts, "-w", "-t", "60", "start"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    if res.returncode or not pg_reachable():
        die(
            f"the local PostgreSQL cluster in {datadir} did not start on port "
            f"{PG_PORT}: read {logfile}, or set SGZ_PG_PORT to a free port."
        )


def db_exists(name):
    conn = pg_connect()
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            return bool(cr.fetchone())
    finally:
        conn.close()


def drop_db(name):
    conn = pg_connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()
    shutil.rmtree(
        os.path.join(LOCAL, "odoo-data", "filestore", name), ignore_errors=True
    )


# ---------------------------------------------------------------------------
# Odoo
# ---------------------------------------------------------------------------
def odoo_conf(name, http_port=HTTP_PORT, extra_addons=()):
    p = pg_params()
    path = os.path.join(LOCAL, f"odoo-{name}.conf")
    addons_path = ",".join(
        [
            os.path.join(ODOO_PATH, "odoo", "addons"),
            os.path.join(ODOO_PATH, "addons"),
            ROOT,
            *extra_addons,
        ]
    )
    admin_file = os.path.join(LOCAL, "admin_passwd")
    if not os.path.exists(admin_file):
        with open(admin_file, "w") as f:
            f.write(secrets.token_urlsafe(16))
    with open(admin_file) as f:
        admin_passwd = f.read().strip()
    lines = [
        "[options]",
        f"addons_path = {addons_path}",
        f"db_host = {p['host']}",
        f"db_port = {p['port']}",
        f"db_user = {p['user']}",
        f"db_password = {p['password'] or 'False'}",
        f"data_dir = {os.path.join(LOCAL, 'odoo-data')}",
        "http_interface = 127.0.0.1",
        f"http_port = {http_port}",
        f"admin_passwd = {admin_passwd}",
        "list_db = False",
        "max_cron_threads = 1",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def odoo_cmd(conf, *args, command=None):
    """odoo-bin [command] -c conf args...: a sub-command must come first."""
    head = [sys.executable, os.path.join(ODOO_PATH, "odoo-bin")]
    if command:
        head.append(command)
    return [*head, "-c", conf, *args]


def run_odoo_logged(conf, args, logname):
    """Run odoo-bin to completion, tee its log to .local/logs/<logname>.log."""
    logdir = os.path.join(LOCAL, "logs")
    os.makedirs(logdir, exist_ok=True)
    logpath = os.path.join(logdir, f"{logname}.log")
    with open(logpath, "w") as log:
        proc = subprocess.run(
            odoo_cmd(conf, *args),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    with open(logpath, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return proc.returncode, text, logpath


def bad_log_lines(text):
    """ERROR and CRITICAL lines, and warnings raised from the project's own code."""
    bad = []
    for line in text.splitlines():
        m = LOG_LEVEL_RE.match(line)
        if not m:
            continue
        level = m.group(1)
        parts = line.split(" ", 5)
        db = parts[4] if len(parts) > 5 else ""
        rest = parts[5].replace(db, "") if len(parts) > 5 else line
        if level in ("ERROR", "CRITICAL"):
            bad.append(line)
        elif level == "WARNING" and ("sgz" in rest or "failed to install" in rest):
            bad.append(line)
    return bad


# ---------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------
SET_LANG_SNIPPET = """
admin = env.ref("base.user_admin")
admin.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
env["res.users"].search([("share", "=", False)]).write({"lang": "zh_CN"})
env.cr.commit()
"""


def free_port():
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_port_free(port):
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            die(
                f"port {port} on 127.0.0.1 is already in use (another Odoo?): stop "
                "that server or set SGZ_HTTP_PORT to a free port."
            )


def cmd_run(args):
    check_port_free(HTTP_PORT)
    ensure_postgres()
    conf = odoo_conf("run")
    mods = ",".join(addons())
    if args.reset and db_exists(DEMO_DB):
        drop_db(DEMO_DB)
    if not db_exists(DEMO_DB):
        print(
            f"正在创建演示数据库 {DEMO_DB} / creating the demo database {DEMO_DB} ..."
        )
        rc, text, logpath = run_odoo_logged(
            conf,
            [
                "-d",
                DEMO_DB,
                "-i",
                mods,
                "--load-language=zh_CN",
                "--stop-after-init",
                "--no-http",
            ],
            "run-install",
        )
        if rc or bad_log_lines(text):
            drop_db(DEMO_DB)
            die(f"installing the addons failed: read {logpath}.")
        subprocess.run(
            odoo_cmd(conf, "-d", DEMO_DB, "--no-http", command="shell"),
            input=SET_LANG_SNIPPET,
            text=True,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
    elif args.update:
        rc, _text, logpath = run_odoo_logged(
            conf, ["-d", DEMO_DB, "-u", mods, "--stop-after-init", "--no-http"], "run-u"
        )
        if rc:
            die(f"upgrading the addons failed: read {logpath}.")
    print(
        f"\n昆明社工站 Odoo: http://127.0.0.1:{HTTP_PORT}\n"
        f"数据库 / database: {DEMO_DB}\n"
        "登录 / login: admin  密码 / password: admin  "
        "(其他演示用户见 README / other demo users: see README)\n"
        "按 Ctrl+C 停止 / Ctrl+C stops it.\n",
        flush=True,
    )
    os.chdir(ROOT)
    os.execv(
        sys.executable,
        odoo_cmd(conf, "-d", DEMO_DB, f"--db-filter=^{DEMO_DB}$"),
    )


# ---------------------------------------------------------------------------
# test
# ---------------------------------------------------------------------------
class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def add(self, passed, failed):
        self.passed += passed
        self.failed += failed

    def line(self):
        return f"{self.passed} passed, {self.failed} failed"


def stage(title):
    print(f"\n==> {title}", flush=True)


def check_cmd(tally, label, cmd):
    """A lint command counts as one check."""
    res = subprocess.run(cmd, cwd=ROOT)
    if res.returncode:
        tally.add(0, 1)
        raise StageFailed(f"{label} failed")
    tally.add(1, 0)
    print(f"    {label}: ok", flush=True)


def stage_lint(tally):
    stage("lint: ruff, pylint-odoo (mandatory checks), XML/CSV/PO checks")
    bindir = os.path.dirname(sys.executable)
    mods = addons()
    check_cmd(tally, "ruff check", [os.path.join(bindir, "ruff"), "check", "."])
    check_cmd(
        tally,
        "ruff format",
        [os.path.join(bindir, "ruff"), "format", "--check", "--quiet", "."],
    )
    check_cmd(
        tally,
        "pylint-odoo",
        [
            os.path.join(bindir, "pylint"),
            "--rcfile=.pylintrc-mandatory",
            "--score=n",
            *mods,
        ],
    )
    check_cmd(
        tally,
        "XML/CSV/PO checks",
        [sys.executable, os.path.join(ROOT, "tools", "oca_checks.py"), *mods],
    )


def stage_pytest(tally):
    stage("tests without Odoo (tests/)")
    junit = os.path.join(LOCAL, "pytest.xml")
    res = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests", f"--junitxml={junit}"],
        cwd=ROOT,
    )
    total = failed = 0
    if os.path.exists(junit):
        root = ET.parse(junit).getroot()
        for suite in root.iter("testsuite"):
            total += int(suite.get("tests", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            failed -= 0
            total -= int(suite.get("skipped", 0))
    tally.add(total - failed, failed)
    if res.returncode or total == 0 or failed:
        if total == 0 and not failed:
            tally.add(0, 1)
        raise StageFailed("tests/ failed (or ran no test)")


BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def ensure_browser():
    """The browser tours need Chromium; Odoo would skip them silently without it."""
    try:
        import websocket  # noqa: F401  (Odoo drives the browser through it)
    except ImportError:
        die(
            "the Python package websocket-client is missing from the virtualenv: "
            "Odoo needs it to drive Chromium (it is in requirements-dev.txt)."
        )
    if any(shutil.which(b) for b in BROWSERS):
        return
    die(
        "Chromium (or Google Chrome) is needed for the browser tours of the Odoo "
        "tests and was not found on PATH: install it (Debian: apt install chromium)."
    )


def stage_odoo(tally):
    stage("Odoo tests: install with demo data and --test-enable")
    ensure_postgres()
    ensure_browser()
    # --test-enable serves HTTP (for HttpCase) even with --no-http: take a free
    # port so that a running `bin/run` on 8069 does not collide with the tests.
    conf = odoo_conf("test", http_port=free_port())
    mods = addons()
    tags = ",".join(f"/{m}" for m in mods)
    suffix = f"{os.getpid()}"
    db_demo = f"sgz_test_demo_{suffix}"
    db_nodemo = f"sgz_test_nodemo_{suffix}"
    db_cn = f"sgz_test_l10n_cn_{suffix}"
    try:
        rc, text, logpath = run_odoo_logged(
            conf,
            [
                "-d",
                db_demo,
                "-i",
                ",".join(mods),
                "--test-enable",
                f"--test-tags={tags}",
                "--stop-after-init",
                "--no-http",
                "--log-level=info",
            ],
            "test-install-demo",
        )
        odoo_tests_step(tally, rc, text, logpath)

        stage("Odoo: install without demo data")
        rc, text, logpath = run_odoo_logged(
            conf,
            [
                "-d",
                db_nodemo,
                "-i",
                ",".join(mods),
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
            ],
            "test-install-nodemo",
        )
        odoo_step(tally, "install without demo", rc, text, logpath)

        stage("Odoo: upgrade (-u) over the database with demo data")
        rc, text, logpath = run_odoo_logged(
            conf,
            ["-d", db_demo, "-u", ",".join(mods), "--stop-after-init", "--no-http"],
            "test-upgrade",
        )
        odoo_step(tally, "upgrade", rc, text, logpath)

        stage(
            "Odoo: over a Chinese company's books (l10n_cn), tests tagged sgz_l10n_cn"
        )
        stage_l10n_cn(tally, conf, db_cn)
    finally:
        if not os.environ.get("SGZ_KEEP_DB"):
            for db in (db_demo, db_nodemo, db_cn):
                drop_db(db)


# The company of an existing Odoo in China: in China, in RMB, before account is
# installed (Odoo then installs l10n_cn with it and loads the Chinese chart).
CN_COMPANY_SNIPPET = """
env.ref("base.CNY").active = True
env.ref("base.main_company").write(
    {"country_id": env.ref("base.cn").id, "currency_id": env.ref("base.CNY").id}
)
env.cr.commit()
"""


def stage_l10n_cn(tally, conf, db):
    """The addons installed into a company that keeps Chinese books (l10n_cn), which
    they do not depend on: the tests tagged sgz_l10n_cn run there only."""
    rc, text, logpath = run_odoo_logged(
        conf,
        [
            "-d",
            db,
            "-i",
            "base",
            "--without-demo=all",
            "--stop-after-init",
            "--no-http",
        ],
        "test-l10n-cn-base",
    )
    if rc or bad_log_lines(text):
        tally.add(0, 1)
        raise StageFailed(f"creating the Chinese company failed: read {logpath}")
    subprocess.run(
        odoo_cmd(conf, "-d", db, "--no-http", command="shell"),
        input=CN_COMPANY_SNIPPET,
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    rc, text, logpath = run_odoo_logged(
        conf,
        [
            "-d",
            db,
            "-i",
            ",".join(addons()),
            "--without-demo=all",
            "--test-enable",
            "--test-tags=sgz_l10n_cn",
            "--stop-after-init",
            "--no-http",
            "--log-level=info",
        ],
        "test-l10n-cn",
    )
    odoo_tests_step(tally, rc, text, logpath)


def odoo_tests_step(tally, rc, text, logpath):
    """Count an Odoo run's test results; fail on a failed test, install or log."""
    matches = list(RESULT_RE.finditer(text))
    m = matches[-1] if matches else None
    bad = bad_log_lines(text)
    failed = 0
    if m:
        failed = int(m.group(1)) + int(m.group(2))
        total = int(m.group(3))
        # skipped tests are in Odoo's total: they did not pass, say so instead
        skipped = SKIPPED_RE.findall(text)
        # setUpClass errors count as errors without counting as tests run
        passed = max(total - failed - len(skipped), 0)
        tally.add(passed, failed)
        for reason in skipped:
            print(f"    skipped: {reason}")
        print(
            f"    Odoo tests: {passed} passed, {failed} failed, {len(skipped)} skipped"
        )
    if not m or rc or bad:
        for line in bad[:40]:
            print("    " + line)
        if not m:
            tally.add(0, 1)
            raise StageFailed(f"Odoo did not report test results: read {logpath}")
        if not failed:  # the install or the log failed, not a test: count it
            tally.add(0, 1)
        raise StageFailed(f"Odoo tests or install failed: read {logpath}")
    if int(m.group(3)) == 0:
        tally.add(0, 1)
        raise StageFailed("Odoo ran no test")


def odoo_step(tally, label, rc, text, logpath):
    bad = bad_log_lines(text)
    if rc or bad:
        for line in bad[:40]:
            print("    " + line)
        tally.add(0, 1)
        raise StageFailed(f"{label} failed: read {logpath}")
    tally.add(1, 0)
    print(f"    {label}: ok", flush=True)


def cmd_test(args):
    tally = Tally()
    stages = {"lint": stage_lint, "pytest": stage_pytest, "odoo": stage_odoo}
    chosen = args.only or list(stages)
    t0 = time.time()
    rc = 0
    try:
        for name in chosen:
            stages[name](tally)
    except StageFailed as exc:
        print(f"\n失败 / FAILED: {exc}")
        rc = 1
    except SystemExit as exc:  # die(): a missing prerequisite, already explained
        tally.add(0, 1)
        rc = exc.code or 2
    print(f"\n({time.time() - t0:.0f}s)")
    print(tally.line())
    sys.exit(rc)


def cmd_pot(args):
    """Export each addon's .pot from a scratch database (for translators)."""
    ensure_postgres()
    conf = odoo_conf("pot")
    db = f"sgz_pot_{os.getpid()}"
    mods = args.addons or addons()
    try:
        rc, _text, logpath = run_odoo_logged(
            conf,
            ["-d", db, "-i", ",".join(mods), "--without-demo=all", "--stop-after-init"],
            "pot-install",
        )
        if rc:
            die(f"installing the addons failed: read {logpath}.")
        for mod in mods:
            out = os.path.join(ROOT, mod, "i18n", f"{mod}.pot")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            subprocess.run(
                odoo_cmd(
                    conf,
                    "-d",
                    db,
                    f"--i18n-export={out}",
                    f"--modules={mod}",
                    "--stop-after-init",
                ),
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            print(f"wrote {os.path.relpath(out, ROOT)}")
    finally:
        drop_db(db)


def cmd_generate(args):
    """A new database with the addons (no demo data), then the generator inside it."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import province

    if args.scale in province.UNSUPPORTED:
        die(province.UNSUPPORTED[args.scale])
    if args.scale not in province.PRESETS:
        die(f"--scale is one of {', '.join(province.PRESETS)}")
    ensure_postgres()
    db = args.db or f"sgz_province_{args.scale}"
    if db_exists(db):
        die(f"the database {db} exists: generate into a new one (--db) or drop it.")
    conf = odoo_conf("generate")
    stage(f"a database with the addons in Chinese, without demo data: {db}")
    rc, _text, logpath = run_odoo_logged(
        conf,
        [
            "-d",
            db,
            "-i",
            ",".join(addons()),
            "--without-demo=all",
            "--load-language=zh_CN",
            "--stop-after-init",
        ],
        "generate-install",
    )
    if rc:
        die(f"installing the addons failed: read {logpath}.")
    stage(f"generating the {args.scale} preset (seed {args.seed})")
    script = (
        "import sys\n"
        f"sys.path.insert(0, {os.path.join(ROOT, 'tools')!r})\n"
        "import province\n"
        f"made = province.generate(env, {args.scale!r}, seed={args.seed})\n"
        "print('made:', ', '.join(f'{k} {v}' for k, v in sorted(made.items())))\n"
    )
    proc = subprocess.run(
        odoo_cmd(conf, "-d", db, "--no-http", "--log-level=warn", command="shell"),
        input=script,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode:
        die("the generator failed (its traceback is above).")


def main():
    parser = argparse.ArgumentParser(prog="sgz")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_run = sub.add_parser("run", help="start Odoo with the addons and demo data")
    p_run.add_argument("--reset", action="store_true", help="recreate the demo db")
    p_run.add_argument("--update", action="store_true", help="upgrade the addons")
    p_test = sub.add_parser("test", help="run every check and test")
    p_test.add_argument(
        "--only",
        action="append",
        choices=["lint", "pytest", "odoo"],
        help="run only this stage (for development; the full run is the contract)",
    )
    p_pot = sub.add_parser("pot", help="export the addons' .pot translation templates")
    p_pot.add_argument("addons", nargs="*")
    p_rep = sub.add_parser(
        "replica-check",
        help="prove that the reports read from a streaming replica "
        "(docs/deployment.md)",
    )
    p_rep.add_argument("--db", help="an existing database (default: a new one)")
    p_rep.add_argument("--keep", action="store_true", help="keep the replica and db")
    p_gen = sub.add_parser(
        "generate", help="fill a new database with a generated province (issue 13)"
    )
    p_gen.add_argument("--scale", default="1", help="tiny, 1 or 10 (per cent)")
    p_gen.add_argument("--seed", type=int, default=2026)
    p_gen.add_argument(
        "--db", help="the database to make (default sgz_province_<scale>)"
    )
    p_bench = sub.add_parser(
        "benchmark",
        help="time the reports and lists on generated databases (docs/performance.md)",
    )
    p_bench.add_argument(
        "--db",
        action="append",
        help="a database made by bin/generate, smallest first "
        "(default sgz_province_1 and sgz_province_10)",
    )
    p_bench.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    if args.cmd == "benchmark":
        import benchmark

        benchmark.cmd_benchmark(args, sys.modules[__name__])
        return
    if args.cmd == "generate":
        cmd_generate(args)
        return
    if args.cmd == "replica-check":
        import replica_check

        replica_check.cmd_replica_check(args)
        return
    {"run": cmd_run, "test": cmd_test, "pot": cmd_pot}[args.cmd](args)


if __name__ == "__main__":
    main()
