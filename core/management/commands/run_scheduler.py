"""Run the site's periodic jobs (settings.SCHEDULED_COMMANDS) until stopped.

One small process instead of cron, so `make run` and production schedule the
same way: scheduled publishing, data erasure and purges happen on time without
anyone running a command. It may run on every app server: each job runs once
per due time across all of them (core/scheduling.py)."""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.scheduling import Scheduler


class Command(BaseCommand):
    help = "Run settings.SCHEDULED_COMMANDS at their intervals until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="run every job once now, whatever the schedule, then exit",
        )
        parser.add_argument(
            "--tick", type=float, default=5.0, help="seconds between checks"
        )

    def handle(self, *args, once=False, tick=5.0, **options):
        jobs = list(settings.SCHEDULED_COMMANDS)
        scheduler = Scheduler(jobs, stdout=self.stdout)
        names = ", ".join(f"{job['command']} every {job['every']}s" for job in jobs)
        self.stdout.write(f"Scheduler: {names or 'no jobs'}")
        if once:
            for job in jobs:
                scheduler.run(job)
            return
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while self.running:
            scheduler.run_due()
            time.sleep(tick)

    def stop(self, *args):
        self.running = False
