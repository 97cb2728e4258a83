"""Create the newsroom's groups, column teams and review workflows.

Safe to run any number of times; it adds what is missing and never takes
away what admins changed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.setup import setup_newsroom


class Command(BaseCommand):
    help = "Create roles, column teams and the 三审/二审 workflows (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        result = setup_newsroom()
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"Roles: {'、'.join(result['groups'])}")
        self.stdout.write(f"Workflows: {'、'.join(result['workflows'])}")
        for column, teams in result["teams"].items():
            names = "、".join(group.name for group in teams.values())
            self.stdout.write(f"  {column.title}: {names}")
        self.stdout.write(self.style.SUCCESS("Newsroom set up."))
