# One vocabulary: American English ("organization") in the models' and fields' names. The
# tables and columns are renamed with them; the content types follow RenameModel by themselves,
# and the permissions' codenames are renamed here so that the groups holding them keep them.
import django.db.models.deletion
from django.db import migrations, models

RENAMED = {"memberorganisation": "memberorganization", "organisationcategory": "organizationcategory"}


def rename_permissions(apps, schema_editor, renamed=RENAMED):
    Permission = apps.get_model("auth", "Permission")
    for old, new in renamed.items():
        for action in ("add", "change", "delete", "view"):
            Permission.objects.filter(
                content_type__app_label="portal", codename=f"{action}_{old}"
            ).update(codename=f"{action}_{new}")


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0001_initial'),
        # After every migration that names the old models, so that the rename reaches them.
        ('collaborative', '0005_pooled_figures'),
        ('toolkits', '0006_documents_app'),
    ]

    operations = [
        # In this order, so that running it backwards finds each model's relations.
        migrations.RenameModel('MemberOrganisation', 'MemberOrganization'),
        migrations.RenameModel('OrganisationCategory', 'OrganizationCategory'),
        migrations.AlterField(
            model_name='memberorganization',
            name='category',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='organizations', to='portal.organizationcategory', verbose_name='category'),
        ),
        migrations.RenameField('userprofile', 'organisation', 'organization'),
        migrations.RenameField('userprofile', 'requested_organisation', 'requested_organization'),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
