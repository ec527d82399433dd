from django.contrib.auth.models import Permission
from wagtail import hooks

from .demo.loader import load
from .related import stories_for_toolkit
from .search import providers
from .viewsets import ExcellenceViewSetGroup


@hooks.register("register_admin_viewset")
def register_excellence_viewsets():

    return ExcellenceViewSetGroup()


@hooks.register("register_permissions")
def register_excellence_permissions():
    # Offered in Wagtail's group editor: the Moderators group holds them (migration 0002).
    return Permission.objects.filter(
        content_type__app_label="excellence",
        content_type__model__in=["excellencereport", "appreciativeinquiry"],
    )


@hooks.register("register_related_content")
def register_stories_on_toolkits(page, request):

    return stories_for_toolkit(page, request)


@hooks.register("register_search_providers")
def register_search_providers():

    return providers()


@hooks.register("load_demo_content")
def load_excellence_demo_content(site, log):

    load(site, log=log)
