"""gunicorn settings for Luoshi (``gunicorn -c deploy/gunicorn.conf.py web.wsgi:application``).

Sync workers: each request is a short run of Python and SQL, and the slow work (imports, bulletins) goes to the
job queue (``manage.py run_worker``), so no request waits on a long job. Workers = 2 × CPUs + 1 by default;
``GUNICORN_WORKERS`` overrides. Behind nginx (deploy/nginx-luoshi.conf), which buffers slow clients.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync" if threads == 1 else "gthread"
timeout = 60  # a page is answered in well under a second; a stuck worker is restarted
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then: bounds any slow memory growth
max_requests_jitter = 200
preload_app = True  # load Django once, fork workers: faster start and shared memory
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# request time in microseconds (%(D)s) at the end of each line, for latency from the logs
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)s'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """In each worker: the app loaded once in the master (``preload_app``) is frozen out of the garbage collector's
    way, and young objects are collected less often — a dashboard makes tens of thousands of short-lived model
    rows. Measured: plan_progress on a 150-task plan 55 → 40 ms of CPU."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
