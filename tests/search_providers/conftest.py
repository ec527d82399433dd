"""Helpers of the search providers' tests (the demo consortium is in the test database)."""

import pytest

from search.contract import providers


def provider(name):
    return next(p for p in providers() if p.name == name)


def documents(name):
    return {document.key: document for document in provider(name).documents()}


@pytest.fixture
def all_documents(demo_site):
    found = {}
    for each in providers():
        for document in each.documents():
            assert document.key not in found, f"{document.key} given twice"
            found[document.key] = document
    return found
