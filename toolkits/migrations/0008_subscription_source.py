import datetime

from django.db import migrations, models

# A download subscribed its user in the same transaction that recorded it: a subscription made
# within this time of the user's download of the same toolkit began with the download.
SAME_TRANSACTION = datetime.timedelta(seconds=5)


def mark_subscriptions_begun_by_downloads(apps, schema_editor):
    """Subscriptions from before people chose them keep working (people were e-mailed from
    them), marked so that the account page can say how they began."""
    subscriptions = apps.get_model("toolkits", "ToolkitSubscription")
    events = apps.get_model("toolkits", "DownloadEvent")
    begun_by_download = []
    for subscription in subscriptions.objects.all().iterator():
        if events.objects.filter(
            user_id=subscription.user_id,
            toolkit_id=subscription.toolkit_id,
            downloaded_at__gte=subscription.created_at - SAME_TRANSACTION,
            downloaded_at__lte=subscription.created_at + SAME_TRANSACTION,
        ).exists():
            begun_by_download.append(subscription.pk)
    subscriptions.objects.filter(pk__in=begun_by_download).update(source="download")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0007_organization_spelling"),
    ]

    operations = [
        migrations.AddField(
            model_name="toolkitsubscription",
            name="source",
            field=models.CharField(
                choices=[
                    ("choice", "Chosen by the person"),
                    ("download", "Begun by a download, before the portal asked"),
                ],
                default="choice",
                max_length=10,
                verbose_name="how it began",
            ),
        ),
        migrations.RunPython(mark_subscriptions_begun_by_downloads, migrations.RunPython.noop),
    ]
