"""Keep a profile beside every user, however the user was created; open new sections of the
site to the consortium's editors."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from .access import sync_members_group
from .models import MemberOrganization, UserProfile
from .staff_permissions import open_section_to_editors


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def ensure_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        UserProfile.objects.get_or_create(user=instance)


@receiver(post_save, sender=UserProfile)
def profile_membership(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_members_group(instance)


@receiver(post_save, sender=MemberOrganization)
def organization_membership(sender, instance, raw=False, **kwargs):
    """An organization that leaves (is made inactive) takes its staff's access with it."""
    if not raw:
        for profile in instance.members.select_related("user", "organization"):
            sync_members_group(profile)


@receiver(post_save, dispatch_uid="portal_open_new_sections_to_editors")
def open_new_sections_to_editors(sender, instance, created, raw=False, **kwargs):
    """A new section of the site (a child of a language's home page) is the Editors' to edit,
    unless it holds private areas (portal.staff_permissions)."""
    if created and not raw and isinstance(instance, Page):
        open_section_to_editors(instance)
