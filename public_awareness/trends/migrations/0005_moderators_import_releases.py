"""The consortium's staff (Wagtail's Moderators group) import the state's data releases: no
group held the permission, so nobody but a superuser could. The permission's label is also
renamed (Django's post-migrate step creates permissions but never renames them)."""

from django.db import migrations

CODENAME = "import_release"
LABEL = "Can import data releases"


def grant_to_moderators(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="trends", model="datarelease")
    # Created here on a fresh database: the post-migrate step that would runs after this.
    permission, _ = Permission.objects.update_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": LABEL}
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(permission)


def withdraw_from_moderators(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="trends", codename=CODENAME
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name="Moderators"):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("trends", "0004_chart_precision_releases_phases_license"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="datarelease",
            options={
                "ordering": ["-imported_at"],
                "permissions": [(CODENAME, LABEL)],
                "verbose_name": "data release",
            },
        ),
        migrations.RunPython(grant_to_moderators, withdraw_from_moderators),
    ]
