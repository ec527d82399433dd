"""Demonstration content of excellence: the themes it shares with the toolkits, the stories'
index page (with its Spanish and Portuguese translations), three published stories with the
approved reports they came from (one with an appreciative-inquiry interview whose insights are
published), and one report awaiting moderation.

Like the rest of the demo, everything is created only when missing. No e-mail is sent: the
demo's feedback is marked sent, its recipients being invented.
"""

import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from portal.demo.loader import ensure_child, ensure_demo_login, ensure_translation
from portal.models import MemberOrganization, OrganizationCategory

from ..models import (
    STANDARD_QUESTIONS,
    AppreciativeInquiry,
    ExcellenceIndexPage,
    ExcellenceReport,
    ExcellenceStoryPage,
)
from . import content

# The toolkits' topics, by model label: excellence never imports toolkits.
THEME_MODEL = "toolkits.Topic"


def load(site, log=print):
    with transaction.atomic():
        themes = ensure_themes()
        hospitals = ensure_hospitals()
        reporter = ensure_reporter(hospitals)
        index = ensure_index(site.root_page.specific)
        created = sum(
            ensure_story(index, spec, themes, hospitals, reporter) for spec in content.STORIES
        )
        ensure_pending(themes, hospitals, reporter)
    log(
        f"Learning from excellence ready: {ExcellenceStoryPage.objects.live().count()} stories "
        f"in {index.url_path} ({created} new); "
        f"{ExcellenceReport.objects.filter(status=ExcellenceReport.Status.PENDING).count()} "
        "report(s) awaiting moderation."
    )
    return index


def ensure_themes():
    """{slug: Topic} of every topic (the demo's own added when missing)."""
    topic = apps.get_model(THEME_MODEL)
    existing = {term.slug: term for term in topic.objects.all()}
    names = {term.name for term in existing.values()}
    last = max((term.sort_order for term in existing.values()), default=0)
    for offset, (slug, name) in enumerate(content.THEMES, start=1):
        if slug not in existing and name not in names:
            existing[slug] = topic.objects.create(slug=slug, name=name, sort_order=last + offset)
    return existing


def ensure_hospitals():
    slug, name, description = content.HOSPITALS_CATEGORY
    category = OrganizationCategory.objects.filter(slug=slug).first()
    if category is None:
        category = OrganizationCategory.objects.create(
            slug=slug, name=name, description=description, sort_order=99
        )
    hospitals = {}
    for key, (name, city) in content.HOSPITALS.items():
        hospital = MemberOrganization.objects.filter(name=name).first()
        if hospital is None:
            hospital = MemberOrganization.objects.create(
                name=name, slug=slugify(name), category=category, city=city
            )
        hospitals[key] = hospital
    return hospitals


def ensure_reporter(hospitals):
    email, first, last, hospital, job_title = content.REPORTER
    user = ensure_demo_login(email, first, last)
    profile = user.profile
    if profile.organization_id is None:
        profile.organization = hospitals[hospital]
        profile.job_title = profile.job_title or job_title
        profile.save()
    return user


def ensure_index(home):
    existing = ExcellenceIndexPage.objects.child_of(home).first()
    if existing is None:
        existing = ensure_child(
            home,
            ExcellenceIndexPage,
            content.INDEX["slug"],
            lambda: {
                "title": content.INDEX["title"],
                "introduction": content.INDEX["introduction"],
                "show_in_menus": False,  # in the footer's list: the main menu is full
            },
        )
    for language, fields in content.INDEX["translations"].items():
        if home.get_translation_or_none(Locale.objects.get(language_code=language)) is not None:
            ensure_translation(existing, language, fields)
    return existing


def _report(spec, themes, hospitals, reporter, **fields):
    report = ExcellenceReport.objects.create(
        reporter=reporter,
        reporter_organization=reporter.profile.organization,
        recognized_kind=spec["kind"],
        recognized_name=spec["recognized_name"],
        recognized_email=spec["recognized_email"],
        organization=hospitals[spec["hospital"]],
        unit=spec["unit"],
        what_they_did=spec["what"],
        why_it_mattered=spec["why"],
        **fields,
    )
    report.themes.set([themes[slug] for slug in spec["themes"] if slug in themes])
    return report


def ensure_story(index, spec, themes, hospitals, reporter):
    """One published story and its report; True when made now."""
    if index.get_children().filter(slug=spec["slug"]).exists():
        return False
    now = timezone.now()
    report = _report(
        spec,
        themes,
        hospitals,
        reporter,
        reporter_may_be_named=spec["named"],
        may_be_shared=True,
        recognized_may_be_named=spec["named"],
        status=ExcellenceReport.Status.APPROVED,
        moderated_at=now,
        feedback_sent_at=now,  # invented recipients: the demo sends nothing
        feedback_attempts=1,
    )
    insights = ""
    interview = spec.get("interview")
    if interview:
        inquiry = AppreciativeInquiry.objects.create(
            report=report,
            interviewee=interview["interviewee"],
            interviewed_on=datetime.date(2026, 9, 14),
            conversation=[
                ("question", {"question": str(question), "answer": answer})
                for question, answer in zip(STANDARD_QUESTIONS, interview["answers"], strict=True)
            ],
            insights=interview["insights"],
            publish_insights=True,
        )
        insights = f"<p>{inquiry.insights}</p>"
    story = ExcellenceStoryPage(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        recognized=spec["recognized"],
        what_they_did=f"<p>{spec['what']}</p>",
        why_it_mattered=f"<p>{spec['why']}</p>",
        insights=insights,
        source_report=report,
    )
    story.themes.set([themes[slug] for slug in spec["themes"] if slug in themes])
    index.add_child(instance=story)
    story.save_revision().publish()
    report.story = story
    report.save(update_fields=["story"])
    return True


def ensure_pending(themes, hospitals, reporter):
    spec = content.PENDING
    if ExcellenceReport.objects.filter(recognized_email=spec["recognized_email"]).exists():
        return
    _report(spec, themes, hospitals, reporter, reporter_may_be_named=True, may_be_shared=True)
