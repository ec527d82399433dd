"""Consortium staff run the events: Moderators and Editors add and edit sessions (Editors
already edit the event pages in their section); Moderators also export attendance and read
the evaluations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SESSION_CODENAMES = ("add_session", "change_session", "delete_session", "view_session")
GRANTS = {
    "Editors": SESSION_CODENAMES,
    "Moderators": (*SESSION_CODENAMES, "export_attendance"),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
