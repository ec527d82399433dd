# One vocabulary: American English ("organization") in field names.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('collaborative', '0005_pooled_figures'),
        ('portal', '0002_organization_spelling'),
    ]

    operations = [
        migrations.RenameField('collaborativesite', 'organisation', 'organization'),
    ]
