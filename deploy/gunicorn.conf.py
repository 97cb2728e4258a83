"""gunicorn settings for the newsroom (gunicorn -c deploy/gunicorn.conf.py).
Every value can be overridden from the environment (GUNICORN_*)."""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Threads cover the time a request waits on PostgreSQL or Redis; processes
# cover the CPU. Two of each per core is a sound start.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200

# No runtime control socket: systemd (or make run-prod) starts and stops us,
# and several instances on one machine would fight over its default path.
control_socket_disable = True

# nginx on the same machine is the only trusted proxy.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100

# Logs to stdout/stderr (journald), the access log as one JSON object a line
# (ops/access_log.py).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "ops.access_log.JsonAccessLogger"
