# The document model moved to the documents app (documents/migrations/0001_initial.py): the
# fields follow it, and this app forgets the model, whose table the documents app now owns.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('toolkits', '0005_document_original_filename'),
        ('workgroups', '0008_documents_app'),
        ('public_awareness', '0002_documents_app'),
    ]

    operations = [
        migrations.AlterField(
            model_name='downloadevent',
            name='document',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='download_events', to='documents.portaldocument', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='toolkitversionfile',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.portaldocument', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='toolkitresource',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='toolkit_resources', to='documents.portaldocument', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='toolkitversion',
            name='documents',
            field=models.ManyToManyField(blank=True, related_name='toolkit_versions', through='toolkits.ToolkitVersionFile', to='documents.portaldocument'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ToolkitDocument')]
        ),
    ]
