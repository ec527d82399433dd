"""Submitting an excellence report: saved with its reporter and their organization, in one
transaction with its themes."""

from django.db import transaction

from portal.access import member_organization


def submit_report(user, form):
    """Save a valid ExcellenceReportForm as the user's report; returns the report."""
    with transaction.atomic():
        report = form.save(commit=False)
        report.reporter = user
        report.reporter_organization = member_organization(user)
        report.save()
        form.save_m2m()
    return report
