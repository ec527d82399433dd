"""Documents remember the name they were uploaded with. Documents uploaded before did not: a
stored name ending in Django's suffix for a taken name ("_" and 7 letters or digits, as in
"checklist_mrJtjOi.pdf") is taken to be that name with the suffix added; others are left blank
and keep their stored name."""

import re
from pathlib import PurePosixPath

from django.db import migrations, models

STORAGE_SUFFIX = re.compile(r"^(?P<stem>.+)_[A-Za-z0-9]{7}(?P<extension>\.[A-Za-z0-9]+)$")


def guess_uploaded_names(apps, schema_editor):
    ToolkitDocument = apps.get_model("toolkits", "ToolkitDocument")
    for document in ToolkitDocument.objects.filter(original_filename="").only("file").iterator():
        match = STORAGE_SUFFIX.match(PurePosixPath(document.file.name or "").name)
        if match:
            ToolkitDocument.objects.filter(pk=document.pk).update(
                original_filename=(match["stem"] + match["extension"])[-255:]
            )


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0004_version_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="toolkitdocument",
            name="original_filename",
            field=models.CharField(
                blank=True, editable=False, max_length=255, verbose_name="uploaded as"
            ),
        ),
        migrations.RunPython(guess_uploaded_names, migrations.RunPython.noop),
    ]
