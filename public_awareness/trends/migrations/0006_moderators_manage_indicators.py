"""Consortium staff (Wagtail's Moderators), who import the data releases (0005), also keep what
the releases are read against: the indicators, their phases and footnotes, and the list of
releases imported."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# group name: codenames. The groups are Wagtail's own, made by its first migration.
GRANTS = {
    "Moderators": (
        "add_indicator",
        "change_indicator",
        "view_indicator",
        "add_phase",
        "change_phase",
        "view_phase",
        "add_footnote",
        "change_footnote",
        "view_footnote",
        "view_datarelease",
    ),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="trends", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("trends")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("trends", "0005_moderators_import_releases"),
        ("wagtailcore", "0002_initial_data"),
    ]

    # Going back keeps them: a group may have held them before, given by hand.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
