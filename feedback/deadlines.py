"""Deadlines in working days: weekends and China's public holidays off,
make-up working days (调休) on, plus local holidays and workdays from settings
(a region's own holidays, or a year the holidays library does not know yet)."""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=[year - 1, year, year + 1])


def _dates(name: str) -> set[dt.date]:
    return {dt.date.fromisoformat(value) for value in getattr(settings, name)}


def is_working_day(day: dt.date) -> bool:
    if day in _dates("FEEDBACK_EXTRA_WORKDAYS"):
        return True
    if day in _dates("FEEDBACK_EXTRA_HOLIDAYS"):
        return False
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The end (23:59:59 local time) of the `days`-th working day after start's
    day: something sent on Friday afternoon, due within one working day, is due
    by Monday night."""
    day = timezone.localtime(start).date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    end = dt.datetime.combine(day, dt.time(23, 59, 59))
    return timezone.make_aware(end)
