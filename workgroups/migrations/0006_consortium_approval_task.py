"""Consortium approval becomes its own task type, which keeps the person who submitted a draft
from approving it; the existing "Consortium approval" task is converted in place (same task
id, so drafts already waiting for it carry on)."""

import django.db.models.deletion
from django.db import migrations, models

TASK_NAME = "Consortium approval"  # as workgroups.provisioning.CONSORTIUM_APPROVAL_TASK


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )[0]


def convert(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    ApprovalTask = apps.get_model("workgroups", "ConsortiumApprovalTask")
    content_type = _content_type(apps, ApprovalTask)
    for task in GroupApprovalTask.objects.filter(name=TASK_NAME):
        if ApprovalTask.objects.filter(pk=task.pk).exists():
            continue
        # The child row only: the task's own rows (and its groups) stay as they are.
        ApprovalTask(groupapprovaltask_ptr_id=task.pk, task_ptr_id=task.pk).save_base(raw=True)
        Task.objects.filter(pk=task.pk).update(content_type=content_type)


def unconvert(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    ApprovalTask = apps.get_model("workgroups", "ConsortiumApprovalTask")
    ids = list(ApprovalTask.objects.values_list("pk", flat=True))
    Task.objects.filter(pk__in=ids).update(content_type=_content_type(apps, GroupApprovalTask))
    ApprovalTask.objects.filter(pk__in=ids)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("workgroups", "0005_staff_manage_work_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsortiumApprovalTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "consortium approval task",
                "verbose_name_plural": "consortium approval tasks",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(convert, unconvert),
    ]
