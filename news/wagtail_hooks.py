from wagtail import hooks

from .account_subscriptions import NewsProvider
from .announcements import announcements
from .demo.loader import load
from .profile import profile_section
from .search import providers


@hooks.register("register_announcements")
def register_announcements(since):

    return announcements(since)


@hooks.register("register_search_providers")
def register_search_providers():

    return providers()


@hooks.register("load_demo_content")
def load_news_demo_content(site, log):

    load(site, log=log)


hooks.register("register_profile_sections", profile_section)


@hooks.register("register_account_subscriptions")
def register_news_on_the_subscriptions_page():
    return NewsProvider()
