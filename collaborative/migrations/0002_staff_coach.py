"""Consortium staff (Wagtail's Moderators) coach the collaborative: they see every site, and
define its measures and sites in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP_NAMES = ("Moderators",)  # the staff who coach the sites
MODELS = ("collaborativesite", "measureset", "measure", "stratification")


def _codenames():
    codenames = ["coach_sites"]
    for model in MODELS:
        codenames += [f"add_{model}", f"change_{model}", f"view_{model}"]
    return codenames


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="collaborative", codename__in=_codenames()
    )


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now.
    app_config = apps.get_app_config("collaborative")
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
        ("auth", "0012_alter_user_first_name_max_length"),
        ("collaborative", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
