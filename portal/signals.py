"""Keep a profile beside every user, however the user was created."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .access import sync_members_group
from .models import MemberOrganisation, UserProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def ensure_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        UserProfile.objects.get_or_create(user=instance)


@receiver(post_save, sender=UserProfile)
def profile_membership(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_members_group(instance)


@receiver(post_save, sender=MemberOrganisation)
def organisation_membership(sender, instance, raw=False, **kwargs):
    """An organisation that leaves (is made inactive) takes its staff's access with it."""
    if not raw:
        for profile in instance.members.select_related("user", "organisation"):
            sync_members_group(profile)
