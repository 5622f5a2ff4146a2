"""``manage.py load_demo``: the demo installation (演示数据), idempotent.

Imports ``luoshi/data/shuikou-2025.txt`` as the 2025 plan of 水口镇人民政府 (under 开平市人民政府), creates
the town's departments and one account per role, and prints the logins. A second town under the same county,
月山镇人民政府, gets the same plan (the demo has one report) and its own 督查室, and the county its 督查室, so that
the county over its towns can be shown (下级单位对比, 联动下达). Demo accounts exist only
because this command made them; run it again and nothing is duplicated. Refused in production
(``LUOSHI_PRODUCTION``): the demo's password is published.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import luoshi
from web.accounts.models import Department, Membership
from web.plans.import_services import save_extracted_plan
from web.plans.importing import ImportFailed, extract_report
from web.plans.models import Issuer, Plan
from web.plans.office import extraction_options

DEMO_REPORT = Path(luoshi.__file__).parent / "data" / "shuikou-2025.txt"
COUNTY = "开平市人民政府"
TOWN = "水口镇人民政府"
OTHER_TOWN = "月山镇人民政府"  # the county's second town: a comparison needs two
PASSWORD = "luoshi-demo-2025"
# (name, aliases): the aliases are the other ways reports and spreadsheets name the same office.
DEPARTMENTS = [
    ("党政办", "党政综合办公室、党政办公室、镇党政办、政务服务中心"),
    ("党建办", "党建工作办公室、组织办"),
    ("经济发展办", "经济发展办公室、经发办、经济办"),
    ("规划建设办", "规划建设办公室、规建办、村镇建设办"),
    ("农业农村办", "农业农村办公室、农办、农业办"),
    ("综治办", "综治中心、社会治安综合治理办公室、平安建设办"),
    ("应急管理办", "应急管理办公室、应急办、安监办"),
    ("社会事务办", "社会事务办公室、社事办、民政办"),
    ("财政所", "财政分局、镇财政所"),
    ("文化站", "文化服务中心、综合文化站、文体服务中心"),
    ("自然资源所", "自然资源管理所、国土所"),
    ("生态环境办", "环保办、生态环境保护办公室"),
    ("综合行政执法队", "综合行政执法办、执法队、综合执法办"),
]
# (username, full name, role, department)
ACCOUNTS = [
    ("duban", "督查室 (演示)", Membership.Role.SUPERVISOR, None),
    ("jingji", "经济发展办 (演示)", Membership.Role.STAFF, "经济发展办"),
    ("lingdao", "镇领导 (演示)", Membership.Role.LEADER, None),
]
# (username, full name, issuer): the county's 督查室, over both towns, and the second town's.
COUNTY_ACCOUNTS = [("kaiping", "开平市督查室 (演示)", COUNTY), ("yueshan", "月山镇督查室 (演示)", OTHER_TOWN)]


class Command(BaseCommand):
    help = "Load the demo: 水口镇's 2025 plan, its departments and one account per role (idempotent)."

    def handle(self, *args, **options):
        if settings.LUOSHI_PRODUCTION:
            raise CommandError(f"生产环境 (LUOSHI_PRODUCTION) 不创建演示账号: 其密码 {PASSWORD} 是公开的。"
                               f"请用 manage.py createsuperuser 创建管理员, 在后台建立部门和账号")
        town, users = ensure_demo_organisation()
        other_town, county_users = ensure_demo_county()
        extracted = None
        for issuer, importer in ((town, users[0]), (other_town, county_users[1])):
            plan = Plan.objects.filter(issuer=issuer, year=2025).first()
            if plan is not None:
                self.stdout.write(f"演示规划已存在: {plan}")
                continue
            extracted = extracted or self._extract(town)
            plan = save_extracted_plan(importer, issuer=issuer, extracted=extracted, filename=DEMO_REPORT.name)
            counts = f"{plan.tasks.count()} 项任务, {plan.targets.count()} 个量化目标"
            self.stdout.write(f"已导入演示规划: {issuer.name}2025年 ({counts})")
        self.stdout.write(f"演示账号 (密码均为 {PASSWORD}):")
        for username, _full_name, role, department in ACCOUNTS:
            self.stdout.write(f"  {username:8} {Membership.Role(role).label}{' · ' + department if department else ''}")
        for username, _full_name, issuer in COUNTY_ACCOUNTS:
            self.stdout.write(f"  {username:8} {issuer} 督查室")
        self.stdout.write("登录: http://127.0.0.1:8000/accounts/login/")

    def _extract(self, town):
        try:
            return extract_report(DEMO_REPORT.read_bytes(), DEMO_REPORT.name, issuer=TOWN, year=2025,
                                  options=extraction_options(town))  # the town's own departments
        except ImportFailed as e:
            raise CommandError(str(e)) from None


def ensure_demo_organisation() -> tuple[Issuer, list]:
    """The county, the town, its departments and the demo accounts (no plan): also used by the browser tests.
    An existing account keeps its password."""
    with transaction.atomic():
        county, _ = Issuer.objects.get_or_create(name=COUNTY)
        town, _ = Issuer.objects.get_or_create(name=TOWN, defaults={"parent": county})
        for order, (name, aliases) in enumerate(DEPARTMENTS):
            Department.objects.update_or_create(issuer=town, name=name, defaults={"aliases": aliases, "order": order})
        return town, [_account(town, *spec) for spec in ACCOUNTS]


def ensure_demo_county() -> tuple[Issuer, list]:
    """The county's second town with the same departments, its 督查室 and the county's (no plan)."""
    with transaction.atomic():
        county, _ = Issuer.objects.get_or_create(name=COUNTY)
        other_town, _ = Issuer.objects.get_or_create(name=OTHER_TOWN, defaults={"parent": county})
        for order, (name, aliases) in enumerate(DEPARTMENTS):
            Department.objects.update_or_create(issuer=other_town, name=name,
                                                defaults={"aliases": aliases, "order": order})
        users = [_account(Issuer.objects.get(name=issuer), username, full_name, Membership.Role.SUPERVISOR, None)
                 for username, full_name, issuer in COUNTY_ACCOUNTS]
        return other_town, users


def _account(town, username, full_name, role, department):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        user.set_password(PASSWORD)
        user.save()
    dept = Department.objects.get(issuer=town, name=department) if department else None
    Membership.objects.update_or_create(user=user, issuer=town, defaults={"role": role, "department": dept})
    return user
