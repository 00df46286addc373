"""The auditors' reading goes to a streaming replica, the writes to the primary.

``bin/replica-check`` (docs/deployment.md): on the project's local PostgreSQL cluster

1. a database with the addons and their demo data (made here, or ``--db`` an existing
   one), its statements logged on the primary and on the replica
   (``ALTER DATABASE ... SET log_statement = 'all'``, that database only);
2. a streaming replica of the cluster (``pg_basebackup -R``, loopback only, the next
   port), started as a hot standby;
3. Odoo in multi-process mode (``--workers 2``) with ``db_replica_host`` /
   ``db_replica_port`` naming the replica;
4. as the demo auditor, over JSON-RPC: a report wizard is created (a write), then each
   report's ``sgz_parts`` and the dashboard's ``sgz_figures`` are called (both
   ``@api.readonly``);
5. the two servers' logs since the calls are read: the reports' grouped reads are in
   the replica's log and not in the primary's, the wizard's INSERT is in the primary's
   and not in the replica's (a standby refuses writes anyway).

It prints what it found and exits non-zero when the routing is not as described. The
replica and the database it made are removed at the end (``--keep`` keeps them).
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import sgz

REPORTS = ("fund_use", "disbursement", "procurement", "evaluation", "exception")
# A statement only the reports run (their grouped reads), and the wizard's write.
REPORT_MARKERS = (
    'SUM("sgz_agency_expense"."amount")',
    'FROM "sgz_disbursement"',
    'FROM "sgz_quote"',
)
WRITE_MARKER = 'INSERT INTO "sgz_report"'


def _run_as():
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"]
    return []


def _log_size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def _log_since(path, offset):
    with open(path, encoding="utf-8", errors="replace") as f:
        f.seek(offset)
        return f.read()


class Replica:
    def __init__(self):
        self.base = os.path.join(sgz.LOCAL, "pg-replica")
        self.datadir = os.path.join(self.base, "data")
        self.sockdir = os.path.join(self.base, "run")
        self.logfile = os.path.join(self.base, "server.log")
        self.port = sgz.PG_PORT + 1

    def start(self):
        bindir = sgz.pg_bindir()
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)
        os.makedirs(self.sockdir, exist_ok=True)
        open(self.logfile, "a").close()
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")
            for path in (self.base, self.sockdir, self.logfile):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        params = sgz.pg_params()
        subprocess.run(
            _run_as()
            + [
                os.path.join(bindir, "pg_basebackup"),
                "-h",
                params["host"],
                "-p",
                str(params["port"]),
                "-U",
                params["user"],
                "-D",
                self.datadir,
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
            check=True,
        )
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockdir} "
            "-c hot_standby=on -c fsync=off"
        )
        subprocess.run(
            _run_as()
            + [os.path.join(bindir, "pg_ctl"), "-D", self.datadir, "-l", self.logfile]
            + ["-o", opts, "-w", "-t", "60", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        if os.path.exists(os.path.join(self.datadir, "PG_VERSION")):
            subprocess.run(
                _run_as()
                + [
                    os.path.join(sgz.pg_bindir(), "pg_ctl"),
                    "-D",
                    self.datadir,
                    "-m",
                    "fast",
                    "stop",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def connect(self, dbname):
        import psycopg2

        params = dict(sgz.pg_params(), port=self.port)
        return psycopg2.connect(dbname=dbname, connect_timeout=5, **params)


def wait_replayed(db, replica):
    """Wait until the replica has replayed the primary's WAL up to now."""
    conn = sgz.pg_connect(db)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("SELECT pg_current_wal_lsn()")
        (lsn,) = cr.fetchone()
    conn.close()
    rconn = replica.connect(db)
    rconn.autocommit = True
    try:
        for _i in range(200):
            with rconn.cursor() as cr:
                cr.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn, "
                    "pg_is_in_recovery()",
                    (lsn,),
                )
                replayed, in_recovery = cr.fetchone()
            if not in_recovery:
                sgz.die("the replica is not in recovery: it is not a standby.")
            if replayed:
                return
            time.sleep(0.05)
    finally:
        rconn.close()
    sgz.die("the replica did not catch up with the primary within 10 seconds.")


class Client:
    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}"
        self.cookie = None
        self.opener = urllib.request.build_opener()

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        req = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        if self.cookie:
            req.add_header("Cookie", self.cookie)
        with self.opener.open(req, timeout=120) as resp:
            cookie = resp.headers.get("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            data = json.loads(resp.read())
        if data.get("error"):
            raise RuntimeError(json.dumps(data["error"], ensure_ascii=False)[:2000])
        return data["result"]

    def call(self, model, method, args, kwargs=None):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )


def wait_http(port, proc, logpath):
    for _i in range(240):
        if proc.poll() is not None:
            sgz.die(f"Odoo stopped while starting: read {logpath}.")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sgz.die(f"Odoo did not answer on port {port}: read {logpath}.")


def cmd_replica_check(args):
    sgz.ensure_postgres()
    made_db = not args.db
    db = args.db or f"sgz_replica_{os.getpid()}"
    replica = Replica()
    conf = sgz.odoo_conf("replica", http_port=sgz.free_port())
    proc = None
    primary_log = os.path.join(sgz.LOCAL, "pg", "server.log")
    ok = False
    try:
        if made_db:
            print(f"==> a database with the addons and demo data: {db}")
            rc, _text, logpath = sgz.run_odoo_logged(
                conf,
                ["-d", db, "-i", ",".join(sgz.addons()), "--stop-after-init"],
                "replica-install",
            )
            if rc:
                sgz.die(f"installing the addons failed: read {logpath}.")
        conn = sgz.pg_connect()
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f"ALTER DATABASE \"{db}\" SET log_statement = 'all'")
        conn.close()
        print(f"==> a streaming replica on 127.0.0.1:{replica.port} (pg_basebackup -R)")
        replica.start()
        with open(conf) as f:
            lines = [ln for ln in f if not ln.startswith("max_cron_threads")]
        lines += [
            "db_replica_host = 127.0.0.1\n",
            f"db_replica_port = {replica.port}\n",
            "workers = 2\n",
            "max_cron_threads = 0\n",
            f"gevent_port = {sgz.free_port()}\n",
        ]
        with open(conf, "w") as f:
            f.writelines(lines)
        port = int(
            next(
                line.split("=")[1]
                for line in open(conf)
                if line.startswith("http_port")
            )
        )
        logpath = os.path.join(sgz.LOCAL, "logs", "replica-odoo.log")
        log = open(logpath, "w")
        print("==> Odoo with --workers 2 and the replica configured")
        proc = subprocess.Popen(
            sgz.odoo_cmd(conf, "-d", db, "--db-filter", f"^{db}$"),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=sgz.ROOT,
        )
        wait_http(port, proc, logpath)
        client = Client(port)
        client.post(
            "/web/session/authenticate",
            {"db": db, "login": "auditor", "password": "auditor"},
        )
        primary_at = _log_size(primary_log)
        replica_at = _log_size(replica.logfile)
        print("==> as the auditor: create the wizards (writes)")
        wizards = {
            report: client.call("sgz.report", "create", [{"report": report}])
            for report in REPORTS
        }
        wait_replayed(db, replica)
        print("==> the reports and the dashboard figures (@api.readonly)")
        rows = {}
        for report, wid in wizards.items():
            parts = client.call("sgz.report", "sgz_parts", [[wid]])
            rows[report] = sum(len(p["rows"]) for p in parts)
        figures = client.call("sgz.dashboard", "sgz_figures", [[]])
        time.sleep(1)  # the servers write their logs
        on_primary = _log_since(primary_log, primary_at)
        on_replica = _log_since(replica.logfile, replica_at)
        print()
        print("| report | rows |")
        print("|---|---|")
        for report, count in rows.items():
            print(f"| {report} | {count} |")
        print(f"| dashboard | {len(figures)} figures |")
        print()
        print("| statement | on the primary | on the replica |")
        print("|---|---|---|")
        checks = []
        for marker in (*REPORT_MARKERS, WRITE_MARKER):
            p, r = on_primary.count(marker), on_replica.count(marker)
            print(f"| `{marker}` | {p} | {r} |")
            if marker == WRITE_MARKER:
                checks.append(p > 0 and r == 0)
            else:
                checks.append(r > 0 and p == 0)
        ok = all(checks)
        print()
        print(
            "the reports read from the replica, the writes went to the primary"
            if ok
            else "错误 / error: the statements did not go where they should"
        )
    finally:
        if proc:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not args.keep:
            replica.stop()
            shutil.rmtree(replica.base, ignore_errors=True)
            if made_db:
                sgz.drop_db(db)
            else:
                conn = sgz.pg_connect()
                conn.autocommit = True
                with conn.cursor() as cr:
                    cr.execute(f'ALTER DATABASE "{db}" RESET log_statement')
                conn.close()
    sys.exit(0 if ok else 1)
