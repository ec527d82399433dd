"""The consortium's Editors and Moderators, who write and publish toolkits, keep the terms the
catalog files them under (care settings, audiences, populations, topics). No group held these
permissions, so a toolkit for a new care setting waited for a superuser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# group name: codenames. The groups are Wagtail's own, made by its first migration.
GRANTS = {
    group: tuple(
        f"{action}_{model}"
        for model in ("caresetting", "audience", "population", "topic")
        for action in ("add", "change", "view")
    )
    for group in ("Editors", "Moderators")
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="toolkits", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("toolkits")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0008_subscription_source"),
        ("wagtailcore", "0002_initial_data"),
    ]

    # Going back keeps them: a group may have held them before, given by hand.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
