"""Reporting good practice: who may open the form, what it saves, and the bad input it refuses
without saving anything."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from excellence.models import ExcellenceReport

from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

URL = "/excellence-reports/new/"


def form_data(where, themes=(), **changes):
    data = {
        "recognized_kind": "team",
        "recognized_name": "4 West night nursing team",
        "recognized_email": "four.west@example.org",
        "organization": where.pk,
        "unit": "4 West",
        "what_they_did": "Re-screened every patient with a new fever and escalated within 1 hour.",
        "why_it_mattered": "2 of 3 patients got antibiotics before the doctor's round.",
        "themes": [theme.pk for theme in themes],
        "reporter_may_be_named": "",
        "may_be_shared": "on",
        "no_patient_information": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_anonymous_visitors_are_sent_to_log_in(client, organization):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(URL, form_data(organization)).status_code == 302
    assert not ExcellenceReport.objects.exists()


def test_a_logged_in_non_member_is_refused_and_told_why(non_member, organization):
    client = client_for(non_member)
    response = client.get(URL)
    assert response.status_code == 403
    assert "member organizations" in response.content.decode()
    assert client.post(URL, form_data(organization)).status_code == 403
    assert client.get(reverse("excellence:thanks")).status_code == 403
    assert not ExcellenceReport.objects.exists()


def test_a_superuser_without_a_member_organization_is_refused_too(organization):
    from tests.factories import UserFactory

    client = client_for(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(URL).status_code == 403


def test_the_form_says_no_patient_information(member):
    page = client_for(member).get(URL).content.decode()
    assert "No patient information." in page
    assert "date of birth" in page


def test_member_staff_report_with_their_consent_choices(member, organization, themes):
    client = client_for(member)
    response = client.post(URL, form_data(organization, [themes["time-zero"]]))
    assert response.status_code == 302
    assert response["Location"] == reverse("excellence:thanks")
    report = ExcellenceReport.objects.get()
    assert report.reporter == member
    assert report.reporter_organization == organization
    assert report.recognized_kind == "team"
    assert report.status == ExcellenceReport.Status.PENDING
    assert list(report.themes.all()) == [themes["time-zero"]]
    assert report.reporter_may_be_named is False
    assert report.may_be_shared is True
    assert report.recognized_may_be_named is False
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "field,text,kind",
    [
        ("what_they_did", "Spotted it early; DOB 04/02/2018 on the wristband.", "date of birth"),
        ("why_it_mattered", "Patient MRN 00482913 left on day 3.", "medical record number"),
        ("recognized_name", "Dr Lee, pager 617-555-0134", "phone number"),
        ("unit", "Bed 4, admitted March 3, 2026", "full date"),
    ],
)
def test_text_that_looks_like_a_patient_identifier_is_refused(
    member, organization, field, text, kind
):
    response = client_for(member).post(URL, form_data(organization, **{field: text}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert kind in errors[field][0]
    page = response.content.decode()
    assert "Check these answers: nothing was saved" in page
    label = str(ExcellenceReport._meta.get_field(field).verbose_name)
    assert f'href="#id_{field}">{escape(label[0].upper() + label[1:])}:' in page
    assert not ExcellenceReport.objects.exists()


def test_clinical_numbers_are_accepted(member, organization):
    text = "Lactate 4.2 at 10:42, 30 mL/kg by 3 hours, antibiotics within 1 hour, MAP 65."
    response = client_for(member).post(URL, form_data(organization, what_they_did=text))
    assert response.status_code == 302
    assert ExcellenceReport.objects.get().what_they_did == text


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"no_patient_information": ""}, "no_patient_information"),
        ({"recognized_email": "not-an-address"}, "recognized_email"),
        ({"what_they_did": ""}, "what_they_did"),
        ({"organization": "999999"}, "organization"),
        ({"recognized_kind": "robot"}, "recognized_kind"),
    ],
)
def test_missing_or_wrong_answers_save_nothing(member, organization, changes, field):
    response = client_for(member).post(URL, form_data(organization, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ExcellenceReport.objects.exists()


def test_an_inactive_organization_cannot_be_named(member, organization):
    from tests.factories import MemberOrganizationFactory

    closed = MemberOrganizationFactory(is_active=False)
    response = client_for(member).post(URL, form_data(closed))
    assert "organization" in response.context["form"].errors
    assert not ExcellenceReport.objects.exists()
