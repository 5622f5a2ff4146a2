"""``manage.py load_demo``: the demo plan, the town's departments and one account per role; idempotent.

The cast already holds a 水口镇 and users named like the demo's, so the command runs here under other
names (the town and usernames are the command's constants); everything else is the real thing.
"""

from __future__ import annotations

import io

from django.contrib.auth import authenticate
from django.core.management import call_command

from web.accounts.models import Department, Membership
from web.plans.management.commands import load_demo
from web.plans.models import Issuer, Plan


def _under_other_names(monkeypatch):
    monkeypatch.setattr(load_demo, "TOWN", "演示镇人民政府")
    monkeypatch.setattr(load_demo, "OTHER_TOWN", "演示二镇人民政府")
    monkeypatch.setattr(load_demo, "ACCOUNTS", [(f"demo-{u}", *rest) for u, *rest in load_demo.ACCOUNTS])
    monkeypatch.setattr(load_demo, "COUNTY_ACCOUNTS", [("demo-kaiping", "开平市督查室", "开平市人民政府"),
                                                       ("demo-yueshan", "演示二镇督查室", "演示二镇人民政府")])


def test_it_loads_the_demo_once_and_prints_the_logins(db, monkeypatch):
    _under_other_names(monkeypatch)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    town = Issuer.objects.get(name="演示镇人民政府")
    assert town.parent.name == "开平市人民政府"
    assert Plan.objects.filter(issuer=town, year=2025).count() == 1
    assert Department.objects.filter(issuer=town, name="经济发展办").count() == 1
    assert Department.objects.filter(issuer=town).count() >= 9
    roles = dict(Membership.objects.filter(issuer=town).values_list("user__username", "role"))
    assert roles == {"demo-duban": "supervisor", "demo-jingji": "staff", "demo-lingdao": "leader"}
    assert authenticate(username="demo-jingji", password="luoshi-demo-2025") is not None
    printed = out.getvalue()
    assert "demo-duban" in printed and "demo-lingdao" in printed and "luoshi-demo-2025" in printed
    plan = Plan.objects.get(issuer=town)
    assert plan.sections.count() > 5 and plan.targets.count() > 5


def test_it_puts_a_second_town_with_its_plan_under_the_county(db, monkeypatch):
    _under_other_names(monkeypatch)
    call_command("load_demo", stdout=io.StringIO())
    county = Issuer.objects.get(name="开平市人民政府")
    assert {t.name for t in county.children.filter(plans__year=2025)} >= {"演示镇人民政府", "演示二镇人民政府"}
    assert Membership.objects.get(user__username="demo-kaiping").issuer == county

