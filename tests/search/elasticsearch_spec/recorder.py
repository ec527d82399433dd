"""An Elasticsearch client that records every request and answers it itself.

`RecordingNode` takes the place of the HTTP connection (elastic_transport's `node_class`), so
the official client serializes each request exactly as it would for a server, then hands the
method, path, headers and body bytes to `Recorder.answer`. The answers are the smallest valid
responses for each API the engine calls, kept consistent by a little state (which indices
exist, where the alias points), so that the engine runs each operation to its end.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch

from search.engines.elasticsearch import MARK_END, MARK_START

SHARDS = {"total": 1, "successful": 1, "skipped": 0, "failed": 0}
HEADERS = {
    "content-type": "application/vnd.elasticsearch+json;compatible-with=9",
    # The client refuses a server that does not say it is Elasticsearch.
    "x-elastic-product": "Elasticsearch",
}


@dataclass
class Request:
    method: str
    target: str
    headers: dict
    body: bytes | None

    @property
    def path(self):
        return unquote(urlsplit(self.target).path)

    @property
    def json(self):
        """The body decoded: one object, or a list of lines for NDJSON (bulk)."""
        if not self.body:
            return None
        text = self.body.decode("utf-8")
        if "ndjson" in self.headers.get("content-type", ""):
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        return json.loads(text)

    def __str__(self):
        return f"{self.method} {self.target}"


@dataclass
class Recorder:
    """What was sent, and a tiny cluster's state to answer from."""

    requests: list[Request] = field(default_factory=list)
    indices: set[str] = field(default_factory=set)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # alias -> its indices
    # How many documents a search finds (given its body), and a word's count in the word check.
    finds: object = staticmethod(lambda body: 1)
    word_count: object = staticmethod(lambda word: 1)
    respellings: dict[str, str] = field(default_factory=dict)  # the term suggester's answers

    def client(self):
        node_class = type("RecordingNode", (RecordingNode,), {"recorder": self})
        return Elasticsearch("http://elasticsearch.invalid:9200", node_class=node_class)

    def answer(self, request):
        self.requests.append(request)
        method, parts = request.method, [p for p in request.path.split("/") if p]
        body = request.json
        last = parts[-1] if parts else ""
        if method == "HEAD":
            if parts[0] == "_alias":
                return 200 if self.aliases.get(parts[1]) else 404, None
            return 200 if self._names(parts[0]) else 404, None
        if last == "_bulk":
            return 200, self._bulk(body)
        if last == "_search":
            return 200, self._search(body or {})
        if last == "_count":
            return 200, {"count": 1, "_shards": SHARDS}
        if last == "_refresh":
            return 200, {"_shards": SHARDS}
        if parts == ["_aliases"]:
            self._update_aliases(body["actions"])
            return 200, {"acknowledged": True}
        if parts[0] == "_alias":
            targets = self.aliases.get(parts[1])
            if not targets:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {name: {"aliases": {parts[1]: {}}} for name in sorted(targets)}
        if len(parts) == 1 and method == "PUT":
            self.indices.add(parts[0])
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "GET":
            return 200, {name: {"aliases": {}} for name in self._names(parts[0])}
        if len(parts) == 1 and method == "DELETE":
            self.indices -= set(self._names(parts[0]))
            return 200, {"acknowledged": True}
        raise AssertionError(f"The recorder does not answer {request}")

    def _names(self, expression):
        """Indices named by an index expression ("a,b", "prefix-*", or an alias)."""
        names = set()
        for part in expression.split(","):
            names |= {n for n in self.indices if fnmatch.fnmatchcase(n, part)}
            names |= self.aliases.get(part, set())
        return sorted(names)

    def _update_aliases(self, actions):
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
            elif kind == "remove":
                self.aliases.get(spec["alias"], set()).discard(spec["index"])
            elif kind == "remove_index":
                self.indices.discard(spec["index"])

    def _bulk(self, lines):
        items = []
        expect_source = False
        for line in lines:
            if expect_source:
                expect_source = False
                continue
            ((kind, meta),) = line.items()
            status, result = {"delete": (200, "deleted")}.get(kind, (201, "created"))
            items.append(
                {
                    kind: {
                        "_index": meta.get("_index", "default"),
                        "_id": meta.get("_id", "1"),
                        "_version": 1,
                        "result": result,
                        "_shards": {"total": 1, "successful": 1, "failed": 0},
                        "_seq_no": len(items),
                        "_primary_term": 1,
                        "status": status,
                    }
                }
            )
            expect_source = kind != "delete"
        return {"took": 1, "errors": False, "items": items}

    def _search(self, body):
        total = self.finds(body)
        size = body.get("size", 10)
        hits = [
            {
                "_index": "recorded",
                "_id": f"toolkit:{n}",
                "_score": 1.0,
                "_source": {
                    "key": f"toolkit:{n}",
                    "title": "Lactate measurement toolkit",
                    "url": f"/toolkit-{n}/",
                    "content_type": "toolkit",
                    "language": "en-us",
                    "published_at": "2026-01-15T00:00:00+00:00",
                    "snippet_source": "Measure lactate within one hour.",
                },
                "highlight": {"body": [f"Measure {MARK_START}lactate{MARK_END} within"]},
            }
            for n in range(min(total, size))
        ]
        response = {
            "took": 1,
            "timed_out": False,
            "_shards": SHARDS,
            "hits": {
                "total": {"value": total, "relation": "eq"},
                "max_score": 1.0 if hits else None,
                "hits": hits,
            },
        }
        aggs = body.get("aggs") or body.get("aggregations")
        if aggs:
            response["aggregations"] = self._aggregations(aggs, total)
        if "suggest" in body:
            response["suggest"] = {
                name: self._term_suggestions(suggester["text"])
                for name, suggester in body["suggest"].items()
            }
        return response

    def _aggregations(self, aggs, total):
        answers = {}
        for name, agg in aggs.items():
            sub = self._aggregations(agg.get("aggs", {}), total)
            if "filter" in agg:
                answers[name] = {"doc_count": total, **sub}
            elif "terms" in agg:
                answers[name] = {
                    "doc_count_error_upper_bound": 0,
                    "sum_other_doc_count": 0,
                    "buckets": [],
                }
            elif "filters" in agg:
                answers[name] = {
                    "buckets": {
                        key: {"doc_count": self.word_count(key)}
                        for key in agg["filters"]["filters"]
                    }
                }
            else:
                raise AssertionError(f"The recorder does not answer the aggregation {agg}")
        return answers

    def _term_suggestions(self, text):
        entries, offset = [], 0
        for word in text.split():
            offset = text.index(word, offset)
            respelled = self.respellings.get(word)
            options = [{"text": respelled, "score": 0.8, "freq": 3}] if respelled else []
            entries.append(
                {"text": word, "offset": offset, "length": len(word), "options": options}
            )
            offset += len(word)
        return entries


class Answer(NamedTuple):
    """What a node returns to the transport (elastic_transport's NodeApiResponse)."""

    meta: ApiResponseMeta
    body: bytes


class RecordingNode(BaseNode):
    """A node that never connects: the Recorder (set on a subclass) answers each request."""

    recorder: Recorder

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        sent = dict(self.headers)
        sent.update(headers or {})
        request = Request(method, target, {k.lower(): v for k, v in sent.items()}, body)
        status, answer = self.recorder.answer(request)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(HEADERS),
            duration=0.0,
            node=self.config,
        )
        data = b"" if answer is None else json.dumps(answer).encode()
        return Answer(meta, data)
