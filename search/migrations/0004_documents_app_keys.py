# The document model moved from the toolkits app to the documents app, and its search keys are
# named after it ("<app>.<model>:<pk>"): rename the keys in place, so that nothing is indexed
# twice. (An Elasticsearch index keeps the old keys until `manage.py search_index rebuild`.)

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

OLD, NEW = "toolkits.toolkitdocument:", "documents.portaldocument:"


def rename(old, new):
    def run(apps, schema_editor):
        IndexedDocument = apps.get_model("search", "IndexedDocument")
        IndexedDocument.objects.filter(key__startswith=old).update(
            key=Concat(Value(new), Substr(F("key"), len(old) + 1))
        )

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_zero_result_hits'),
    ]

    operations = [
        migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD)),
    ]
