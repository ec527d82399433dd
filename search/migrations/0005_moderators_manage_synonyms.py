"""Consortium staff (Wagtail's Moderators) tune site search: they keep the synonyms that map
lay words to clinical ones ("blood poisoning" to sepsis). No group held these permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# group name: codenames. The groups are Wagtail's own, made by its first migration.
GRANTS = {"Moderators": ("add_synonym", "change_synonym", "view_synonym")}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="search", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_documents_app_keys"),
        ("wagtailcore", "0002_initial_data"),
    ]

    # Going back keeps them: a group may have held them before, given by hand.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
