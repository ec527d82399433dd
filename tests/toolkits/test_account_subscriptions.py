"""The account's subscriptions page, for toolkits' update e-mails: every subscription is
listed with how it began, and one click stops or restarts it; bad input changes nothing."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from toolkits.models import ToolkitSubscription

from .helpers import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

PAGE = "/accounts/subscriptions/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client.post(PAGE, {"provider": "toolkits", "key": "1", "value": "off"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_lists_subscriptions_and_stops_and_restarts_them_in_one_click(
    client, toolkit, organization
):
    assert reverse("account_subscriptions") == PAGE
    member = make_member(organization)
    client.force_login(member)
    html = client.get(PAGE).content.decode()
    assert "You are not e-mailed about any toolkit." in html

    client.post(toolkit.url + "updates/", {"action": "subscribe"})
    html = client.get(PAGE).content.decode()
    assert toolkit.title in html and "E-mailed when a new version is published" in html
    assert "before the portal asked" not in html

    response = client.post(PAGE, {"provider": "toolkits", "key": str(toolkit.pk), "value": "off"})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not ToolkitSubscription.objects.get(user=member).active
    html = client.get(PAGE).content.decode()
    assert "You will no longer be e-mailed about Time zero" in html
    assert "Not e-mailed: you stopped these e-mails" in html

    client.post(PAGE, {"provider": "toolkits", "key": str(toolkit.pk), "value": "on"})
    assert ToolkitSubscription.objects.get(user=member).active


def test_a_subscription_begun_by_a_download_is_kept_and_said_so(client, toolkit, organization):
    member = make_member(organization)
    ToolkitSubscription.objects.create(
        user=member, toolkit=toolkit, source=ToolkitSubscription.Source.DOWNLOAD
    )
    client.force_login(member)
    html = client.get(PAGE).content.decode()
    assert "This began with your download on" in html and "before the portal asked" in html
    html = client.get(toolkit.url).content.decode()
    assert "A download signed you up for these e-mails before the portal asked." in html
    # Choosing on the toolkit page makes it the person's own choice.
    client.post(toolkit.url + "updates/", {"action": "subscribe"})
    subscription = ToolkitSubscription.objects.get(user=member)
    assert subscription.source == ToolkitSubscription.Source.CHOICE


def test_someone_elses_subscription_or_a_bad_value_changes_nothing(client, toolkit, organization):
    owner = make_member(organization)
    ToolkitSubscription.objects.create(user=owner, toolkit=toolkit)
    client.force_login(UserFactory())
    for data in (
        {"provider": "toolkits", "key": str(toolkit.pk), "value": "off"},  # not theirs
        {"provider": "toolkits", "key": "x", "value": "off"},
        {"provider": "nothing", "key": str(toolkit.pk), "value": "off"},
        {},
    ):
        response = client.post(PAGE, data)
        assert response.status_code == 400
        assert "That change is not one you can make here." in response.content.decode()
    client.force_login(owner)
    bad_value = {"provider": "toolkits", "key": str(toolkit.pk), "value": "maybe"}
    assert client.post(PAGE, bad_value).status_code == 400
    assert ToolkitSubscription.objects.get(user=owner).active


def test_the_form_needs_its_csrf_token(toolkit, organization):
    from django.test import Client

    member = make_member(organization)
    ToolkitSubscription.objects.create(user=member, toolkit=toolkit)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(PAGE, {"provider": "toolkits", "key": str(toolkit.pk), "value": "off"})
    assert response.status_code == 403
    assert ToolkitSubscription.objects.get(user=member).active
