"""manage.py export_comment_log --from 2026-01-01 --to 2026-06-30 [--output F]

Both dates are local days and both are included. The export itself is
logged (who ran it is the operating-system user; the row says the range)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from commentlog import log
from commentlog.export import csv_export, entries_between


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


def _start_of(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Command(BaseCommand):
    help = "Export the comment operations log between two dates as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, type=_day)
        parser.add_argument("--to", dest="end", required=True, type=_day)
        parser.add_argument(
            "--output", help="write to this file (default: standard output)"
        )

    def handle(self, *args, start, end, output=None, **options):
        if end < start:
            raise CommandError("--to is before --from.")
        entries = entries_between(
            _start_of(start), _start_of(end + datetime.timedelta(days=1))
        )
        count = entries.count()
        log.record(
            log.Action.EXPORT,
            step="command",
            detail={"from": start.isoformat(), "to": end.isoformat(), "rows": count},
        )
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.writelines(csv_export(entries))
            self.stderr.write(f"{count} rows written to {output}")
        else:
            for line in csv_export(entries):
                self.stdout.write(line, ending="")
            self.stderr.write(f"{count} rows")
