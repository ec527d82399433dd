"""Moderating excellence reports, and drafting a story from an approved one.

Approving sends the positive feedback to the people the report names: the e-mail task is
enqueued after the commit, so a rolled-back approval sends nothing, and a failed send leaves
the report marked unsent for the retry (excellence.feedback).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import ExcellenceIndexPage, ExcellenceReport, ExcellenceStoryPage
from .tasks import send_feedback


class ModerationError(Exception):
    """A moderation step that does not apply to the report as it is; the message says why."""


def approve(report, moderator, notes=""):
    with transaction.atomic():
        report = ExcellenceReport.objects.select_for_update().get(pk=report.pk)
        if report.status == ExcellenceReport.Status.APPROVED:
            raise ModerationError(_("This report is already approved."))
        _record(report, ExcellenceReport.Status.APPROVED, moderator, notes)
        transaction.on_commit(lambda: send_feedback.enqueue(report.pk))
    return report


def decline(report, moderator, notes):
    if not notes.strip():
        raise ModerationError(_("Say why the report is declined, for the other moderators."))
    with transaction.atomic():
        report = ExcellenceReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ExcellenceReport.Status.PENDING:
            raise ModerationError(_("Only a report awaiting moderation can be declined."))
        _record(report, ExcellenceReport.Status.DECLINED, moderator, notes)
    return report


def _record(report, status, moderator, notes):
    report.status = status
    report.moderated_by = moderator
    report.moderated_at = timezone.now()
    if notes.strip():
        report.moderation_notes = "\n\n".join(n for n in (report.moderation_notes, notes) if n)
    report.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_notes"])


def deidentified_description(report):
    """Who is recognized, in words that name nobody."""
    unit = report.unit.strip()
    if report.recognized_kind == ExcellenceReport.Recognized.TEAM:
        return _("A team in %(unit)s") % {"unit": unit} if unit else _("A team")
    return _("A colleague in %(unit)s") % {"unit": unit} if unit else _("A colleague")


def _paragraphs(text):
    return linebreaks(escape(text))


def story_fields(report):
    """A story's fields prefilled from a report: named only if everyone agreed."""
    if report.story_may_name:
        recognized = f"{report.recognized_name}, {report.organization.name}"
        credit = _("Reported by %(name)s.") % {"name": report.reporter_display}
    else:
        recognized = deidentified_description(report)
        credit = ""
    insights = [
        interview.insights
        for interview in report.interviews.filter(publish_insights=True).exclude(insights="")
    ]
    what = _paragraphs(report.what_they_did) + (f"<p>{escape(credit)}</p>" if credit else "")
    return {
        "title": _("Learning from excellence: %(who)s") % {"who": recognized},
        "summary": report.why_it_mattered[:400],
        "recognized": recognized,
        "what_they_did": what,
        "why_it_mattered": _paragraphs(report.why_it_mattered),
        "insights": "".join(_paragraphs(text) for text in insights),
    }


def story_index():
    """Where new stories go: the index page in the site's default language."""
    return (
        ExcellenceIndexPage.objects.filter(locale=Locale.get_default()).first()
        or ExcellenceIndexPage.objects.first()
    )


def draft_story(report, index=None, user=None):
    """A draft story page for an approved, shareable report (the existing one if it has one),
    under the index page; staff edit and publish it through Wagtail's own flow."""
    if not report.may_become_story:
        raise ModerationError(
            _("Only an approved report whose reporter agreed to share it can become a story.")
        )
    if report.story_id:
        return report.story
    index = index or story_index()
    if index is None:
        raise ModerationError(
            _("Create a “Learning from excellence” index page first: stories go below it.")
        )
    with transaction.atomic():
        fields = story_fields(report)
        slug = f"{slugify(fields['recognized'])[:60]}-{report.pk}".lstrip("-")
        story = ExcellenceStoryPage(
            live=False, source_report=report, slug=slug, owner=user, **fields
        )
        story.themes.set(report.themes.all())
        index.add_child(instance=story)
        story.save_revision(user=user)
        report.story = story
        report.save(update_fields=["story"])
    return story
