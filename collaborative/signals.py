"""What keeps collaborative.pooling's months in step with edits made in the admin: a site's
simulated flag (the pools count simulated sites), a site removed with its months, a measure's
kind (which of its figures pool)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import pooling
from .models import CollaborativeSite, Measure


@receiver(post_save, sender=CollaborativeSite)
def pool_the_sites_months_again(sender, instance, raw=False, **kwargs):
    if not raw:  # a fixture being loaded brings its pooled figures with it
        pooling.refresh(periods=list(instance.submissions.values_list("period", flat=True)))


@receiver(post_delete, sender=CollaborativeSite)
def pool_without_the_site(sender, instance, **kwargs):
    # Its months are deleted with it, so which they were is not known any more: pool them all.
    pooling.refresh()


@receiver(post_save, sender=Measure)
def pool_the_measure_again(sender, instance, raw=False, **kwargs):
    if not raw:
        pooling.refresh(measures=[instance.pk])
