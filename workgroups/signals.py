"""Keep each user's Django groups in step with their work-group memberships, and the groups'
names and editing rights in step with the work group."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership, WorkGroup
from .provisioning import rename_groups, sync_all, sync_user


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        work_group = instance.work_group
    except WorkGroup.DoesNotExist:
        return  # the whole group is being deleted
    sync_user(work_group, instance.user)


@receiver(post_save, sender=WorkGroup)
def work_group_changed(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return
    rename_groups(instance)
    sync_all(instance)  # archiving takes editing rights away; reactivating gives them back
