"""Consortium staff promote an approved draft into a toolkit, new or as a new version: the
approved content is copied into an unpublished toolkit revision, the promotion links back to the
work group and the draft's revision, and nobody else may do it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail import blocks
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.toolkits.helpers import PUBLIC_PDF, document, edit_form_data
from tests.workgroups.test_drafts import approve, make_draft
from toolkits import promotion
from toolkits.models import (
    Audience,
    CareSetting,
    Population,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitVersion,
    Topic,
)
from workgroups import drafts
from workgroups.models import Activity, DraftToolPage, Promotion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_work_groups", "no_admin_mfa")]


@pytest.fixture
def catalog(home_page):
    return ToolkitIndexPage.objects.child_of(home_page).get()  # the demo's


@pytest.fixture
def toolkit(catalog):
    page = ToolkitPage(
        title="Time zero",
        slug="time-zero",
        summary="Recording time zero.",
        recommendation="<p>Screen at triage.</p>",
        rationale="<p>Minutes matter.</p>",
        body=[("paragraph", "<p>The first version.</p>")],
        version="1.4",
        release_date=datetime.date(2025, 3, 2),
    )
    catalog.add_child(instance=page)
    page.save_revision().publish()
    return ToolkitPage.objects.get(pk=page.pk)


@pytest.fixture
def approved_draft(work_group, people):
    page = make_draft(work_group, people["member"], "Handoff card", submit=True)
    page = approve(approve(page, people["chair"]), people["staff"])
    assert page.live
    return page


def promote_url(page):
    return reverse("workgroups_promote_draft", args=[page.pk])


def test_staff_make_a_new_toolkit_from_an_approved_draft(
    work_group, people, clients, catalog, approved_draft
):
    client = clients["staff"]
    before = set(ToolkitPage.objects.values_list("pk", flat=True))
    assert client.get(promote_url(approved_draft)).status_code == 200
    response = client.post(promote_url(approved_draft), {"target": "new"})

    toolkit = ToolkitPage.objects.child_of(catalog).exclude(pk__in=before).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[toolkit.pk])
    assert not toolkit.live
    latest = toolkit.get_latest_revision_as_object()
    assert latest.title == "Handoff card"
    assert latest.summary == "What Handoff card is for."
    assert latest.version == "1.0"
    assert [(b.block_type, b.value.source) for b in latest.body] == [
        ("paragraph", "<p>Handoff card</p>")
    ]

    promotion = Promotion.objects.get()
    assert promotion.draft_id == approved_draft.pk
    assert promotion.work_group == work_group
    assert promotion.toolkit_id == toolkit.pk
    assert promotion.draft_revision_id == approved_draft.live_revision_id
    assert not promotion.as_new_version
    assert promotion.promoted_by == people["staff"]

    assert PageLogEntry.objects.filter(page=approved_draft, action=drafts.DRAFT_PROMOTED).exists()
    assert PageLogEntry.objects.filter(page=toolkit, action=drafts.TOOLKIT_FROM_DRAFT).exists()
    assert Activity.objects.filter(
        work_group=work_group, summary__contains="made “Handoff card” into a toolkit"
    ).exists()
    # Staff finish the toolkit in Wagtail's editor, which shows where it came from.
    assert client.get(response["Location"]).status_code == 200
    history = client.get(reverse("wagtailadmin_pages:history", args=[toolkit.pk]))
    assert "Triage Screening Test Group" in history.content.decode()


def test_a_new_version_is_an_unpublished_revision_of_the_toolkit(
    work_group, people, clients, toolkit, approved_draft
):
    response = clients["superuser"].post(
        promote_url(approved_draft), {"target": "version", "toolkit": toolkit.pk}
    )
    assert response.status_code == 302
    toolkit = ToolkitPage.objects.get(pk=toolkit.pk)
    # What the public sees has not changed.
    assert toolkit.live
    assert toolkit.version == "1.4"
    assert [b.value.source for b in toolkit.body] == ["<p>The first version.</p>"]
    assert list(ToolkitVersion.objects.filter(page=toolkit).values_list("version", flat=True)) == [
        "1.4"
    ]
    # The draft revision has the group's content and the next version number.
    latest = toolkit.get_latest_revision_as_object()
    assert toolkit.has_unpublished_changes
    assert latest.title == "Time zero"
    assert latest.version == "2.0"
    assert latest.summary == "What Handoff card is for."
    assert [b.value.source for b in latest.body] == ["<p>Handoff card</p>"]
    assert "Triage Screening Test Group" in latest.change_log
    assert Promotion.objects.get().as_new_version


def test_the_published_toolkit_credits_the_work_group(
    work_group, other_group, people, clients, toolkit, approved_draft, group_index
):
    credit = f"Developed by the {work_group.name} work group"
    assert credit not in clients["anonymous"].get(toolkit.url).content.decode()
    clients["staff"].post(promote_url(approved_draft), {"target": "version", "toolkit": toolkit.pk})
    toolkit = ToolkitPage.objects.get(pk=toolkit.pk)
    revision = toolkit.get_latest_revision()
    revision.publish()

    html = clients["anonymous"].get(toolkit.url).content.decode()
    # A link to the group's entry in the public list, never to its private space.
    assert (
        f'<a class="usa-link" href="{group_index.url}#group-{work_group.slug}">{credit}</a>' in html
    )
    assert work_group.space.url not in html
    assert other_group.name not in html
    # The list has that entry.
    list_html = clients["anonymous"].get(group_index.url).content.decode()
    assert f'id="group-{work_group.slug}"' in list_html


def test_the_approved_content_is_promoted_not_later_edits(
    work_group, people, clients, catalog, approved_draft
):
    later = DraftToolPage.objects.get(pk=approved_draft.pk)
    later.body = [("paragraph", "<p>Not approved yet.</p>")]
    later.save_revision(user=people["member"])
    result = drafts.promote(later, user=people["staff"])
    latest = result.toolkit.get_latest_revision_as_object()
    assert [b.value.source for b in latest.body] == ["<p>Handoff card</p>"]
    assert result.promotion.draft_revision_id == approved_draft.live_revision_id


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("observer", 403),
        ("member", 403),
        ("chair", 403),
        ("other_member", 403),
        ("outsider", 403),
        ("staff", 200),
        ("superuser", 200),
    ],
)
def test_only_staff_may_promote(role, status, clients, catalog, approved_draft):
    client = clients[role]
    toolkits = ToolkitPage.objects.count()
    assert client.get(promote_url(approved_draft)).status_code == status
    if status == 403:
        assert client.post(promote_url(approved_draft), {"target": "new"}).status_code == 403
        assert ToolkitPage.objects.count() == toolkits
        assert not Promotion.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(clients, approved_draft):
    response = clients["anonymous"].get(promote_url(approved_draft))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_service_refuses_non_staff(people, catalog, approved_draft):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        drafts.promote(approved_draft, user=people["chair"])


def test_a_draft_not_yet_approved_cannot_be_promoted(work_group, people, clients, catalog):
    page = make_draft(work_group, people["member"], "Still in review", submit=True)
    toolkits = ToolkitPage.objects.count()
    client = clients["staff"]
    response = client.get(promote_url(page))
    assert response.status_code == 400
    assert "has not been approved yet" in response.content.decode()
    response = client.post(promote_url(page), {"target": "new"})
    assert response.status_code == 400
    assert "has not been approved yet" in response.content.decode()
    assert ToolkitPage.objects.count() == toolkits
    assert not Promotion.objects.exists()
    with pytest.raises(drafts.PromotionError):
        drafts.promote(page, user=people["staff"])


def test_other_pages_are_not_found(clients, catalog, toolkit):
    assert clients["staff"].get(promote_url(toolkit)).status_code == 404


def test_a_new_version_needs_a_toolkit(clients, catalog, approved_draft):
    response = clients["staff"].post(promote_url(approved_draft), {"target": "version"})
    assert response.status_code == 200
    assert response.context["form"].errors["toolkit"]
    assert not Promotion.objects.exists()


def test_links_to_the_groups_private_files_are_pointed_out(work_group, people, clients, catalog):
    private_file = document("Our notes", PUBLIC_PDF, "notes.pdf", work_group.collection)
    page = DraftToolPage(
        title="Linked draft",
        slug="linked-draft",
        body=[
            (
                "paragraph",
                f'<p>See <a linktype="document" id="{private_file.pk}">our notes</a>.</p>',
            )
        ],
        live=False,
    )
    work_group.space.add_child(instance=page)
    page.save_revision(user=people["member"])
    work_group.space.get_workflow().start(page, people["member"])
    page = approve(approve(page, people["chair"]), people["staff"])

    response = clients["staff"].post(promote_url(page), {"target": "new"})
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Our notes" in m and "private collection" in m for m in messages)


def test_the_editor_offers_promotion_to_staff_on_approved_drafts(
    work_group, people, clients, approved_draft
):
    edit = reverse("wagtailadmin_pages:edit", args=[approved_draft.pk])
    assert promote_url(approved_draft) in clients["staff"].get(edit).content.decode()
    assert promote_url(approved_draft) not in clients["member"].get(edit).content.decode()
    explore = reverse("wagtailadmin_explore", args=[work_group.space.pk])
    assert promote_url(approved_draft) in clients["staff"].get(explore).content.decode()
    assert promote_url(approved_draft) not in clients["chair"].get(explore).content.decode()

    unapproved = make_draft(work_group, people["member"], "Not yet")
    edit = reverse("wagtailadmin_pages:edit", args=[unapproved.pk])
    assert promote_url(unapproved) not in clients["staff"].get(edit).content.decode()
    # The draft's own page in the space links there too, for staff.
    assert promote_url(approved_draft) in clients["staff"].get(approved_draft.url).content.decode()
    assert (
        promote_url(approved_draft)
        not in clients["member"].get(approved_draft.url).content.decode()
    )


def test_blocks_the_toolkit_lacks_become_paragraphs():
    class Source(blocks.StreamBlock):
        paragraph = blocks.RichTextBlock()
        quote = blocks.StructBlock(
            [("quote", blocks.TextBlock()), ("attribution", blocks.CharBlock())]
        )

    class Target(blocks.StreamBlock):
        paragraph = blocks.RichTextBlock()

    source = Source().to_python(
        [
            {"type": "paragraph", "value": "<p>Kept as it is.</p>", "id": "a"},
            {"type": "quote", "value": {"quote": "Ask: <sepsis>?", "attribution": "A survivor"}},
        ]
    )
    assert drafts.convert_stream(source, Target()) == [
        {"type": "paragraph", "value": "<p>Kept as it is.</p>", "id": "a"},
        {"type": "paragraph", "value": "<p>Ask: &lt;sepsis&gt;?</p><p>A survivor</p>"},
    ]


@pytest.mark.parametrize(
    ("version", "expected"),
    [("1.0", "2.0"), ("2.3", "3.0"), ("v4", "5.0"), ("", "2.0"), ("draft", "2.0")],
)
def test_next_version(version, expected):
    assert promotion.next_version(version) == expected


def test_a_toolkit_made_from_a_draft_is_not_published_without_files_unless_confirmed(
    clients, catalog, approved_draft
):
    """The same rule as any toolkit (toolkits.page_forms): the promotion copies the draft's
    text, never files, so staff are told to add them and the editor asks before publishing."""
    client = clients["staff"]
    before = set(ToolkitPage.objects.values_list("pk", flat=True))
    response = client.post(promote_url(approved_draft), {"target": "new"})
    toolkit = ToolkitPage.objects.child_of(catalog).exclude(pk__in=before).get()
    told = " ".join(str(m.message) for m in get_messages(response.wsgi_request))
    assert "add its files" in told

    data = edit_form_data(client, toolkit)
    facets = {
        "care_settings": [str(CareSetting.objects.first().pk)],
        "audiences": [str(Audience.objects.first().pk)],
        "populations": [str(Population.objects.first().pk)],
        "topics": [str(Topic.objects.first().pk)],
    }
    data.update(facets)
    data.update(
        {
            "recommendation": rich_text("<p>Hand off with the card.</p>"),
            "rationale": rich_text("<p>Nothing is lost at handoff.</p>"),
            "action-publish": "action-publish",
        }
    )
    data.update(nested_form_data({"body": streamfield([]), "evidence": streamfield([])}))
    edit = reverse("wagtailadmin_pages:edit", args=[toolkit.pk])
    response = client.post(edit, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"publish_without_files"}
    assert not ToolkitPage.objects.get(pk=toolkit.pk).live

    response = client.post(edit, {**data, "publish_without_files": "on"})
    assert response.status_code == 302, response.context["form"].errors
    assert ToolkitPage.objects.get(pk=toolkit.pk).live
