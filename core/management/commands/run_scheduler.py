"""Run the site's periodic jobs (settings.SCHEDULED_COMMANDS) until stopped.

One small process instead of cron, so `make run` and production schedule the
same way: scheduled publishing, data erasure and purges happen on time without
anyone running a command."""

import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run settings.SCHEDULED_COMMANDS at their intervals until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="run every job once, then exit"
        )
        parser.add_argument(
            "--tick", type=float, default=5.0, help="seconds between checks"
        )

    def handle(self, *args, once=False, tick=5.0, **options):
        jobs = list(settings.SCHEDULED_COMMANDS)
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        names = ", ".join(f"{job['command']} every {job['every']}s" for job in jobs)
        self.stdout.write(f"Scheduler: {names or 'no jobs'}")
        next_run = dict.fromkeys(range(len(jobs)), 0.0)
        while self.running:
            now = time.monotonic()
            for index, job in enumerate(jobs):
                if now >= next_run[index]:
                    self.run_job(job)
                    next_run[index] = now + job["every"]
            if once:
                break
            time.sleep(tick)

    def run_job(self, job):
        close_old_connections()
        try:
            call_command(job["command"], *job.get("args", []), stdout=self.stdout)
        except Exception:  # a failing job must not stop the others
            logger.exception("Scheduled command %s failed", job["command"])

    def stop(self, *args):
        self.running = False
