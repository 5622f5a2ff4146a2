"""``manage.py run_worker``: run queued background jobs (imports, bulletins) until stopped.

Needed only with ``LUOSHI_JOBS=queue``; the demo (``inline``) runs each job inside the request.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from web.jobs import registry, services
from web.jobs.worker import Worker


class Command(BaseCommand):
    help = "运行后台任务 (导入解析、通报生成); SIGTERM 时完成当前任务后退出"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完当前已就绪的任务后退出 (用于定时任务和测试)")
        parser.add_argument("--concurrency", type=int, default=1,
                            help="同时处理的任务数 (线程数, 默认 1; SQLite 只能用 1)")
        parser.add_argument("--poll", type=float, default=1.0, help="队列为空时每隔多少秒查看一次 (默认 1.0)")
        parser.add_argument("--kind", action="append", dest="kinds", help="只处理该类型 (可重复)")

    def handle(self, *args, once, concurrency, poll, kinds, **options):
        from django.db import connection

        if concurrency < 1:
            raise CommandError("--concurrency: must be at least 1")
        if poll <= 0:
            raise CommandError("--poll: must be more than 0")
        if concurrency > 1 and connection.vendor == "sqlite":
            raise CommandError("--concurrency: SQLite allows one writer at a time; use PostgreSQL for more workers")
        unknown = sorted(set(kinds or []) - set(registry.kinds()))
        if unknown:
            raise CommandError(f"--kind: unknown job kind {', '.join(unknown)} (known: {', '.join(registry.kinds())})")
        if services.mode() != services.QUEUE:
            self.stderr.write("注意: LUOSHI_JOBS 不是 queue, 网页请求会自己运行任务; 此进程只处理已排队的任务")

        worker = Worker(concurrency=concurrency, poll=poll, once=once, kinds=kinds,
                        report=lambda line: self.stdout.write(line))
        self.stdout.write(f"{worker.name}: 处理 {', '.join(kinds or registry.kinds())} (并发 {concurrency})")
        processed = worker.run()
        self.stdout.write(f"{worker.name}: 已退出, 共处理 {processed} 个任务")
