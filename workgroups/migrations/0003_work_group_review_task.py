"""Work group review becomes its own task type, which leaves drafts under review open to the
group's members; existing groups' review tasks are converted in place (same task ids, so
drafts already in review carry on)."""

import django.db.models.deletion
from django.db import migrations, models


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )[0]


def convert(apps, schema_editor):
    WorkGroup = apps.get_model("workgroups", "WorkGroup")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    ReviewTask = apps.get_model("workgroups", "WorkGroupReviewTask")
    content_type = _content_type(apps, ReviewTask)
    chairs = WorkGroup.objects.values_list("chairs_id", flat=True)
    for task in GroupApprovalTask.objects.filter(groups__in=chairs).distinct():
        if ReviewTask.objects.filter(pk=task.pk).exists():
            continue
        # The child row only: the task's own rows (and its groups) stay as they are.
        ReviewTask(groupapprovaltask_ptr_id=task.pk, task_ptr_id=task.pk).save_base(raw=True)
        Task.objects.filter(pk=task.pk).update(content_type=content_type)


def unconvert(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    ReviewTask = apps.get_model("workgroups", "WorkGroupReviewTask")
    ids = list(ReviewTask.objects.values_list("pk", flat=True))
    Task.objects.filter(pk__in=ids).update(content_type=_content_type(apps, GroupApprovalTask))
    ReviewTask.objects.filter(pk__in=ids)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("workgroups", "0002_staff_oversee_work_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkGroupReviewTask",
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
                "verbose_name": "work group review task",
                "verbose_name_plural": "work group review tasks",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(convert, unconvert),
    ]
