"""The cast of the web tests, set up once for the whole session (each test rolls back its own changes).

    town        水口镇人民政府 (under the county 开平市人民政府), plan 2025 "the plan", unpublished
    other_town  月山镇人民政府, with its own supervisor
    supervisor  duban: 水口镇's 督查室, owns the plan
    staff       jingji: 经济发展办 staff
    other_staff guihua: 规划建设办 staff, must see nothing of 经济发展办's drafts
    leader      lingdao: 水口镇 leader, writes 批示
    outsider    yueshan: supervisor of 月山镇, a stranger to 水口镇's plan
    attacker    tanzi: 党政办 staff who probes for what is not hers (drafts, reviews, tokens)
    county_supervisor  kaiping: 开平市's 督查室, reads (never changes) its towns' plans and compares them
    neighbour   yuejing: 月山镇 经济发展办 staff, sees nothing of 水口镇's plan unless the county shares it
    sysadmin    xitong: the system administrator (系统管理员), no plan role
    secadmin    anquan: the security administrator (安全管理员), no plan role
    auditor     shenji: the auditor (审计管理员), no plan role
    public      an anonymous visitor

The plan comes from ``web_sample.sample_extracted()``: a small hand-made ``luoshi.plan.Plan`` with
known spans, so these tests do not depend on the extractor's current recall.
"""

from __future__ import annotations

import datetime as dt
import types

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from web_sample import COUNTY, DEPARTMENTS, OTHER_TOWN, PEOPLE, TOWN, sample_extracted

from web.accounts.models import AdminDuty, Department, Membership
from web.plans.import_services import save_extracted_plan
from web.plans.importing import Extracted
from web.plans.models import Issuer, Plan

# The three administrators (三员): one duty each and no membership, so no plan role.
ADMINISTRATORS = {"sysadmin": ("xitong", AdminDuty.Duty.SYSTEM), "secadmin": ("anquan", AdminDuty.Duty.SECURITY),
                  "auditor": ("shenji", AdminDuty.Duty.AUDIT)}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the cast once; every test runs in a transaction rolled back afterwards."""
    with django_db_blocker.unblock():
        county = Issuer.objects.create(name=COUNTY)
        town = Issuer.objects.create(name=TOWN, parent=county)
        other_town = Issuer.objects.create(name=OTHER_TOWN, parent=county)
        for order, (name, aliases) in enumerate(DEPARTMENTS):
            Department.objects.create(issuer=town, name=name, aliases=aliases, order=order)
        Department.objects.create(issuer=other_town, name="经济发展办")
        for username, issuer, role, department in PEOPLE.values():
            user = get_user_model().objects.create_user(username, password="luoshi-test-2025")
            issuer = Issuer.objects.get(name=issuer)
            dept = Department.objects.get(issuer=issuer, name=department) if department else None
            Membership.objects.create(user=user, issuer=issuer, role=role, department=dept)
        for username, duty in ADMINISTRATORS.values():
            AdminDuty.objects.create(user=get_user_model().objects.create_user(username, password="luoshi-test-2025"),
                                     duty=duty)
        save_extracted_plan(get_user_model().objects.get(username="duban"), issuer=town,
                            extracted=sample_extracted(), filename="shuikou-sample.txt")


@pytest.fixture
def cast(db):
    """The cast, fetched fresh for each test: users, issuers, departments and the plan."""
    everyone = {**PEOPLE, **ADMINISTRATORS}
    users = {role: get_user_model().objects.get(username=spec[0]) for role, spec in everyone.items()}
    town = Issuer.objects.get(name=TOWN)
    departments = {d.name: d for d in Department.objects.filter(issuer=town)}
    plan = Plan.objects.get(issuer=town, year=2025)
    tasks = {t.key: t for t in plan.tasks.all()}
    return types.SimpleNamespace(**users, town=town, other_town=Issuer.objects.get(name=OTHER_TOWN),
                                 county=Issuer.objects.get(name=COUNTY), departments=departments, plan=plan,
                                 tasks=tasks, targets={t.key: t for t in plan.targets.all()})


@pytest.fixture
def as_(cast):
    """``as_("supervisor")`` → a test client logged in as that member of the cast; ``as_("public")`` → anonymous."""

    def client_for(role: str) -> Client:
        client = Client()
        if role != "public":
            client.force_login(getattr(cast, role))
        return client

    return client_for


@pytest.fixture
def fake_extractor(monkeypatch):
    """Uploads are "extracted" from a registry of ``filename → Extracted`` instead of the real core."""
    from web.plans import import_services as services
    from web.plans.importing import ImportFailed

    registry: dict[str, Extracted] = {}

    def extract_report(data, filename, *, issuer=None, year=None, options=None):
        if filename not in registry:
            raise ImportFailed(f"{filename}: 不是可读取的报告")
        return registry[filename]

    monkeypatch.setattr(services, "extract_report", extract_report)
    return registry


START = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    """The clock stands at ``START`` (2025-06-02 09:00 UTC) until a test moves it (``clock.shift(...)``)."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def fast_hashing(settings, django_user_model, db):
    """A fast hasher for tests that sign in many times (the real one takes a good fraction of a second each)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in django_user_model.objects.all():
        user.set_password("luoshi-test-2025")
        user.save(update_fields=["password"])
