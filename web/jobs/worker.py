"""The worker loop behind ``manage.py run_worker``: claim, run with a heartbeat, repeat until told to stop.

SIGTERM (``systemctl stop``) and SIGINT set a flag: the job in hand is finished and stored, then the
worker exits. A worker killed outright (SIGKILL, power cut) loses nothing either: its job's heartbeat
goes stale and the next worker's ``requeue_stale`` queues it again.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection, connections

from web.jobs import services

log = logging.getLogger(__name__)
SWEEP_EVERY = 60.0  # seconds between two looks for jobs whose worker died


class Worker:
    """``concurrency`` loops (threads, each with its own database connection) sharing one stop flag."""

    def __init__(self, *, concurrency: int = 1, poll: float = 1.0, once: bool = False, kinds: list[str] | None = None,
                 heartbeat_every: dt.timedelta = services.HEARTBEAT_EVERY, name: str | None = None,
                 report: Callable[[str], None] | None = None) -> None:
        self.concurrency = max(1, concurrency)
        self.poll = poll
        self.once = once
        self.kinds = kinds or None
        self.heartbeat_every = heartbeat_every
        self.name = name or services.worker_name()
        self.report = report or log.info
        self.stop = threading.Event()
        self.processed = 0
        self._count = threading.Lock()

    def run(self) -> int:
        """Work until stopped (or, with ``once``, until no job is ready); returns how many jobs ran."""
        previous = self._install_signals()
        try:
            if self.concurrency == 1:
                self._loop(self.name)
            else:
                threads = [threading.Thread(target=self._thread_loop, args=(f"{self.name}:{n}",), name=f"worker-{n}")
                           for n in range(1, self.concurrency + 1)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
        finally:
            self._restore_signals(previous)
        return self.processed

    def _thread_loop(self, name: str) -> None:
        try:
            self._loop(name)
        finally:
            connections.close_all()

    def _loop(self, name: str) -> None:
        next_sweep = 0.0
        while not self.stop.is_set():
            try:
                if time.monotonic() >= next_sweep:  # a sweep a minute is plenty: a job goes stale after minutes
                    services.requeue_stale()
                    next_sweep = time.monotonic() + SWEEP_EVERY
                job = services.claim(name, kinds=self.kinds)
                if job is None:
                    if self.once:
                        return
                    self.stop.wait(self.poll)
                    continue
                self._process(name, job)
            except (OperationalError, InterfaceError) as e:
                # The database restarted or is out of reach: drop the broken connection and try again shortly.
                # A job caught half way keeps its lock until it goes stale, then runs again.
                log.warning("%s: database unavailable (%s); retrying in %.0f s", name, e, self.poll * 5)
                if not connection.in_atomic_block:
                    connection.close()
                self.stop.wait(self.poll * 5)

    def _process(self, name: str, job) -> None:
        self.report(f"{name}: 开始 {job.kind} #{job.pk} (第 {job.attempts} 次)")
        with services.Heartbeat(job, self.heartbeat_every):
            services.run(job)
        job.refresh_from_db(fields=["state", "error"])
        self.report(f"{name}: {job.kind} #{job.pk} → {job.get_state_display()}"
                    + (f": {job.error}" if job.error else ""))
        with self._count:
            self.processed += 1

    def _install_signals(self) -> dict:
        if threading.current_thread() is not threading.main_thread():
            return {}

        def request_stop(signum, frame):
            self.report(f"收到 {signal.Signals(signum).name}: 完成当前任务后退出")
            self.stop.set()

        return {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}

    @staticmethod
    def _restore_signals(previous: dict) -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
