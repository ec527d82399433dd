"""What keeps collaborative.pooling's months in step with edits made in the admin: a site's
simulated flag (the pools count simulated sites), a site removed with its months, a measure's
kind (which of its figures pool). Saving anything else about a site or a measure (its name, its
organization, its definition) changes no pool, so it pools nothing again."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import pooling
from .models import CollaborativeSite, Measure


def changed(instance, field):
    """Whether the row being saved had another value of field in the database (pre_save)."""
    if instance.pk is None:
        return False  # new: nothing of it is pooled yet
    before = type(instance).objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    return before is not None and before != getattr(instance, field)


@receiver(pre_save, sender=CollaborativeSite)
def note_whether_simulated_changes(sender, instance, raw=False, **kwargs):
    instance._pools_change = not raw and changed(instance, "simulated")


@receiver(post_save, sender=CollaborativeSite)
def pool_the_sites_months_again(sender, instance, raw=False, **kwargs):
    # (A fixture being loaded, raw, brings its pooled figures with it.)
    if getattr(instance, "_pools_change", False):
        pooling.refresh(periods=list(instance.submissions.values_list("period", flat=True)))


@receiver(pre_delete, sender=CollaborativeSite)
def note_the_sites_months(sender, instance, **kwargs):
    # Its months are deleted with it: which they were is read before they go.
    instance._pooled_periods = list(instance.submissions.values_list("period", flat=True))


@receiver(post_delete, sender=CollaborativeSite)
def pool_without_the_site(sender, instance, **kwargs):
    periods = getattr(instance, "_pooled_periods", None)
    if periods is None:
        pooling.refresh()  # no pre_delete was sent: pool every month
    elif periods:
        pooling.refresh(periods=periods)


@receiver(pre_save, sender=Measure)
def note_whether_kind_changes(sender, instance, raw=False, **kwargs):
    instance._pools_change = not raw and changed(instance, "kind")


@receiver(post_save, sender=Measure)
def pool_the_measure_again(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_pools_change", False):
        pooling.refresh(measures=[instance.pk])
