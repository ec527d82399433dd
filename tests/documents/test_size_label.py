"""File sizes on download links read as each language writes numbers."""

import pytest
from django.utils import translation

from documents.models import PortalDocument

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.mark.parametrize(
    "language, size, label",
    [
        ("en-us", 1_400_000, "1.4 MB"),
        ("es", 1_400_000, "1,4 MB"),
        ("pt", 1_400_000, "1,4 MB"),
        ("es", 283_000, "283 KB"),
        ("en-us", 400, "1 KB"),
    ],
)
def test_size_label_follows_the_language(language, size, label):
    # Wagtail stores a document's size when it is uploaded: the label reads that figure.
    document = PortalDocument(title="Handout", file_size=size)
    with translation.override(language):
        assert document.size_label == label
