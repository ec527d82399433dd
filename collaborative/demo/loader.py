"""The demonstration collaborative: ten fictional hospitals (member organizations in the
directory's "Hospitals" category), two measure sets, and 24 months of simulated data ending with
the last complete month before the day it is loaded, with the people who report them, tests of
change, a site's change of time zero and a coach's comments.

Like the rest of the demo, everything is created only when missing (the category and hospitals
by slug or name, people by e-mail address, the age bands by name, measure sets by name, measures
by code, sites by code or hospital), so a second run creates nothing and never overwrites what
someone has changed. A site's months, tests of change and comments are written only with the
site: a site that exists is left as it is, and a database loaded long ago keeps its months
(rebuild it to bring the demo up to date). Values are written in bulk.
"""

import datetime
import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal.demo.loader import DEMO_REVIEW_DATE, ensure_child, ensure_demo_login, ensure_demo_user
from portal.models import MemberOrganization, OrganizationCategory

from .. import checks, periods, pooling
from ..models import (
    CoachComment,
    CollaborativePage,
    CollaborativeSite,
    Measure,
    MeasureDefinition,
    MeasureSet,
    MeasureValue,
    PDSACycle,
    SiteDefinitionChange,
    SitePerson,
    Stratification,
    Stratum,
    Submission,
)
from . import content, simulation

# What the demo coach may do: coach every site, and define sites and measures in the admin's
# Collaborative menu. The collaborative's part of what Moderators hold (migration 0002), without
# the rest of Moderators' rights (every page, every work group's private space).
COACH_PERMISSIONS = {
    "collaborative": ["coach_sites"]
    + [
        f"{action}_{model}"
        for model in ("collaborativesite", "measureset", "measure", "stratification")
        for action in ("add", "change", "view")
    ],
    "wagtailadmin": ["access_admin"],
}
MEASURE_SETS = {"process": content.PROCESS_SET, "outcome": content.OUTCOME_SET}


def load(site, log=print):
    today = timezone.localdate()
    months = demo_months(today)
    with transaction.atomic():
        hospitals = ensure_hospitals()
        people = ensure_people(hospitals)
        # A site or measure is saved again with each of its people or definitions: index its
        # references (to its hospital, coach, people and strata) once, at the end.
        with disable_reference_index_auto_update():
            measures, strata, new_measures = ensure_measures(months)
            created = ensure_sites(hospitals, people, measures, strata, months)
        for instance in [*new_measures, *created]:
            ReferenceIndex.create_or_update_for_object(instance)
        # The months were made in bulk: pool them once, at the end.
        pooling.refresh()
        ensure_child(
            site.root_page.specific,
            CollaborativePage,
            content.RESULTS_PAGE["slug"],
            results_page_fields,
        )
    log(
        f"Collaborative ready: {CollaborativeSite.objects.count()} sites ({len(created)} new, "
        f"simulated {months[0]:%B %Y} to {months[-1]:%B %Y}); demo accounts share the password "
        f"in the README."
    )
    return created


def results_page_fields():
    page = content.RESULTS_PAGE
    return {
        "title": page["title"],
        "introduction": page["introduction"],
        "last_reviewed": DEMO_REVIEW_DATE,
    }


def demo_months(today):
    """The demo's 24 periods, ending with the last month that has ended."""
    last = periods.previous_month(periods.month_of(today))
    months = [last]
    while len(months) < content.MONTHS:
        months.insert(0, periods.previous_month(months[0]))
    return months


# --- Hospitals and people ------------------------------------------------------------------


def ensure_hospitals():
    """{site code: member organization}, in the "Hospitals" category of the directory."""
    spec = content.CATEGORY
    category = OrganizationCategory.objects.filter(
        Q(slug=spec["slug"]) | Q(name=spec["name"])
    ).first()
    if category is None:
        last = OrganizationCategory.objects.aggregate(last=Max("sort_order"))["last"]
        category = OrganizationCategory.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            sort_order=0 if last is None else last + 1,
        )
    hospitals = {}
    for site in content.SITES:
        slug = slugify(site["name"])
        hospital = MemberOrganization.objects.filter(Q(slug=slug) | Q(name=site["name"])).first()
        if hospital is None:
            hospital = MemberOrganization.objects.create(
                name=site["name"],
                slug=slug,
                category=category,
                city=site["city"],
                description=site["description"],
            )
        hospitals[site["code"]] = hospital
    return hospitals


def ensure_people(hospitals):
    """{"coach": …, "team": …, site code: its data manager}. The coach, the demo site's data
    manager and its team member log in; the other sites' data managers are names only."""
    email, first, last, job_title = content.COACH
    new_coach = not get_user_model().objects.filter(username=email).exists()
    coach = ensure_demo_login(email, first, last)
    if new_coach:
        # Granted once: a permission staff later take away stays away.
        coach.user_permissions.add(*coach_permissions())
        coach.profile.job_title = job_title
        coach.profile.save()
    people = {"coach": coach}
    for site in content.SITES:
        code = site["code"]
        if code == content.DEMO_SITE:
            user = ensure_demo_login(*site["data_manager"])
        else:
            user = ensure_demo_user(*site["data_manager"])
        works_at(user, hospitals[code], content.DATA_MANAGER[3])
        people[code] = user
    email, first, last, job_title = content.TEAM_MEMBER
    people["team"] = ensure_demo_login(email, first, last)
    works_at(people["team"], hospitals[content.DEMO_SITE], job_title)
    return people


def coach_permissions():
    query = Q(pk__in=[])
    for app_label, codenames in COACH_PERMISSIONS.items():
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return Permission.objects.filter(query)


def works_at(user, hospital, job_title):
    """Their hospital confirmed on their profile, unless they already have an organization."""
    profile = user.profile
    if profile.organization_id is None:
        profile.organization = hospital
        profile.job_title = profile.job_title or job_title
        profile.save()


# --- Measures -------------------------------------------------------------------------------


def ensure_measures(months):
    """({code: measure}, {code: age band stratum}, [new measure])."""
    age_bands = ensure_age_bands()
    strata = {stratum.code: stratum for stratum in age_bands.strata.all()}
    measures, new = {}, []
    for order, spec in enumerate(content.MEASURES):
        measure = Measure.objects.filter(code=spec["code"]).first()
        if measure is None:
            measure = create_measure(spec, order, age_bands, months)
            new.append(measure)
        measures[spec["code"]] = measure
    return measures, strata, new


def ensure_age_bands():
    spec = content.AGE_BANDS
    age_bands = Stratification.objects.filter(name=spec["name"]).first()
    if age_bands is None:
        age_bands = Stratification.objects.create(name=spec["name"])
        Stratum.objects.bulk_create(
            Stratum(stratification=age_bands, code=code, label=label, sort_order=order)
            for order, (code, label) in enumerate(spec["strata"])
        )
    return age_bands


def ensure_measure_set(key):
    """The set by its name, or the one an editor renamed (it holds the demo's measures)."""
    spec = MEASURE_SETS[key]
    codes = [m["code"] for m in content.MEASURES if m["set"] == key]
    found = (
        MeasureSet.objects.filter(name=spec["name"]).first()
        or MeasureSet.objects.filter(measures__code__in=codes).first()
    )
    return found or MeasureSet.objects.create(**spec)


def create_measure(spec, order, age_bands, months):
    categories = "\n".join(f"{code}: {label}" for code, label in content.TIME_ZERO_METHODS)
    measure = Measure.objects.create(
        measure_set=ensure_measure_set(spec["set"]),
        code=spec["code"],
        name=spec["name"],
        category=spec["category"],
        kind=spec["kind"],
        direction=spec["direction"],
        numerator_label=spec.get("numerator_label", ""),
        denominator_label=spec.get("denominator_label", ""),
        count_label=spec.get("count_label", ""),
        categories=categories if spec["kind"] == Measure.Kind.CATEGORICAL else "",
        target=spec["target"],
        publish_aggregate=spec["publish_aggregate"],
        sort_order=order,
    )
    if spec.get("stratified"):
        measure.stratifications.add(age_bands)
    MeasureDefinition.objects.create(
        measure=measure,
        effective_from=months[0],
        operational_definition=spec["definition"],
        collection_guidance=spec["guidance"],
        sort_order=0,
    )
    change = content.DEFINITION_CHANGE
    if spec["code"] == change["measure"]:
        MeasureDefinition.objects.create(
            measure=measure,
            effective_from=months[change["month"]],
            operational_definition=change["definition"],
            collection_guidance=change["guidance"],
            change_note=change["change_note"],
            sort_order=1,
        )
    return measure


# --- Sites and their months -----------------------------------------------------------------


def ensure_sites(hospitals, people, measures, strata, months):
    """The sites that were missing, made with their people, months, tests of change, definition
    change and comments; [new site]."""
    created = []
    simulated = None
    for spec in content.SITES:
        code, hospital = spec["code"], hospitals[spec["code"]]
        if CollaborativeSite.objects.filter(Q(code=code) | Q(organization=hospital)).exists():
            continue
        if simulated is None:
            simulated = simulation.simulate()  # a few hundredths of a second, for all sites
        site = CollaborativeSite.objects.create(
            organization=hospital,
            code=code,
            joined_on=months[spec["joins"]],
            simulated=True,
            coach=people["coach"],
        )
        manager = people[code]
        SitePerson.objects.create(site=site, user=manager, role=SitePerson.Role.DATA_MANAGER)
        if code == content.DEMO_SITE:
            SitePerson.objects.create(site=site, user=people["team"], role=SitePerson.Role.TEAM)
        write_months(site, simulated[code], measures, strata, months, manager)
        add_tests_of_change(site, spec, measures, months, people)
        change = content.TIME_ZERO_CHANGE
        if code == change["site"]:
            SiteDefinitionChange.objects.create(
                site=site, effective_from=months[change["month"]], description=change["description"]
            )
        add_coach_comments(site, people["coach"], months)
        created.append(site)
    return created


def consortium_moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def write_months(site, site_months, measures, strata, months, manager):
    """The site's submissions and their values, in bulk. Each month was submitted some days into
    the next (never later than now); a value far outside the site's own history is marked as
    its data manager would have confirmed it (collaborative.checks)."""
    rng = random.Random(f"{content.SEED}:{site.code}:submitted")  # noqa: S311 (not a secret)
    now = timezone.now()
    submissions, draft_saved = [], None
    for month in site_months:
        after = periods.next_month(months[month.index])
        moment = min(
            consortium_moment(
                after + datetime.timedelta(days=rng.randint(2, 17)), rng.randint(8, 17)
            ),
            now,
        )
        submitted = month.status == simulation.SUBMITTED
        submissions.append(
            Submission(
                site=site,
                period=months[month.index],
                status=Submission.Status.SUBMITTED if submitted else Submission.Status.DRAFT,
                updated_by=manager,
                submitted_at=moment if submitted else None,
                submitted_by=manager if submitted else None,
            )
        )
        if not submitted:
            draft_saved = moment
    Submission.objects.bulk_create(submissions)
    ids = dict(Submission.objects.filter(site=site).values_list("period", "pk"))

    history = defaultdict(list)
    values = []
    for month in site_months:
        for figure in month.figures:
            stratum = strata.get(figure.stratum) if figure.stratum else None
            if figure.stratum and stratum is None:
                continue  # an editor removed that age band
            measure = measures[figure.measure]
            values.append(
                MeasureValue(
                    submission_id=ids[months[month.index]],
                    measure=measure,
                    stratum=stratum,
                    category=figure.category,
                    numerator=figure.numerator,
                    denominator=figure.denominator,
                    count=figure.count,
                    text=figure.text,
                    confirmed_unusual=is_unusual(history, measure.kind, figure),
                )
            )
    MeasureValue.objects.bulk_create(values, batch_size=500)

    # Saved when submitted, as if entered then (bulk_create stamps them with now).
    saved = Submission.objects.filter(site=site)
    saved.filter(submitted_at__isnull=False).update(
        created_at=F("submitted_at"), updated_at=F("submitted_at")
    )
    if draft_saved is not None:
        saved.filter(status=Submission.Status.DRAFT).update(
            created_at=draft_saved, updated_at=draft_saved
        )


def is_unusual(history, kind, figure):
    """Whether collaborative.checks flags the figure against the site's earlier ones."""
    key = (figure.measure, figure.stratum, figure.category)
    if kind == Measure.Kind.RATIO:
        value, proportion = checks.proportion(figure.numerator, figure.denominator), True
    elif kind in (Measure.Kind.COUNT, Measure.Kind.CATEGORICAL):
        value, proportion = figure.count, False
    else:
        return False
    unusual = checks.is_unusual(value, history[key], is_proportion=proportion)
    history[key].append(value)
    return unusual


def add_tests_of_change(site, spec, measures, months, people):
    """The site's PDSA cycles, from the month the simulation lets them take hold; at the demo
    site its team member records one of them."""
    today = timezone.localdate()
    for number, (key, started, length) in enumerate(spec["pdsa"]):
        idea = content.PDSA_IDEAS[key]
        tested = max(4, round(spec["size"] * (length + 1) * 0.4))
        numbers = {"tested": tested, "success": round(tested * idea["success"])}
        started_on = months[started] + datetime.timedelta(days=3 + 6 * number)
        ended_on = started_on + datetime.timedelta(days=30 * length)
        author = people[spec["code"]]
        if spec["code"] == content.DEMO_SITE and number == 1:
            author = people["team"]
        cycle = PDSACycle.objects.create(
            site=site,
            title=idea["title"],
            plan=idea["plan"],
            do=idea["do"].format(**numbers),
            study=idea["study"].format(**numbers),
            act=idea["act"],
            started_on=started_on,
            ended_on=ended_on if ended_on < today else None,
            created_by=author,
        )
        cycle.measures.set([measures[code] for code in idea["measures"]])


def add_coach_comments(site, coach, months):
    now = timezone.now()
    for code, month, text in content.COACH_COMMENTS:
        if code != site.code:
            continue
        submission = Submission.objects.filter(site=site, period=months[month]).first()
        if submission is None or submission.submitted_at is None:
            continue
        comment = CoachComment.objects.create(submission=submission, author=coach, text=text)
        written = min(submission.submitted_at + datetime.timedelta(days=2, hours=3), now)
        CoachComment.objects.filter(pk=comment.pk).update(created_at=written)
