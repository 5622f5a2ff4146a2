"""Load benchmark (负载测试): the served app under concurrent users, per page p50/p95/p99, requests/s and errors.

    .venv/bin/python bench/bench_load.py [--scale town|province|all] [--duration 60] [--regenerate]

Two set-ups, each a realistic deployment on loopback (gunicorn, ``deploy/gunicorn.conf.py``):

- town: one plan (150 tasks, 12 months of reports) on SQLite, 3 gunicorn workers, 20 users.
  Goal: p95 under 60 ms on every page.
- province: 1,600 plans (about 2.9 M progress reports) on PostgreSQL, 4 workers, 50 users; skipped when
  PostgreSQL does not answer. Goal: p95 under 200 ms on the supervisor's pages (workbench, dashboard, task table,
  task page, task progress, review queue).

Both: zero errors. The data comes from ``manage.py generate_scale`` (made once and kept: var/bench/town.sqlite3
and the PostgreSQL database ``luoshi_bench``; ``--regenerate`` makes it again). Users are locust users
(``bench/locustfile.py``): supervisors (8 in 11) landing on their workbench and reading pages and the API lists,
leaders (1 in 11) on their workbench and one-page view, the public (1 in 11) and staff (1 in 11) opening their
workbench and batch report and saving a progress report (POST with the CSRF token); each thinks 1–3 s between
pages. Logged-in
sessions are made beforehand, so no password hashing is measured. Figures are the client's view, ramp-up left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/luoshi_bench")
SCALES = {
    # name: (issuers, users, workers, threads, goal p95 ms, pages the goal is about (None: all))
    "town": dict(issuers=1, users=20, workers=3, threads=1, goal=60, goal_pages=None),
    "province": dict(issuers=1600, users=50, workers=4, threads=1, goal=200,
                     goal_pages=("workbench", "dashboard", "task table", "task table: red by lateness", "task page",
                                 "task progress", "review queue", "towns compared")),
}
API_CANDIDATES = ["/api/plans/{plan}/tasks", "/api/plans/{plan}/progress-reports", "/api/plans/{plan}/indicators"]


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DJANGO_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="web.settings", LUOSHI_DATA_DIR=str(data_dir),
               SECRET_KEY="luoshi-bench-only-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
               DATABASE_CONN_MAX_AGE="60", LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT))
    env.pop("DEBUG", None)
    return env


def _run(args: list[str], env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kw)


def _manage(env: dict, *args: str, quiet: bool = False) -> None:
    _run([str(BIN / "python"), "manage.py", *args], env, stdout=subprocess.DEVNULL if quiet else None)


def postgres_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


def prepare_database(scale: str, regenerate: bool) -> dict[str, str]:
    """The scale's database, migrated and generated once (kept between runs)."""
    spec = SCALES[scale]
    data_dir = VAR / scale
    data_dir.mkdir(parents=True, exist_ok=True)
    if scale == "town":
        path = VAR / "town.sqlite3"
        if regenerate:
            path.unlink(missing_ok=True)
        env = _env(f"sqlite:///{path}", data_dir)
    else:
        import psycopg

        name = PG_URL.rsplit("/", 1)[1]
        with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            if regenerate:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        env = _env(PG_URL, data_dir)
    _manage(env, "migrate", "--noinput", "-v0")
    probe = subprocess.run([str(BIN / "python"), __file__, "--has-data"], env=env, cwd=ROOT)
    if probe.returncode != 0:
        print(f"[{scale}] generating {spec['issuers']} issuers' plans (once; kept for later runs) …", flush=True)
        started = time.time()
        _manage(env, "generate_scale", "--issuers", str(spec["issuers"]), "--tasks", "150", "--months", "12",
                quiet=True)
        print(f"[{scale}] generated in {time.time() - started:.0f} s", flush=True)
    return env


# --- run inside the prepared environment (a subprocess with DJANGO_SETTINGS_MODULE set) ------------------

def _django():
    import django

    django.setup()


def has_data() -> int:
    _django()
    from web.plans.models import Issuer
    from web.scale.generate import PROVINCE

    return 0 if Issuer.objects.filter(name=PROVINCE).exists() else 3


def make_plan(out: str, users: int) -> int:
    """Logged-in sessions and URLs for the locust users, as JSON in ``out``."""
    _django()
    from django.db.models import Q
    from django.test import Client

    from web.accounts.models import Membership
    from web.plans.models import Issuer, Plan, Task
    from web.supervision.models import ProgressReport

    def session_of(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    plans = list(Plan.objects.order_by("pk"))
    step = max(1, len(plans) // users)
    chosen = plans[::step][:users]
    supervisors = []
    for i in range(users):
        plan = chosen[i % len(chosen)]
        boss = Membership.objects.filter(issuer=plan.issuer, role="supervisor").select_related("user").first().user
        tasks = list(Task.objects.filter(plan=plan, assignments__role="lead").values_list("pk", flat=True)[:150])
        supervisors.append({"session": session_of(boss), "plan": plan.pk, "tasks": tasks})
    leaders = []
    for plan in chosen[:10]:
        boss = Membership.objects.filter(issuer=plan.issuer, role="leader").select_related("user").first()
        if boss is not None:
            leaders.append({"session": session_of(boss.user), "plan": plan.pk})
    staff = []
    for plan in chosen[:10]:
        last = f"{plan.year}-12"
        closed = ProgressReport.objects.filter(task__plan=plan, period=last).filter(
            Q(status="approved") | Q(status="submitted")).values("task_id")
        task = (Task.objects.filter(plan=plan, assignments__role="lead").exclude(pk__in=closed)
                .order_by("pk").first())
        if task is None:
            continue
        lead = task.assignments.get(role="lead").department
        member = Membership.objects.filter(department=lead, role="staff").select_related("user").first()
        staff.append({"session": session_of(member.user), "task": task.pk, "period": last, "plan": plan.pk})
    counties = []  # a county's 督查室 comparing its towns, then opening one town's dashboard
    for county in Issuer.objects.filter(name__endswith="县人民政府", children__plans__isnull=False).distinct()[:10]:
        boss = Membership.objects.filter(issuer=county, role="supervisor").select_related("user").first()
        town = Plan.objects.filter(issuer__parent=county).order_by("pk").first()
        if boss is not None:
            counties.append({"session": session_of(boss.user), "county": county.pk, "plan": town.pk})
    public = [p.pk for p in chosen if p.published] or [chosen[0].pk]
    if chosen[0].pk not in public:
        Plan.objects.filter(pk=chosen[0].pk).update(published=True)
        public.append(chosen[0].pk)
    api = []
    probe = Client()
    probe.cookies["sessionid"] = supervisors[0]["session"]
    for path in API_CANDIDATES:
        if probe.get(path.format(plan=supervisors[0]["plan"])).status_code == 200:
            api.append(path)
    Path(out).write_text(json.dumps({"supervisors": supervisors, "leaders": leaders, "staff": staff, "public": public,
                                     "api": api, "counties": counties}))
    return 0


# --- the run ------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start listening")


def cpu_seconds(master: int) -> float:
    """User + system CPU seconds of the gunicorn master's worker processes so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{master}/task/{master}/children")
    for pid in (children.read_text().split() if children.exists() else []):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def alone(port: int, plan: dict, repeat: int = 7) -> dict[str, float]:
    """Median ms of each page asked by one client, one request at a time, just before the load (the baseline:
    what the page costs on this machine at this moment, whatever else runs on it)."""
    import statistics
    import urllib.request

    me = plan["supervisors"][0]
    pages = {"workbench": "/", "dashboard": f"/plans/{me['plan']}/dashboard/", "task table": f"/plans/{me['plan']}/",
             "task table: red by lateness": f"/plans/{me['plan']}/?light=red&order=lateness",
             "task page": f"/tasks/{me['tasks'][0]}/", "task progress": f"/tasks/{me['tasks'][0]}/progress/",
             "review queue": f"/plans/{me['plan']}/review/", "public page": f"/public/plans/{plan['public'][0]}/"}
    pages |= {"api " + p.split("{plan}")[-1].strip("/"): p.format(plan=me["plan"]) for p in plan["api"]}
    sessions = {}
    if plan.get("counties"):
        county = plan["counties"][0]
        pages["towns compared"] = f"/issuers/{county['county']}/towns/"
        sessions["towns compared"] = county["session"]
    out = {}
    for name, path in pages.items():
        times = []
        for _ in range(repeat):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Cookie": f"sessionid={sessions.get(name, me['session'])}"})
            start = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                response.read()
            times.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(times[1:])
    return out


def run_scale(scale: str, env: dict, duration: int, workdir: Path) -> tuple[list[dict], dict[str, float]]:
    spec = SCALES[scale]
    plan_file = workdir / f"{scale}.json"
    _run([str(BIN / "python"), __file__, "--make-plan", str(plan_file), "--users", str(spec["users"])], env)
    plan = json.loads(plan_file.read_text())
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "web.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(spec["workers"]), "--threads", str(spec["threads"]),
         "--access-logfile", os.environ.get("BENCH_ACCESS_LOG", os.devnull), "--log-level", "warning"],
        env=env, cwd=ROOT)
    try:
        _wait_for(port, server)
        baseline = alone(port, plan)
        prefix = workdir / scale
        users = spec["users"]
        print(f"[{scale}] load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
        print(f"[{scale}] {users} users for {duration} s against gunicorn ({spec['workers']} workers) on "
              f"{env['DATABASE_URL'].split(':')[0]}; API lists: {', '.join(plan['api']) or 'none answered'}",
              flush=True)
        cpu_before = cpu_seconds(server.pid)
        _run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
              "-r", str(max(1, users // 5)), "--run-time", f"{duration}s", "--host", f"http://127.0.0.1:{port}",
              "--csv", str(prefix), "--only-summary", "--reset-stats", "--stop-timeout", "5",
              "--loglevel", "ERROR", "--exit-code-on-error", "0"],
             env | {"LUOSHI_BENCH_PLAN": str(plan_file)}, stdout=subprocess.DEVNULL,
             stderr=open(workdir / f"{scale}-locust.log", "w"))
        baseline["cpu"] = cpu_seconds(server.pid) - cpu_before
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    exceptions = Path(f"{prefix}_exceptions.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    for line in exceptions:  # a locust user that crashed would quietly make no requests: say so
        print(f"[{scale}] locust user error: {line[:300]}")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f)), baseline


def report(scale: str, rows: list[dict], baseline: dict[str, float]) -> bool:
    """Print the per-page table; True when the scale's goals are met. ``alone``: the page asked by one client
    just before (baseline); ``p95/alone``: what the load added, a ratio that depends less on the machine."""
    spec = SCALES[scale]
    print(f"\n{scale}: {spec['users']} users — latency in ms")
    print(f"  {'page':<26}{'requests':>9}{'errors':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'req/s':>8}"
          f"{'alone':>7}{'p95/alone':>10}")
    ok = True
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all pages"
        errors = int(row["Failure Count"])
        p95 = float(row["95%"] or 0)
        about = spec["goal_pages"] is None or name in spec["goal_pages"]
        mark = "" if name == "all pages" else ("  > goal" if about and p95 >= spec["goal"] else "")
        ok &= errors == 0 and not mark
        base = baseline.get(name)
        ratio = f"{p95 / base:>10.1f}" if base else " " * 10
        base_text = f"{base:>7.0f}" if base else " " * 7
        print(f"  {name:<26}{row['Request Count']:>9}{errors:>8}{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
              f"{float(row['Requests/s']):>8.1f}{base_text}{ratio}{mark}")
    total = next((int(r["Request Count"]) for r in rows if r["Name"] == "Aggregated"), 0)
    if total and baseline.get("cpu"):
        per = 1000 * baseline["cpu"] / total
        print(f"  app CPU per request: {per:.0f} ms (gunicorn workers, all pages; the database's own CPU not "
              f"counted) → about {2000 / per:.0f} requests/s on 2 free cores")
    pages = "every page" if spec["goal_pages"] is None else ", ".join(spec["goal_pages"])
    print(f"  goal: p95 < {spec['goal']} ms on {pages}, zero errors — {'met' if ok else 'NOT met'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["town", "province", "all"], default="all")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per scale (after ramp-up)")
    parser.add_argument("--regenerate", action="store_true", help="make the data again")
    parser.add_argument("--has-data", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make-plan", help=argparse.SUPPRESS)
    parser.add_argument("--users", type=int, default=20, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.has_data:
        return has_data()
    if args.make_plan:
        return make_plan(args.make_plan, args.users)
    if not (BIN / "locust").exists() or not (BIN / "gunicorn").exists():
        print("locust and gunicorn are needed: pip install -e '.[bench,deploy]' (make bench does it)")
        return 2
    started = time.time()
    scales = ["town", "province"] if args.scale == "all" else [args.scale]
    results = {}
    workdir = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
    try:
        for scale in scales:
            if scale == "province" and not postgres_reachable(PG_URL):
                print(f"[province] skipped: PostgreSQL does not answer at {PG_URL}")
                continue
            env = prepare_database(scale, args.regenerate)
            results[scale] = run_scale(scale, env, args.duration, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    met = all([report(scale, rows, baseline) for scale, (rows, baseline) in results.items()])
    errors = sum(int(r["Failure Count"]) for rows, _ in results.values() for r in rows if r["Name"] == "Aggregated")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nload benchmark took {time.time() - started:.0f} s on {os.cpu_count()} CPUs; load average now {load} "
          f"(other work on the machine lengthens every figure)")
    print("all goals met" if met else "goals NOT met")
    return 1 if errors else 0  # a missed latency goal is a figure to read; an error is a failure


if __name__ == "__main__":
    sys.exit(main())
