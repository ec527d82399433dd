# The document model moved to the documents app (documents/migrations/0001_initial.py).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('public_awareness', '0001_initial'),
        migrations.swappable_dependency(settings.WAGTAILDOCS_DOCUMENT_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='symptomguidepage',
            name='fact_sheet',
            field=models.ForeignKey(blank=True, help_text='Optional PDF; without one, printing the page gives the fact sheet.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name='designed fact sheet'),
        ),
    ]
