"""Admin for search (synonyms under a "Search" menu), the demo synonyms, and the site core's
pages in search."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Synonym
from .pages import members_access, providers
from .reports import SearchQueryReportMenuItem, report_urls

# Lay terms and misspellings people type for sepsis (see the search issue).
DEMO_SYNONYMS = {
    "blood poisoning": "sepsis",
    "septicemia": "sepsis",
    "septicaemia": "sepsis",
    "sepis": "sepsis",
    "blood infection": "sepsis",
    "infection in the blood": "sepsis",
    # Lay names in Spanish and Portuguese; Portuguese calls sepsis "sepse".
    "infección en la sangre": "sepsis",
    "infección de la sangre": "sepsis",
    "infección generalizada": "sepsis",
    "envenenamiento de la sangre": "sepsis",
    "infecção generalizada": "sepse, sepsis",
    "infecção no sangue": "sepse, sepsis",
    "infecção do sangue": "sepse, sepsis",
    "envenenamento do sangue": "sepse, sepsis",
    "sepse": "sepsis",
    # Joining the consortium, in the words people search with.
    "become a member": "join, membership",
    "sign up": "join",
    "hacerse miembro": "únase, miembro",
    "ser miembro": "únase, miembro",
    "tornar-se membro": "junte-se, membro",
    "ser membro": "junte-se, membro",
}


@hooks.register("register_search_providers")
def register_core_page_providers():
    """The site core's pages (portal imports no app: search describes them)."""

    return providers()


@hooks.register("register_search_access")
def register_members_access(user):

    return members_access(user)


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonyms")
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]
    # Synonyms are not in the search index: the listing searches them with plain ORM lookups.
    search_backend_name = None
    ordering = ["term"]


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SynonymViewSet,)
    menu_icon = "search"
    menu_label = _("Search")
    menu_name = "search"
    menu_order = 800


register_snippet(SearchViewSetGroup)


@hooks.register("load_demo_content")
def load_demo_synonyms(site=None, log=print):
    created = 0
    for term, alternatives in DEMO_SYNONYMS.items():
        _synonym, was_created = Synonym.objects.get_or_create(
            term=term, defaults={"alternatives": alternatives}
        )
        created += was_created
    log(f"Demo search synonyms ready ({created} new).")


# The search query report (frequent and zero-result queries), for staff with its permission.


@hooks.register("register_admin_urls")
def register_query_report_urls():

    return report_urls()


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():

    return SearchQueryReportMenuItem(icon_name="search", order=730)


@hooks.register("register_permissions")
def register_query_report_permission():

    return Permission.objects.filter(
        content_type__app_label="search", codename="view_zeroresulthits"
    )


@hooks.register("register_health_checks")
def register_search_health_check():
    def search_engine():
        # The configured engine answers a search (Elasticsearch: the cluster and its alias).
        from .engines import get_engine

        if get_engine().search("health", tokens={"public"}).failed:
            raise RuntimeError("the search engine failed a search")

    return {"search": search_engine}
