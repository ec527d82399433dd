"""Consortium staff (Wagtail's Moderators) manage work groups in the admin: they create and
archive groups and read each group's history (the membership audit log). Seeing inside every
group (0002) did not give them the Work groups snippet itself."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("add_workgroup", "change_workgroup", "view_workgroup")
STAFF_GROUP_NAMES = ("Moderators",)  # as workgroups.access.STAFF_GROUP_NAMES


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="workgroups", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("workgroups")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=STAFF_GROUP_NAMES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name__in=STAFF_GROUP_NAMES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0004_work_group_documents"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
