"""The configured search engine: the database engine unless ELASTICSEARCH_URL is set."""

import importlib
import logging

from django.conf import settings

from .database import DatabaseEngine

logger = logging.getLogger(__name__)


def get_engine():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        try:
            module = importlib.import_module("search.engines.elasticsearch")
        except ImportError:
            # The Elasticsearch engine is optional; searching must keep working without it.
            logger.warning(
                "ELASTICSEARCH_URL is set but no Elasticsearch engine is available; "
                "using the database engine."
            )
        else:
            return module.ElasticsearchEngine()

    return DatabaseEngine()
