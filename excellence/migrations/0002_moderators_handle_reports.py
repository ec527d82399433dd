"""The consortium's staff (Wagtail's Moderators group) moderate excellence reports and record
appreciative-inquiry interviews: they get the models' permissions (reports are never added in
the admin: members write them)."""

from django.db import migrations

PERMISSIONS = {
    "excellencereport": ("view", "change", "delete"),
    "appreciativeinquiry": ("view", "add", "change", "delete"),
}


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="excellence", model=model)
        for action in actions:
            # Created here on a fresh database: the post-migrate step that would runs after this.
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            found.append(permission)
    return found


def grant_to_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*permissions(apps))


def withdraw_from_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("excellence", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_to_moderators, withdraw_from_moderators)]
