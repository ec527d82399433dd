from .mixins import ReviewedContentMixin
from .organisations import MemberOrganisation, OrganisationCategory
from .pages import HomePage, MemberDirectoryPage, StandardPage
from .profiles import UserProfile
from .site_settings import ConsortiumSettings

__all__ = [
    "ConsortiumSettings",
    "HomePage",
    "MemberDirectoryPage",
    "MemberOrganisation",
    "OrganisationCategory",
    "ReviewedContentMixin",
    "StandardPage",
    "UserProfile",
]
