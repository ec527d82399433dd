from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import loader


class Command(BaseCommand):
    help = (
        "Create the demonstration consortium (pages, settings, member directory) where it "
        "is missing. Safe to run again: nothing is duplicated or overwritten. Other apps "
        "add their demo content with the 'load_demo_content' Wagtail hook."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        loader.load_all(log=self.stdout.write)
