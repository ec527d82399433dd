"""Request bodies checked against Elasticsearch's own API specification (OpenAPI 3.0.3).

`errors(method, path, body)` finds the operation whose path template matches the request, takes
its requestBody schema and returns what breaks it, one readable message per fault;
`validate(...)` raises SpecViolation with them. Bulk bodies (NDJSON) are checked line by line.

The spec's schemas are converted once per process to JSON Schema 2020-12 and validated with
`jsonschema` (references resolved by `referencing`):

- OpenAPI's `nullable: true` becomes a "null" type; annotations JSON Schema does not know
  (`discriminator`, `x-state`, `externalDocs`, examples) are dropped. A discriminator only
  names the `oneOf` branch; each branch already requires its own `type` value.
- `oneOf` becomes `anyOf`. The spec is generated from TypeScript, and renders a union
  (`A | B`) as oneOf; a union holds a value any member accepts, and members overlap: FieldValue
  is oneOf number, number, string, boolean and nullable string, so as oneOf it would refuse
  every number and string. Closed objects keep object members apart as before.
- Objects are closed. Elasticsearch refuses unknown keys, but most of the spec's object schemas
  leave `additionalProperties` open, so a misspelled field would pass. Each place a value is
  checked (a property, an array item, a map value, a `oneOf`/`anyOf` branch, the body itself)
  gets `unevaluatedProperties: false` when the object schema it reaches through `$ref` and
  `allOf` lists properties. Placed there, not on each definition, it sees the properties of
  every `allOf` part (a subclass and its bases), which a definition closed on its own would
  refuse. An object schema listing no properties stays open, and `additionalProperties` still
  admits what it describes. A bare `{"type": "object"}` where a value is checked is the
  generator's UserDefinedValue (script params, a range's bounds): any JSON value.
- The spec's gaps that the engine's requests run into are filled narrowly, each in a constant
  below with its reason: field-keyed entries the generator drops (FIELD_KEYED), short forms
  (SHORTCUTS), property aliases (ALIASES), settings only a stateful cluster has
  (STACK_ONLY_PROPERTIES) and PATCHES. Nothing is opened wholesale.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).with_name("elasticsearch-serverless-openapi-9.5.json")
SPEC_URI = "urn:elasticsearch-serverless-openapi-9.5"
SCHEMAS = "#/components/schemas/"
METHODS = ("get", "put", "post", "delete", "head")
DROPPED = {"discriminator", "x-state", "externalDocs", "example", "examples"}

# Known gaps of the spec, each narrow. The generator drops a class's "[field: Field]: T" index
# signature when the class also has named properties, so these two lose their field-keyed
# entries, which every Elasticsearch (stateful 9.x and serverless) accepts. They are given back
# with the value type elasticsearch-specification declares (specification/_types/query_dsl/
# term.ts and specification/_types/sort.ts); the named properties stay as they are, and
# $refs name the spec's own schemas.
FIELD_KEYED = {
    # {"terms": {"access": ["public"]}}: a field's list of values. (The terms lookup form is
    # left out: its schema is not in this spec, and the engine does not use it.)
    "_types.query_dsl.TermsQuery": {"type": "array", "items": {"$ref": "_types.FieldValue"}},
    # {"boost": {"order": "desc"}} or {"boost": "desc"}: a sort on a field. FieldSort itself
    # is missing from this spec (nothing else refers to it), hence its fields here.
    "_types.SortOptions": {
        "anyOf": [
            {"$ref": "_types.SortOrder"},
            {
                "type": "object",
                "properties": {
                    "order": {"$ref": "_types.SortOrder"},
                    "mode": {"$ref": "_types.SortMode"},
                    "missing": {"$ref": "_types.aggregations.Missing"},
                    "nested": {"$ref": "_types.NestedSortValue"},
                    "unmapped_type": {"type": "string"},
                    "numeric_type": {"enum": ["long", "double", "date", "date_nanos"]},
                    "format": {"type": "string"},
                },
                "unevaluatedProperties": False,
            },
        ]
    },
    # {"suggest": {"spelling": {"text": ..., "term": {...}}}}: a named suggester. FieldSuggester
    # and its kinds are missing from this spec too; the term suggester is described here from
    # specification/_global/search/_types/suggester.ts (TermSuggester). The completion and
    # phrase suggesters are not (the engine uses neither), so they are refused.
    "_global.search._types.Suggester": {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "prefix": {"type": "string"},
            "regex": {"type": "string"},
            "term": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "analyzer": {"type": "string"},
                    "text": {"type": "string"},
                    "size": {"type": "integer"},
                    "shard_size": {"type": "integer"},
                    "suggest_mode": {"enum": ["missing", "popular", "always"]},
                    "sort": {"enum": ["score", "frequency"]},
                    "lowercase_terms": {"type": "boolean"},
                    "max_edits": {"type": "integer"},
                    "max_inspections": {"type": "integer"},
                    "max_term_freq": {"type": "number"},
                    "min_doc_freq": {"type": "number"},
                    "min_word_length": {"type": "integer"},
                    "prefix_length": {"type": "integer"},
                    "string_distance": {
                        "enum": [
                            "internal",
                            "damerau_levenshtein",
                            "levenshtein",
                            "jaro_winkler",
                            "ngram",
                        ]
                    },
                },
                "required": ["field"],
                "unevaluatedProperties": False,
            },
        },
        "required": ["term"],
        "unevaluatedProperties": False,
    },
}

# Short forms the generator leaves out: elasticsearch-specification marks these classes
# `@shortcut_property`, so {"match": {"title": "sepsis"}} stands for {"match": {"title":
# {"query": "sepsis"}}}; every Elasticsearch accepts both. The short form takes the value of
# the named property.
SHORTCUTS = {
    "_types.query_dsl.MatchQuery": "query",
    "_types.query_dsl.TermQuery": "value",
    # "_source": ["title"] for {"includes": ["title"]}.
    "_global.search._types.SourceFilter": "includes",
}

# A property's other name: elasticsearch-specification declares `@aliases aggs` on
# `aggregations` (of a search and of an aggregation, for its sub-aggregations); the generator
# leaves aliases out. elasticsearch.dsl sends "aggs".
ALIASES = {"aggregations": "aggs"}

# Settings a stateful server accepts that the serverless spec leaves out, as the full spec
# declares them (specification/indices/_types/IndexSettings.ts marks them `@availability
# stack`). Serverless chooses shard counts itself; the engine asks a stateful cluster for one.
STACK_ONLY_PROPERTIES = {
    "indices._types.IndexSettings": {
        "number_of_shards": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
    },
}


def _fields_of_any_number(highlight):
    """Highlight.fields as the server reads it: an object of any number of fields, or an array
    of one-field objects (to fix their order). The spec types the object as a single-key
    dictionary too; Elasticsearch's highlight parser does not hold to that, and elasticsearch.dsl
    sends all the fields in one object."""
    (own,) = [part for part in highlight["allOf"] if "fields" in part.get("properties", {})]
    (single_object,) = [m for m in own["properties"]["fields"]["anyOf"] if m["type"] == "object"]
    del single_object["maxProperties"]
    return highlight


# Definitions changed after conversion, each for the reason its function gives.
PATCHES = {"_global.search._types.Highlight": _fields_of_any_number}


class SpecViolation(AssertionError):
    """A request body the specification refuses (an AssertionError, so pytest shows it)."""


def _user_defined(schema):
    """Whether the schema is a bare {"type": "object"} where a value is checked: how the
    generator renders UserDefinedValue (script params, a range's bounds, a document), which is
    any JSON value. (As an allOf part, the same schema only marks a class with no fields.)"""
    return schema.get("type") == "object" and not set(schema) - {"type", "description"}


def _absolute(ref):
    if not ref.startswith(SCHEMAS):
        raise ValueError(f"Unexpected reference {ref!r} in the specification")
    return SPEC_URI + ref


class _Converter:
    """OpenAPI 3.0 schemas to closed JSON Schema 2020-12 (see the module's docstring)."""

    def __init__(self, schemas):
        self.schemas = schemas
        self._lists_properties = {}

    def lists_properties(self, schema, seen=frozenset()):
        """Whether the object schema reached through $ref and allOf names properties."""
        if not isinstance(schema, dict):
            return False
        if "$ref" in schema:
            name = schema["$ref"].removeprefix(SCHEMAS)
            if name in seen:
                return False
            if name not in self._lists_properties:
                self._lists_properties[name] = self.lists_properties(
                    self.schemas[name], seen | {name}
                )
            return self._lists_properties[name]
        if "properties" in schema:
            return True
        return any(self.lists_properties(part, seen) for part in schema.get("allOf", ()))

    def convert(self, schema, checked_here):
        """A converted copy; `checked_here` when a value is validated against it directly
        (then it is closed), not when it is one part of an allOf or a definition."""
        if isinstance(schema, bool):
            return schema
        if checked_here and _user_defined(schema):
            return {}
        out = {}
        for key, value in schema.items():
            if key in DROPPED:
                continue
            if key == "$ref":
                out[key] = _absolute(value)
            elif key == "properties":
                out[key] = {name: self.convert(sub, True) for name, sub in value.items()}
                for name, alias in ALIASES.items():
                    if name in out[key] and alias not in out[key]:
                        out[key][alias] = out[key][name]
            elif key in ("items", "additionalProperties"):
                out[key] = self.convert(value, True)
            elif key == "allOf":
                out[key] = [self._container_part(self.convert(sub, False)) for sub in value]
            elif key in ("oneOf", "anyOf"):
                if "oneOf" in schema and "anyOf" in schema:
                    raise ValueError(f"oneOf beside anyOf: {schema}")
                out["anyOf"] = [self.convert(sub, True) for sub in value]
            elif key == "nullable":
                continue
            else:
                out[key] = value
        if schema.get("nullable"):
            if not isinstance(schema.get("type"), str):
                raise ValueError(f"nullable without a single type: {schema}")
            out["type"] = [schema["type"], "null"]
        if checked_here and self.lists_properties(schema):
            out["unevaluatedProperties"] = False
        return out

    @staticmethod
    def _container_part(part):
        """An allOf part that holds one of its listed keys (AggregationContainer: one kind of
        aggregation, beside `aggregations` and `meta` from another part). Its minProperties and
        maxProperties of 1 would count every key of the object; what they mean is exactly one
        of the part's own keys."""
        if part.get("minProperties") == part.get("maxProperties") == 1 and "properties" in part:
            del part["minProperties"], part["maxProperties"]
            part["oneOf"] = [{"required": [name]} for name in part["properties"]]
        return part

    def property_names(self, schema):
        """The properties an object schema names, with those of its allOf parts and $refs."""
        if "$ref" in schema:
            return self.property_names(self.schemas[schema["$ref"].removeprefix(SCHEMAS)])
        names = set(schema.get("properties", ()))
        for part in schema.get("allOf", ()):
            names |= self.property_names(part)
        return names

    def definition(self, name):
        schema = self.schemas[name]
        converted = self.convert(schema, False)
        if name in PATCHES:
            converted = PATCHES[name](converted)
        if name in STACK_ONLY_PROPERTIES:
            converted["properties"] = {**converted["properties"], **STACK_ONLY_PROPERTIES[name]}
        if name in SHORTCUTS:
            (short,) = [
                part["properties"][SHORTCUTS[name]]
                for part in [schema, *schema.get("allOf", ())]
                if SHORTCUTS[name] in part.get("properties", {})
            ]
            converted = {"anyOf": [converted, self.convert(short, True)]}
        if name in FIELD_KEYED:
            # Any key but the named properties is a field, whose value has the given type.
            value = json.loads(
                json.dumps(FIELD_KEYED[name]).replace('"$ref": "', f'"$ref": "{SPEC_URI}{SCHEMAS}')
            )
            converted = {
                "allOf": [converted],
                "properties": dict.fromkeys(sorted(self.property_names(schema)), True),
                "additionalProperties": value,
            }
        return converted


class Spec:
    """The loaded specification: operations by path template, converted schemas."""

    def __init__(self, path=SPEC_PATH):
        with open(path, encoding="utf-8") as file:
            self.document = json.load(file)
        schemas = self.document["components"]["schemas"]
        patched = {**FIELD_KEYED, **SHORTCUTS, **STACK_ONLY_PROPERTIES, **PATCHES}
        missing = [name for name in patched if name not in schemas]
        if missing:
            raise ValueError(f"The specification no longer defines {missing}")
        self.converter = _Converter(schemas)
        converted = {name: self.converter.definition(name) for name in schemas}
        resource = Resource(
            contents={"components": {"schemas": converted}}, specification=DRAFT202012
        )
        self.registry = Registry().with_resource(SPEC_URI, resource)
        self.routes = []
        for template, item in self.document["paths"].items():
            pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
            literal = len(re.sub(r"\{[^/]+?\}", "", template))
            self.routes.append((literal, template, re.compile(pattern + r"\Z"), item))
        # The most literal template first: /_bulk before /{index}.
        self.routes.sort(key=lambda route: -route[0])
        self.operations = {
            operation["operationId"]: operation
            for item in self.document["paths"].values()
            for method, operation in item.items()
            if method in METHODS
        }
        self._validators = {}

    def operation(self, method, path):
        """(path template, operation) of the request, or raise SpecViolation."""
        method = method.lower()
        path = request_path(path)
        for _literal, template, pattern, item in self.routes:
            if pattern.match(path) and method in item:
                return template, item[method]
        raise SpecViolation(f"{method.upper()} {path}: no operation in the specification")

    def body_schema(self, operation):
        """The operation's request body schema (original, unconverted), or None."""
        body = operation.get("requestBody")
        if body is None:
            return None
        if "$ref" in body:
            body = self.document["components"]["requestBodies"][body["$ref"].split("/")[-1]]
        content = body["content"]
        media = content.get("application/json") or next(iter(content.values()))
        return media["schema"]

    def validator(self, operation_id, part=None):
        """A validator of the body of `operation_id` (or of one bulk line kind, `part`)."""
        key = (operation_id, part)
        if key not in self._validators:
            schema = self.body_schema(self.operations[operation_id])
            if part == "source":
                schema = {"type": "object"}  # a document: any object
            elif part is not None:
                schema = self.bulk_parts(schema)[part]
            self._validators[key] = Draft202012Validator(
                self.converter.convert(schema, True), registry=self.registry
            )
        return self._validators[key]

    def bulk_parts(self, schema):
        """Bulk's body is described as an array of action and source items (a oneOf); each
        line is one item, checked against the branch its position calls for: an action, the
        source of an index or create, or the payload of an update."""
        branches = schema["items"]["oneOf"]

        def named(suffix):
            (found,) = [b for b in branches if b.get("$ref", "").endswith(suffix)]
            return found

        (source,) = [b for b in branches if "$ref" not in b]
        return {
            "action": named(".OperationContainer"),
            "update": named(".UpdateAction"),
            "source": source,
        }


def request_path(target):
    """The path of a request target, without its query string and percent-encoding."""
    return unquote(urlsplit(target).path)


@functools.cache
def spec():
    """The specification, loaded once a process (4 MB of JSON)."""
    return Spec()


def _decoded(body):
    if isinstance(body, bytes | bytearray):
        body = body.decode("utf-8")
    if isinstance(body, str):
        return json.loads(body)
    return body


def _lines(body):
    if isinstance(body, bytes | bytearray):
        body = body.decode("utf-8")
    if isinstance(body, str):
        return [json.loads(line) for line in body.splitlines() if line.strip()]
    return [_decoded(line) for line in body]


def _causes(error):
    """The errors that say why. An anyOf's own error ("not valid under any of the given
    schemas") hides that: when exactly one member was meant for the value (its type matches and
    no discriminating `type` field's enum refused it), that member's errors are the causes."""
    if not error.context:
        return [error]
    members = defaultdict(list)
    for sub in error.context:
        members[sub.relative_schema_path[0]].append(sub)

    def mismatch(sub):
        if sub.validator == "type":
            return not sub.relative_path
        return sub.validator in ("enum", "const") and len(sub.relative_path) <= 1

    meant = [subs for subs in members.values() if not any(map(mismatch, subs))]
    if len(meant) != 1:
        return [error]
    return [cause for sub in meant[0] for cause in _causes(sub)]


def _reported_beneath(error, causes):
    """Whether another fault lies beneath an unevaluatedProperties error. A key whose value is
    invalid counts as unevaluated too (and so do all the keys of a failing allOf part), so the
    error would only repeat it; a key misspelled beside it shows once that fault is fixed."""
    prefix = list(error.absolute_path)
    return any(
        c is not error
        and list(c.absolute_path)[: len(prefix)] == prefix
        and c.absolute_path != error.absolute_path
        for c in causes
    )


def _messages(request, validator, instance, where=""):
    """One message per fault: the request, the JSON path in the body and the rule broken."""
    causes = [cause for error in validator.iter_errors(instance) for cause in _causes(error)]
    found = []
    for cause in causes:
        if cause.validator == "unevaluatedProperties" and _reported_beneath(cause, causes):
            continue
        location = where + cause.json_path.removeprefix("$")
        rule = "/".join(map(str, cause.absolute_schema_path))
        message = cause.message if len(cause.message) < 300 else cause.message[:300] + "..."
        found.append(f"{request}: body${location} breaks {cause.validator!r} ({rule}): {message}")
    return found


def errors(method, path, body):
    """What the specification refuses in this request's body (an empty list when nothing)."""
    spec_ = spec()
    template, operation = spec_.operation(method, path)
    request = f"{method.upper()} {request_path(path)} ({operation['operationId']}, {template})"
    schema = spec_.body_schema(operation)
    if schema is None:
        return [] if body in (None, b"", "") else [f"{request}: takes no body, one was sent"]
    if body in (None, b"", ""):
        required = operation.get("requestBody", {}).get("required")
        return [f"{request}: a body is required"] if required else []
    if schema.get("type") == "array" and "oneOf" in schema.get("items", {}):
        return _bulk_errors(spec_, request, operation["operationId"], _lines(body))
    return _messages(request, spec_.validator(operation["operationId"]), _decoded(body))


def _bulk_errors(spec_, request, operation_id, lines):
    found = []
    expect_source = None  # what the next line must be: None (an action) or a part's name
    for number, line in enumerate(lines, 1):
        where = f"[line {number}]"
        part = expect_source or "action"
        found += _messages(request, spec_.validator(operation_id, part), line, where)
        if expect_source:
            expect_source = None
        elif isinstance(line, dict) and len(line) == 1:
            kind = next(iter(line))
            expect_source = {"index": "source", "create": "source", "update": "update"}.get(kind)
    if expect_source:
        found.append(f"{request}: the last action has no source line")
    return found


def validate(method, path, body):
    """Raise SpecViolation listing every fault of the body, if it has any."""
    found = errors(method, path, body)
    if found:
        raise SpecViolation("\n".join(found))
