"""One scheduler per app server, each job once per due time across them
(core/scheduling.py): claims of a slot, two schedulers on one clock, and
on PostgreSQL schedulers racing in threads."""

import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection

from core.models import ScheduledJob
from core.scheduling import Scheduler, claim, job_name

JOBS = [
    {"command": "publish_scheduled", "every": 60},
    {"command": "backup_site", "args": ["--into", "/b"], "every": 86400},
]


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def commands():
    """call_command as the scheduler calls it, recorded instead of run; and
    the connections it closes between jobs left open (they hold the test's
    transaction)."""
    with (
        mock.patch("core.scheduling.call_command") as patched,
        mock.patch("core.scheduling.close_old_connections"),
    ):
        yield patched


def ran(commands) -> list[str]:
    return [call.args[0] for call in commands.call_args_list]


@pytest.mark.django_db
def test_a_slot_is_claimed_once():
    assert claim("publish_scheduled", 100)
    assert not claim("publish_scheduled", 100)
    assert not claim("publish_scheduled", 99), "an older slot never runs again"
    assert claim("publish_scheduled", 101)
    assert claim("another job", 100)


@pytest.mark.django_db
def test_each_job_runs_once_per_slot_whatever_the_tick(commands):
    clock = Clock(60 * 1000 + 1)
    scheduler = Scheduler(JOBS, clock=clock)
    scheduler.run_due()
    clock.now += 30
    scheduler.run_due()
    assert ran(commands) == ["publish_scheduled", "backup_site"]

    clock.now += 30  # the next minute
    scheduler.run_due()
    assert ran(commands) == ["publish_scheduled", "backup_site", "publish_scheduled"]
    job = ScheduledJob.objects.get(name="publish_scheduled")
    assert job.last_slot == 1001
    assert job.last_succeeded is True
    assert job.last_finished_at >= job.last_started_at


@pytest.mark.django_db
def test_a_second_scheduler_does_not_run_what_the_first_ran(commands):
    clock = Clock(86400 * 20000 + 5)
    first, second = Scheduler(JOBS, clock=clock), Scheduler(JOBS, clock=clock)
    assert first.run_due() == ["publish_scheduled", "backup_site --into /b"]
    assert second.run_due() == []
    clock.now += 60
    assert second.run_due() == ["publish_scheduled"]
    assert first.run_due() == []


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_run(commands, caplog):
    commands.side_effect = [RuntimeError("boom"), None]
    Scheduler(JOBS, clock=Clock(1_000_000)).run_due()
    assert ran(commands) == ["publish_scheduled", "backup_site"]
    assert ScheduledJob.objects.get(name="publish_scheduled").last_succeeded is False
    assert "Scheduled command publish_scheduled failed" in caplog.text


@pytest.mark.django_db
def test_once_runs_every_job_now_whatever_the_schedule(commands, settings):
    settings.SCHEDULED_COMMANDS = JOBS
    call_command("run_scheduler", "--once", stdout=StringIO())
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert ran(commands) == ["publish_scheduled", "backup_site"] * 2


def test_job_names_tell_jobs_with_other_arguments_apart():
    assert job_name(JOBS[1]) == "backup_site --into /b"
    assert job_name({"command": "x", "every": 1, "name": "nightly"}) == "nightly"


def in_threads(count, target):
    """Run target(number) in `count` threads at once; each closes its own
    database connection."""
    errors = []

    def run(number):
        try:
            target(number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schedulers_racing_on_postgresql_claim_each_slot_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has one writer, nothing races")
    slots = range(1, 31)
    claims = []
    barrier = threading.Barrier(6)

    def scheduler(number):
        for slot in slots:
            barrier.wait(timeout=30)
            if claim("publish_scheduled", slot):
                claims.append((slot, number))

    in_threads(6, scheduler)
    assert sorted(slot for slot, _ in claims) == list(slots)
    assert len({number for _, number in claims}) > 1, "not one thread winning all"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_scheduler_loops_on_postgresql_run_each_due_time_once():
    """Two schedulers (as on two app servers) ticking every 20 ms for three
    seconds over a job due every second."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    runs = []
    lock = threading.Lock()
    jobs = [{"command": "tick", "every": 1}]

    def recording_claim(name, slot):
        # The slot a run was claimed for, not the clock when it ran: on a
        # busy machine a run claimed at the end of one second may start in
        # the next, beside that second's own run.
        claimed = claim(name, slot)
        if claimed:
            with lock:
                runs.append(slot)
        return claimed

    deadline = time.time() + 3

    def loop(number):
        scheduler = Scheduler(jobs)
        while time.time() < deadline:
            scheduler.run_due()
            time.sleep(0.02)

    with (
        mock.patch("core.scheduling.call_command", side_effect=lambda *a, **k: None),
        mock.patch("core.scheduling.claim", side_effect=recording_claim),
    ):
        in_threads(2, loop)

    assert len(runs) >= 3
    assert len(runs) == len(set(runs)), f"a due time ran twice: {runs}"
