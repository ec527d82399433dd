"""Build the demonstration consortium: site, settings, pages and member directory.

Everything is created only when missing, so running it again never duplicates
or overwrites what an editor has changed.
"""

import datetime
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from ..models import (
    ConsortiumSettings,
    HomePage,
    MemberDirectoryPage,
    MemberOrganization,
    OrganizationCategory,
    OrganizationRequest,
    StandardPage,
)
from . import text

DEMO_REVIEW_DATE = datetime.date(2026, 10, 1)


def load_all(log=print):
    """The whole demonstration: the site core, then what each app adds through the
    'load_demo_content' hook (so that portal imports no app)."""
    site = load(log=log)
    for extend in hooks.get_hooks("load_demo_content"):
        extend(site=site, log=log)
    # The home page's translations come from the apps' content: the page on joining is
    # translated once they exist.
    ensure_join_translations(site)
    return site


def load(log=print):
    for code in ("es", "pt"):
        Locale.objects.get_or_create(language_code=code)
    site, home = ensure_site_and_home()
    ensure_settings(site)
    ensure_directory()
    ensure_non_member_account()
    ensure_awaiting_confirmation_account()
    about = ensure_child(home, StandardPage, text.ABOUT["slug"], about_page_fields)
    ensure_child(home, MemberDirectoryPage, text.DIRECTORY["slug"], directory_page_fields)
    join = ensure_child(home, StandardPage, text.JOIN["slug"], lambda: join_page_fields("en"))
    consortium = ConsortiumSettings.for_site(site)
    if consortium.joining_page_id is None:
        consortium.joining_page = join
        consortium.save(update_fields=["joining_page"])
    if not home.hero_link_page_id:
        home.hero_link_page = about
        home.save_revision().publish()
    log(f"Demo content ready: {home.title} and {home.get_children_count()} pages beneath it.")
    return site


def ensure_site_and_home():
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a placeholder "Welcome" page; the consortium's
        # home page replaces it only if nobody has built on it.
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            if placeholder.get_children_count() == 0:
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title=text.HOME["title"],
                slug="home",
                hero_heading=text.HOME["hero_heading"],
                hero_text=text.HOME["hero_text"],
                hero_link_text=text.HOME["hero_link_text"],
                body=[("paragraph", text.HOME["intro"])],
            )
        )
        home.save_revision().publish()
    if site is None:
        site = Site(root_page=home, is_default_site=True)
    if not site.site_name:
        # First load: the site answers at the address `make run` serves (WAGTAILADMIN_BASE_URL),
        # so the links in e-mails, citations and downloads' manifests open the running demo
        # (Wagtail's own first site says localhost:80).
        origin = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = origin.hostname or "localhost"
        site.port = origin.port or (443 if origin.scheme == "https" else 80)
    if site.pk is None or site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or text.CONSORTIUM["consortium_name"]
        site.save()
    return site, home


def ensure_settings(site):
    consortium = ConsortiumSettings.for_site(site)
    if not consortium.consortium_name:
        for field, value in text.CONSORTIUM.items():
            setattr(consortium, field, value)
        consortium.save()


def ensure_directory():
    categories = {}
    for order, (slug, name, description) in enumerate(text.CATEGORIES):
        categories[slug], _ = OrganizationCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    slug, name, description = text.HOSPITALS_CATEGORY
    categories[slug], _ = OrganizationCategory.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "description": description, "sort_order": len(text.CATEGORIES)},
    )
    hospitals = [(slug, *hospital) for hospital in text.HOSPITALS]
    for category_slug, name, city, description in hospitals + text.ORGANIZATIONS:
        MemberOrganization.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "category": categories[category_slug],
                "city": city,
                "description": description,
            },
        )


def ensure_child(parent, model, slug, fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(**{"slug": slug, "show_in_menus": True, **fields()}))
    page.save_revision().publish()
    return page


def about_page_fields():
    about = text.ABOUT
    cards = [{"heading": h, "text": t} for h, t in about["aims"]]
    return {
        "title": about["title"],
        "introduction": about["introduction"],
        "body": [
            ("card_group", {"heading": about["aims_heading"], "cards": cards}),
            ("heading", {"text": about["how_heading"], "level": "h2"}),
            ("paragraph", about["how"]),
        ],
        "last_reviewed": DEMO_REVIEW_DATE,
    }


def join_page_fields(language_code):
    join = text.JOIN[language_code]
    cards = [{"heading": heading, "text": words} for heading, words in join["who"]]
    return {
        "title": join["title"],
        "introduction": join["introduction"],
        "body": [
            ("card_group", {"heading": join["who_heading"], "cards": cards}),
            ("heading", {"text": join["opens_heading"], "level": "h2"}),
            ("paragraph", join["opens"]),
            ("heading", {"text": join["how_heading"], "level": "h2"}),
            ("paragraph", join["how"]),
        ],
        "last_reviewed": DEMO_REVIEW_DATE,
        "show_in_menus": False,  # in the footer's list, and linked from every 403
    }


def ensure_join_translations(site):
    join = site.root_page.get_children().filter(slug=text.JOIN["slug"]).first()
    if join is None:
        return
    for code in ("es", "pt"):
        home_translation = site.root_page.get_translation_or_none(
            Locale.objects.get(language_code=code)
        )
        if home_translation is not None:
            ensure_translation(join, code, join_page_fields(code))


def directory_page_fields():
    return {
        "title": text.DIRECTORY["title"],
        "introduction": text.DIRECTORY["introduction"],
        "last_reviewed": DEMO_REVIEW_DATE,
        # In the footer's list: the main menu keeps to what fits one row at 1,024 px.
        "show_in_menus": False,
    }


def ensure_translation(page, language_code, fields):
    """The page's translation into a language, created and published if missing.

    The parent must already have its translation (the home page's parent is the root).
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.specific.copy_for_translation(locale)
    for field, value in fields.items():
        setattr(translated, field, value)
    translated.save_revision().publish()
    return translated


def ensure_demo_user(email, first_name, last_name):
    """A named person for demo content (owners, authors); they cannot log in."""

    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def ensure_demo_login(email, first_name, last_name):
    """A demo person who logs in: the shared demo password (README) and a verified address.
    A password someone has since changed is kept."""

    user = ensure_demo_user(email, first_name, last_name)
    if not user.has_usable_password():
        # ensure_demo_user makes people who cannot log in; these are meant to.
        user.set_password(text.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_awaiting_confirmation_account():
    """A demo person whose organization request waits in the admin's queue (made directly:
    the demo e-mails nobody)."""
    email, first_name, last_name, organization_name = text.AWAITING_CONFIRMATION
    user = ensure_demo_login(email, first_name, last_name)
    if OrganizationRequest.objects.filter(user=user).exists():
        return user
    organization = MemberOrganization.objects.get(name=organization_name)
    OrganizationRequest.objects.create(user=user, organization=organization)
    user.profile.requested_organization = organization
    user.profile.save(update_fields=["requested_organization"])
    return user


def ensure_non_member_account():
    """The demo's one account of a visitor with no member organization: its profile names no
    organization."""
    return ensure_demo_login(*text.NON_MEMBER)
