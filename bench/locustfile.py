"""Locust users for ``bench/bench_load.py``: supervisors landing on their workbench and reading their plan's pages,
leaders on their workbench and one-page view, a county's 督查室 comparing its towns, the public reading the public
page, staff on their workbench and batch report saving progress reports (POST with the CSRF token, a small share
of the requests).

Not run by hand as a rule: ``bench_load.py`` prepares the data, the logged-in sessions (``LUOSHI_BENCH_PLAN``,
a JSON file) and the server, then runs ``locust --headless -f bench/locustfile.py``.
Each user reads a page, then thinks for 1–3 s (a person reading), then the next page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LUOSHI_BENCH_PLAN"], encoding="utf-8").read())
_supervisors = itertools.cycle(PLAN["supervisors"])
_leaders = itertools.cycle(PLAN.get("leaders") or PLAN["supervisors"])
_staff = itertools.cycle(PLAN["staff"])
_counties = itertools.cycle(PLAN.get("counties") or [None])
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Supervisor(HttpUser):
    """督查室: the workbench (the landing page), the dashboard, the task table (and its red rows by lateness), a
    task's page and its progress, the review queue, the API lists."""

    weight = 8
    wait_time = between(1, 3)

    def on_start(self) -> None:
        me = next(_supervisors)
        self.client.cookies.set("sessionid", me["session"])
        self.plan, self.task_ids, self.api = me["plan"], me["tasks"], PLAN.get("api", [])
        self.workbench()

    @task(3)
    def workbench(self) -> None:
        self.client.get("/", name="workbench")

    @task(2)
    def dashboard(self) -> None:
        self.client.get(f"/plans/{self.plan}/dashboard/", name="dashboard")

    @task(3)
    def task_table(self) -> None:
        self.client.get(f"/plans/{self.plan}/", name="task table")

    @task(1)
    def red_rows(self) -> None:
        self.client.get(f"/plans/{self.plan}/?light=red&order=lateness", name="task table: red by lateness")

    @task(3)
    def task_page(self) -> None:
        self.client.get(f"/tasks/{random.choice(self.task_ids)}/", name="task page")

    @task(2)
    def progress_page(self) -> None:
        self.client.get(f"/tasks/{random.choice(self.task_ids)}/progress/", name="task progress")

    @task(1)
    def review_queue(self) -> None:
        self.client.get(f"/plans/{self.plan}/review/", name="review queue")

    @task(1)
    def api_list(self) -> None:
        if self.api:
            path = random.choice(self.api)
            self.client.get(path.format(plan=self.plan), name="api " + path.split("{plan}")[-1].strip("/"))


class Leader(HttpUser):
    """领导: the workbench (the rows and departments in their charge), the one-page view."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        me = next(_leaders)
        self.client.cookies.set("sessionid", me["session"])
        self.plan = me["plan"]

    @task(2)
    def workbench(self) -> None:
        self.client.get("/", name="workbench (leader)")

    @task(1)
    def one_page(self) -> None:
        self.client.get(f"/plans/{self.plan}/leader/", name="one-page view (leader)")


class County(HttpUser):
    """A county's 督查室 (县): its towns compared (下级单位对比), sorted, one town's dashboard opened (read only)."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.me = next(_counties)
        if self.me is not None:
            self.client.cookies.set("sessionid", self.me["session"])

    @task(2)
    def towns(self) -> None:
        if self.me is not None:
            self.client.get(f"/issuers/{self.me['county']}/towns/", name="towns compared")

    @task(1)
    def towns_by_rate(self) -> None:
        if self.me is not None:
            self.client.get(f"/issuers/{self.me['county']}/towns/?sort=rate", name="towns compared")

    @task(1)
    def town_dashboard(self) -> None:
        if self.me is not None:
            self.client.get(f"/plans/{self.me['plan']}/dashboard/", name="a town's dashboard (county)")


class Public(HttpUser):
    """The public (公开): the accountability page of a published plan."""

    weight = 1
    wait_time = between(1, 3)

    @task
    def public_page(self) -> None:
        self.client.get(f"/public/plans/{random.choice(PLAN['public'])}/", name="public page")


class Staff(HttpUser):
    """部门工作人员: opens a task's progress page and saves this month's report as a draft (POST, CSRF)."""

    weight = 1
    wait_time = between(2, 6)  # typing takes longer than reading

    def on_start(self) -> None:
        me = next(_staff)
        self.client.cookies.set("sessionid", me["session"])
        self.task_id, self.period, self.plan = me["task"], me["period"], me.get("plan")

    @task(1)
    def workbench(self) -> None:
        self.client.get("/", name="workbench (department)")
        if self.plan:
            self.client.get(f"/plans/{self.plan}/report/", name="batch report (department)")

    @task(1)
    def report(self) -> None:
        page = self.client.get(f"/tasks/{self.task_id}/progress/", name="task progress (staff)")
        found = TOKEN.search(page.content or b"")
        if not found:
            return
        data = {"csrfmiddlewaretoken": found.group(1).decode(), "period": self.period,
                "percent": random.randint(60, 99), "text": "本月完成项目现场推进会1次,主体工程进度符合计划。",
                "difficulties": "", "save_draft": "1"}
        with self.client.post(f"/tasks/{self.task_id}/progress/", data=data, name="submit report (POST)",
                              allow_redirects=False, catch_response=True,
                              headers={"Referer": f"{self.host}/tasks/{self.task_id}/progress/"}) as response:
            if response.status_code != 302:
                response.failure(f"expected a redirect after saving, got {response.status_code}")
