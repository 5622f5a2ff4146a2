"""``manage.py generate_scale``: fill an empty database to a province's scale (规模测试数据) for load tests.

    manage.py generate_scale --issuers 1600 --tasks 150 --months 12   # a province, on PostgreSQL
    manage.py generate_scale --issuers 1                              # a town, on SQLite

Every account's password is ``luoshi-scale-2025``; ``duban0001`` is the first plan's supervisor,
``staff0001-02`` its 经济发展办 staff, ``dubanprovince000`` the province's supervisor.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from web.scale.generate import PASSWORD, counts_by_status, generate, summarise


class Command(BaseCommand):
    help = "Fill an empty database with N issuers' plans, tasks and a year of progress reports (load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--issuers", type=int, default=1600, help="plan-holding issuers (towns and counties)")
        parser.add_argument("--tasks", type=int, default=150, help="tasks per plan")
        parser.add_argument("--months", type=int, default=12, help="months of progress reports (1-12)")
        parser.add_argument("--year", type=int, default=2025, help="the plans' year")
        parser.add_argument("--seed", type=int, default=2025, help="random seed: the same seed, the same data")

    def handle(self, *args, issuers, tasks, months, year, seed, **options):
        if settings.LUOSHI_PRODUCTION:
            raise CommandError(f"生产环境 (LUOSHI_PRODUCTION) 不生成测试数据: 其账号使用公开的密码 {PASSWORD}")
        if issuers < 1 or tasks < 1 or not 1 <= months <= 12:
            raise CommandError("--issuers and --tasks must be at least 1, --months between 1 and 12")
        try:
            result = generate(issuers, tasks, months, seed=seed, year=year, log=self.stdout.write)
        except ValueError as e:
            raise CommandError(str(e)) from None
        for line in summarise(result):
            self.stdout.write(line)
        from web.audit.chain import seal_pending

        started = time.perf_counter()  # the generated audit rows join the chain like any others
        sealed = seal_pending()
        self.stdout.write(f"audit chain: {sealed:,} rows sealed in {time.perf_counter() - started:.1f} s")
        mix = counts_by_status()
        self.stdout.write("progress reports by status: " + ", ".join(f"{k} {v:,}" for k, v in sorted(mix.items())))
        self.stdout.write(f"accounts: duban0001 (supervisor), staff0001-02 (staff), lingdao0001 (leader), "
                          f"dubanprovince000 (province); password {PASSWORD}")
