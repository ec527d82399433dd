"""Versions keep their change log as rich text; versions stored before kept it as plain text
with its paragraphs and list items run together. Each one's rich text is recovered from the
revision that published it (the page's publish log names the revision), and when none can be
found (a version recorded by bulk tools, a pruned history) its text is kept as one paragraph."""

from html import escape

from django.db import migrations

import wagtail.fields


def published_change_logs(apps, page_id):
    """{version number: change log of its last publication} from the page's history."""
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    change_logs = {}
    entries = (
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish")
        .exclude(revision=None)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    for entry in entries:
        content = entry.revision.content or {}
        if content.get("version"):
            change_logs[content["version"]] = content.get("change_log") or ""
    return change_logs


def to_rich_text(apps, schema_editor):
    ToolkitVersion = apps.get_model("toolkits", "ToolkitVersion")
    by_page = {}
    for version in ToolkitVersion.objects.order_by("page_id", "pk").iterator():
        if version.change_log.lstrip().startswith("<"):
            continue  # already rich text
        if version.page_id not in by_page:
            by_page[version.page_id] = published_change_logs(apps, version.page_id)
        recovered = by_page[version.page_id].get(version.version)
        if recovered is None:
            text = version.change_log.strip()
            recovered = f"<p>{escape(text)}</p>" if text else ""
        ToolkitVersion.objects.filter(pk=version.pk).update(change_log=recovered)


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0002_reach"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="toolkitversion",
            name="change_log",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="what changed"),
        ),
        # Going back leaves the rich text in place: the old code showed it as text.
        migrations.RunPython(to_rich_text, migrations.RunPython.noop),
    ]
