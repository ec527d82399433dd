"""Elastic's API specification, and the validator and recording client that check the
Elasticsearch engine's requests against it (tests/search/test_elasticsearch_spec.py)."""
