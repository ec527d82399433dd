"""Factories for the site core's models, shared by every app's tests."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from portal.models import (
    HomePage,
    MemberDirectoryPage,
    MemberOrganization,
    OrganizationCategory,
    StandardPage,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is verified, able to log in with PASSWORD."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if not create:
            return
        user.save()
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=extracted is not False
        )


class OrganizationCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationCategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class MemberOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberOrganization

    name = factory.Sequence(lambda n: f"Community Hospital {n}")
    slug = factory.Sequence(lambda n: f"community-hospital-{n}")
    category = factory.SubFactory(OrganizationCategoryFactory)
    city = "Worcester"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    hero_heading = "Spot sepsis early."
    hero_text = "A test home page."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."
    body = [("paragraph", "<p>Body text of a standard page.</p>")]


class MemberDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberDirectoryPage

    title = "Member organizations"
    slug = "members"
