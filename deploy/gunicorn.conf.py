"""Gunicorn's configuration for Corridor in production (docs/deploy.md):

    gunicorn corridor.wsgi -c deploy/gunicorn.conf.py

Every value can be changed from the environment, so that one file serves every machine."""
import multiprocessing
import os

# Behind the reverse proxy that terminates TLS; GUNICORN_BIND=0.0.0.0:8000 to be reached from another host.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are rendered by the CPU: about two processes per core. Each holds its own database connection
# (CONN_MAX_AGE), so workers × machines must stay under PostgreSQL's max_connections.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
# Threads are for slow uploads and downloads when there is no buffering proxy in front; one is enough behind one.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A report's PDF takes a few seconds to draw; nothing a reader waits for should take longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced after this many requests (a little apart, so that they do not all restart together):
# whatever memory a long-lived process accumulates is given back. 0 keeps them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# The heartbeat files of the workers in memory rather than on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# X-Forwarded-* are believed from these addresses only (the proxy); Django reads them per TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "corridor"
