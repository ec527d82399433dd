# The document model moved to the documents app (documents/migrations/0001_initial.py).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('workgroups', '0007_staff_permissions_off_private_areas'),
    ]

    operations = [
        migrations.AlterField(
            model_name='fileversion',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.portaldocument'),
        ),
        # The attachments' table keeps its rows; its column is renamed after the new model.
        migrations.AlterField(
            model_name='meeting',
            name='attachments',
            field=models.ManyToManyField(blank=True, related_name='work_group_meetings', to='documents.portaldocument', verbose_name='attachments'),
        ),
    ]
