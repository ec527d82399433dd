"""Organization requests: the queue consortium staff answer (see the functions below)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


CODENAME = "decide_organizationrequest"
LABEL = "Can approve or decline organization requests"


def grant_to_moderators_and_queue_waiting_people(apps, schema_editor):
    """Consortium staff (Wagtail's Moderators) answer the requests; people who named an
    organization before the queue existed are put in it, so nobody is forgotten."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="portal", model="organizationrequest"
    )
    # Created here on a fresh database: the post-migrate step that would runs after this.
    permission, _ = Permission.objects.update_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": LABEL}
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(permission)
    UserProfile = apps.get_model("portal", "UserProfile")
    OrganizationRequest = apps.get_model("portal", "OrganizationRequest")
    waiting = UserProfile.objects.filter(requested_organization__isnull=False).exclude(
        requested_organization=models.F("organization")
    )
    for profile in waiting:
        OrganizationRequest.objects.create(
            user_id=profile.user_id, organization_id=profile.requested_organization_id
        )


def withdraw_from_moderators(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="portal", codename=CODENAME
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name="Moderators"):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_home_secondary_link"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganizationRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for consortium staff"),
                            ("approved", "Approved"),
                            ("declined", "Declined"),
                            ("withdrawn", "Withdrawn by the person"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True, verbose_name="asked on")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered on"),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason given")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="requests",
                        to="portal.memberorganization",
                        verbose_name="organization",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organization_requests",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "organization request",
                "verbose_name_plural": "organization requests",
                "ordering": ["requested_at"],
                "permissions": [
                    ("decide_organizationrequest", "Can approve or decline organization requests")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("user",),
                        name="portal_one_pending_organization_request",
                    )
                ],
            },
        ),
        migrations.RunPython(
            grant_to_moderators_and_queue_waiting_people, withdraw_from_moderators
        ),
    ]
