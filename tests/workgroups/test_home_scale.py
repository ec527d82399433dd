"""A group's home with 1,000 posts, 200 meetings and 500 files takes the same number of
queries as an empty one, and its activity stream is paginated."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from workgroups.models import Activity, Meeting, Post, SharedFile, Thread

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]


def fill(work_group, author, *, posts, meetings, files):
    thread = Thread.objects.create(work_group=work_group, title="Busy thread", author=author)
    Post.objects.bulk_create(
        Post(thread=thread, author=author, body=f"Post {n}") for n in range(posts)
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            work_group=work_group,
            title=f"Meeting {n}",
            starts_at=now + datetime.timedelta(days=n - meetings // 2),
            ends_at=now + datetime.timedelta(days=n - meetings // 2, hours=1),
        )
        for n in range(meetings)
    )
    SharedFile.objects.bulk_create(
        SharedFile(work_group=work_group, title=f"File {n}", created_by=author)
        for n in range(files)
    )
    Activity.objects.bulk_create(
        Activity(
            work_group=work_group,
            kind=Activity.Kind.POST,
            actor=author,
            summary=f"Someone posted {n}",
            url=f"discussions/{thread.pk}/",
        )
        for n in range(posts + meetings + files)
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_home_queries_do_not_grow_and_the_stream_is_paginated(clients, people, work_group):
    client = clients["member"]
    url = work_group.space.url
    client.get(url)  # warm per-process caches (site, settings)
    fill(work_group, people["chair"], posts=2, meetings=2, files=2)
    few, _response = queries(client, url)

    fill(work_group, people["chair"], posts=1000, meetings=200, files=500)
    many, response = queries(client, url)
    assert many == few
    html = response.content.decode()
    assert html.count('class="portal-activity__item') == 25
    assert "Page 1 of" in html

    last_page, response = queries(client, url + "?page=999")
    assert last_page == few
    assert response.status_code == 200
