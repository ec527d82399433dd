from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import TrendsViewSetGroup

register_snippet(TrendsViewSetGroup)


@hooks.register("load_demo_content")
def load_trends_demo_content(site, log):
    from .demo import load

    load(site, log=log)
