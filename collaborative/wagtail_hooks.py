from wagtail.snippets.models import register_snippet

from .viewsets import CollaborativeViewSetGroup

register_snippet(CollaborativeViewSetGroup)
