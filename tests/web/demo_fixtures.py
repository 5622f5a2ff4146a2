"""The whole demo plan in the web tests: 水口镇's real report, extracted by the core, with load_demo_history's half
year (reports, reviews, returns, extensions), for an issuer of its own (the cast's town holds the sample plan).

``demo``: that plan, seen as on 2025-06-27 (its pinned day), with staff accounts for 经济发展办 and 规划建设办.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from web.accounts.models import Department, Membership
from web.plans.import_services import save_extracted_plan
from web.plans.importing import extract_report
from web.plans.management.commands.load_demo import DEMO_REPORT, DEPARTMENTS
from web.plans.models import Issuer, Plan

DEMO_TOWN = "试点镇人民政府"


@pytest.fixture
def demo(cast, settings, tmp_path):
    settings.LUOSHI_DATA_DIR = tmp_path
    town = Issuer.objects.create(name=DEMO_TOWN, parent=cast.county)
    for order, (name, aliases) in enumerate(DEPARTMENTS):
        Department.objects.create(issuer=town, name=name, aliases=aliases, order=order)
    users = get_user_model().objects
    boss = users.create_user("shidian-duban")
    Membership.objects.create(user=boss, issuer=town, role=Membership.Role.SUPERVISOR)
    for username, department in (("shidian-jingji", "经济发展办"), ("shidian-guihua", "规划建设办")):
        Membership.objects.create(user=users.create_user(username), issuer=town, role=Membership.Role.STAFF,
                                  department=Department.objects.get(issuer=town, name=department))
    Membership.objects.create(user=users.create_user("shidian-lingdao"), issuer=town, role=Membership.Role.LEADER)
    extracted = extract_report(DEMO_REPORT.read_bytes(), DEMO_REPORT.name, issuer=town.name, year=2025)
    plan = save_extracted_plan(boss, issuer=town, extracted=extracted, filename=DEMO_REPORT.name)
    call_command("load_demo_history", plan=plan.pk, stdout=io.StringIO())
    return Plan.objects.get(pk=plan.pk)
