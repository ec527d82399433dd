from .mixins import ReviewedContentMixin
from .organization_requests import OrganizationRequest
from .organizations import MemberOrganization, OrganizationCategory
from .pages import HomePage, MemberDirectoryPage, StandardPage
from .profiles import UserProfile
from .site_settings import ConsortiumSettings

__all__ = [
    "ConsortiumSettings",
    "HomePage",
    "MemberDirectoryPage",
    "MemberOrganization",
    "OrganizationCategory",
    "OrganizationRequest",
    "ReviewedContentMixin",
    "StandardPage",
    "UserProfile",
]
