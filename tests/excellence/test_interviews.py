"""Appreciative-inquiry interviews: no patient information in any answer, and only the insights
the interviewee agreed to publish go into the story drafted from the report."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from excellence.models import AppreciativeInquiry, ExcellenceReport
from excellence.moderation import draft_story

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def interview(report, answer="We huddled first.", **fields):
    values = {
        "report": report,
        "interviewee": "The night charge nurse",
        "interviewed_on": datetime.date(2026, 9, 14),
        "conversation": [("question", {"question": "What helped?", "answer": answer})],
        "insights": "A huddle before the patient arrives.",
    }
    values.update(fields)
    return AppreciativeInquiry(**values)


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"answer": "The patient, MRN 4482913, was in bed 4."}, "conversation"),
        ({"insights": "Ring the family on 508-555-0199."}, "insights"),
        ({"interviewee": "Nurse born on 2/2/1980"}, "interviewee"),
    ],
)
def test_an_interview_with_a_patient_identifier_is_refused(make_report, changes, field):
    report = make_report(status=ExcellenceReport.Status.APPROVED)
    with pytest.raises(ValidationError) as raised:
        interview(report, **changes).full_clean()
    assert field in raised.value.message_dict


def test_only_insights_agreed_for_publication_go_into_the_story(make_report, stories_index):
    report = make_report(status=ExcellenceReport.Status.APPROVED)
    interview(report, insights="Shared: read each step aloud.", publish_insights=True).save()
    interview(report, insights="Kept: the unit was short-staffed.").save()
    story = draft_story(report, stories_index)
    assert "read each step aloud" in story.insights
    assert "short-staffed" not in story.insights
    assert "We huddled first" not in story.insights + story.what_they_did
