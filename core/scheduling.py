"""Scheduled jobs across a cluster: `manage.py run_scheduler` may run on
every app server, and each job still runs once per due time.

A job that runs every N seconds is due once per slot, the wall-clock time
divided by N (so every server agrees on the slots, whenever it started).
Before running a job, a scheduler claims its slot with one conditional
UPDATE on the job's row (core.ScheduledJob):

    UPDATE … SET last_slot = slot WHERE name = job AND last_slot < slot

The row lock makes a second scheduler wait for the first and then find
nothing to update (PostgreSQL re-checks the condition on the updated row),
so exactly one claim succeeds. On SQLite (one process, `make run`) the same
statement simply succeeds."""

import logging
import socket
import time

from django.core.management import call_command
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from core.models import ScheduledJob

logger = logging.getLogger(__name__)


def job_name(job: dict) -> str:
    return job.get("name") or " ".join([job["command"], *job.get("args", [])])


def slot_of(job: dict, now: float) -> int:
    return int(now // job["every"])


def claim(name: str, slot: int) -> bool:
    """True for exactly one caller per (name, slot), cluster-wide."""
    ScheduledJob.objects.get_or_create(name=name)
    return (
        ScheduledJob.objects.filter(name=name, last_slot__lt=slot).update(
            last_slot=slot,
            last_started_at=timezone.now(),
            last_finished_at=None,
            last_succeeded=None,
            last_host=socket.gethostname(),
        )
        == 1
    )


def finished(name: str, succeeded: bool) -> None:
    ScheduledJob.objects.filter(name=name).update(
        last_finished_at=timezone.now(), last_succeeded=succeeded
    )


class Scheduler:
    """Runs the jobs (settings.SCHEDULED_COMMANDS entries) whose slot has
    come and that no other scheduler claimed first."""

    def __init__(self, jobs, stdout=None, clock=time.time):
        self.jobs = list(jobs)
        self.stdout = stdout
        self.clock = clock
        self.seen: dict[str, int] = {}

    def run_due(self) -> list[str]:
        """One pass; the names of the jobs this scheduler ran."""
        ran = []
        close_old_connections()
        for job in self.jobs:
            name = job_name(job)
            slot = slot_of(job, self.clock())
            if self.seen.get(name) == slot:
                continue
            try:
                claimed = claim(name, slot)
            except DatabaseError:
                # The database is away: try again at the next pass.
                logger.warning(
                    "Could not claim %s, will try again", name, exc_info=True
                )
                close_old_connections()
                continue
            self.seen[name] = slot
            if claimed:
                self.run(job, name)
                ran.append(name)
        return ran

    def run(self, job, name=None) -> bool:
        """Run one job now; a failure is logged and does not stop the others."""
        close_old_connections()
        try:
            call_command(job["command"], *job.get("args", []), stdout=self.stdout)
        except Exception:  # a failing job must not stop the others
            logger.exception("Scheduled command %s failed", job["command"])
            succeeded = False
        else:
            succeeded = True
        if name:
            try:
                finished(name, succeeded)
            except DatabaseError:
                logger.warning("Could not record the end of %s", name, exc_info=True)
        return succeeded
