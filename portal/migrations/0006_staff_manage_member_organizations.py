"""Consortium staff (Wagtail's Moderators) keep the member directory: they add and correct member
organizations and their categories, and confirm which organization each person works for
(the People screen). No group held these permissions, so only a superuser could."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# group name: codenames. The groups are Wagtail's own, made by its first migration.
GRANTS = {
    "Moderators": (
        "add_memberorganization",
        "change_memberorganization",
        "view_memberorganization",
        "add_organizationcategory",
        "change_organizationcategory",
        "view_organizationcategory",
        "change_userprofile",
        "view_userprofile",
    ),
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_joining_page"),
        ("wagtailcore", "0002_initial_data"),
    ]

    # Going back keeps them: a group may have held them before, given by hand.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
