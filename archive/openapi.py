"""The JSON API described in OpenAPI 3.1, served at ``/api/openapi.json``.

Written by hand (a schema library would want the views rewritten around it): each path of
``archive/views/api.py`` and the exports, its parameters and the fields it answers. A test
checks that every JSON route of the URLconf is described here, with the parameters its view
reads (:data:`archive.views.api.CALL_PARAMETERS` and the others).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .filters import CallFilter

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}
_INTEGER = {"type": "integer"}
_URL = {"type": "string", "format": "uri"}
_NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}

#: What each parameter of the calls list means (the names are CallFilter's).
CALL_FILTERS = {
    "q": 'Full-text search: words, "a phrase", -excluded, OR.',
    "leader": "A leader's slug; repeated, the calls between all of them.",
    "country": "A country's two-letter code; repeated, the calls of any of them.",
    "topic": "A topic's slug (its narrower topics included); repeated, any of them.",
    "kind": "phone, video, meeting or other.",
    "year": "A year, or unknown (the calls with no date).",
    "month": "A month (1-12) of the year given, or unknown.",
    "publisher": "A source's publisher; repeated, the calls any of them reported.",
    "readout": "one-sided: the calls every source of which speaks for one side.",
    "sort": "newest, oldest, longest, archived or relevance.",
    "from": "The first day: YYYY-MM-DD, YYYY-MM or YYYY.",
    "to": "The last day: YYYY-MM-DD, YYYY-MM or YYYY.",
}


def _parameter(name: str, description: str, schema=None, repeat=False) -> dict[str, Any]:
    schema = schema or _STRING
    if repeat:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if repeat else {}),
    }


def _paging(max_size: int, default_size: int) -> list[dict[str, Any]]:
    return [
        _parameter(
            "size",
            f"Rows a page, 1 to {max_size} (default {default_size}).",
            {"type": "integer", "minimum": 1, "maximum": max_size, "default": default_size},
        ),
        _parameter(
            "page", "The page, from 1; past the last is a 400.", {"type": "integer", "minimum": 1}
        ),
    ]


def _call_parameters() -> list[dict[str, Any]]:
    repeated = {"leader", "country", "topic", "publisher"}
    missing = set(CallFilter.base_filters) - set(CALL_FILTERS)
    assert not missing, f"describe the filters {missing}"
    return [
        _parameter(name, CALL_FILTERS[name], repeat=name in repeated)
        for name in CallFilter.base_filters
    ]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], required: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        data["required"] = list(properties)
    return data


def _list_of(row: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The envelope of a list's twin, its rows ``row``."""
    return {
        "allOf": [
            _ref("Envelope"),
            _object({**(extra or {}), "rows": {"type": "array", "items": _ref(row)}}),
        ]
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": _json(_ref("Error"), "A parameter the list does not read, or a value it cannot apply."),
}
_NOT_FOUND = {"404": _json(_ref("Error"), "No such record.")}


def _get(summary: str, parameters, ok: dict[str, Any], errors=None, path_params=()):
    return {
        "get": {
            "summary": summary,
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": _STRING}
                for name in path_params
            ]
            + list(parameters),
            "responses": {"200": ok, **(errors or _ERRORS)},
        }
    }


def _schemas() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    facet_value = _object(
        {
            "value": _STRING,
            "label": _STRING,
            "count": count,
            "selected": {"type": "boolean"},
            "toggle_url": _URL,
        }
    )
    return {
        "Error": _object({"error": _STRING, "reasons": {"type": "array", "items": _STRING}}),
        "FacetValue": facet_value,
        "Facet": {
            "type": "object",
            "required": ["name", "label", "values", "truncated"],
            "properties": {
                "name": _STRING,
                "label": _STRING,
                "hint": _STRING,
                "values": {"type": "array", "items": _ref("FacetValue")},
                "truncated": {"type": "boolean"},
                "timed_out": {"type": "boolean"},
                "estimated": {"type": "boolean"},
                "value_count": count,
                "find": _NULLABLE_STRING,
                "more_url": _NULLABLE_URL,
                "less_url": _NULLABLE_URL,
                "previous_url": _NULLABLE_URL,
                "next_url": _NULLABLE_URL,
            },
        },
        "Envelope": _object(
            {
                "total": count,
                "page": {"type": "integer", "minimum": 1},
                "size": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1},
                "url": _URL,
                "next": _NULLABLE_URL,
                "previous": _NULLABLE_URL,
                "html_url": _URL,
                "facets": {"type": "array", "items": _ref("Facet")},
            }
        ),
        "Source": _object(
            {
                "title": _STRING,
                "publisher": _NULLABLE_STRING,
                "published": {"type": ["string", "null"], "format": "date"},
                "url": _NULLABLE_URL,
                "permalink": _URL,
                "role": {"enum": ["main", "background"]},
            }
        ),
        "Call": _object(
            {
                "id": _INTEGER,
                "url": _URL,
                "json": _URL,
                "date": {"type": ["string", "null"], "format": "date"},
                "date_precision": {"enum": ["day", "month", "year", "unknown"]},
                "date_inferred": _NULLABLE_STRING,
                "kind": {"enum": ["phone", "video", "meeting", "other"]},
                "duration_minutes": {"type": ["integer", "null"]},
                "duration_qualifier": _NULLABLE_STRING,
                "initiator": _NULLABLE_STRING,
                "participants": {
                    "type": "array",
                    "items": _object({"name": _STRING, "country": _STRING}),
                },
                "topics": {"type": "array", "items": _STRING},
                "sources": {"type": "array", "items": _ref("Source")},
                "one_sided": {"type": "boolean"},
                "status": {"enum": ["extracted", "reviewed"]},
                # The call's event code in the CAMEO ontology (archive/event_codes.py).
                "cameo_code": {"enum": ["040", "041"]},
            }
        ),
        "LeaderRow": _object(
            {
                "slug": _STRING,
                "name": _STRING,
                "country": _STRING,
                "country_name": _STRING,
                "calls": count,
                "url": _URL,
                "json": _URL,
            }
        ),
        "TopicRow": _object(
            {
                "slug": _STRING,
                "name": _STRING,
                "parent": _NULLABLE_STRING,
                "calls": count,
                "url": _URL,
                "json": _URL,
            }
        ),
        "CountryRow": _object(
            {
                "code": _STRING,
                "name": _STRING,
                "leaders": count,
                "calls": count,
                "url": _URL,
                "json": _URL,
            }
        ),
        "SourceRow": _object(
            {
                "id": _INTEGER,
                "title": _STRING,
                "publisher": _NULLABLE_STRING,
                "published": {"type": ["string", "null"], "format": "date"},
                "url": _NULLABLE_URL,
                "permalink": _URL,
                "json": _URL,
                "calls": count,
            }
        ),
        "Counted": _object(
            {"slug": _STRING, "name": _STRING, "calls": count, "url": _URL, "json": _URL}
        ),
        "LeaderRecord": {
            "allOf": [
                _ref("CallsOf"),
                _object(
                    {
                        "slug": _STRING,
                        "name": _STRING,
                        "aliases": {"type": "array", "items": _STRING},
                        "verified": {"type": "boolean"},
                        "country": _STRING,
                        "country_name": _STRING,
                        "country_url": _URL,
                        "url": _URL,
                        "json": _URL,
                        "terms": {
                            "type": "array",
                            "items": _object(
                                {
                                    "office": _STRING,
                                    "title": _STRING,
                                    "country": _STRING,
                                    "start": {"type": ["string", "null"], "format": "date"},
                                    "end": {"type": ["string", "null"], "format": "date"},
                                }
                            ),
                        },
                        "counterparts": {"type": "array", "items": _ref("CountedLeader")},
                        "topics": {"type": "array", "items": _ref("Counted")},
                        "feed_url": _URL,
                    }
                ),
            ]
        },
        "CountedLeader": _object(
            {
                "slug": _STRING,
                "name": _STRING,
                "country": _STRING,
                "calls": count,
                "url": _URL,
                "json": _URL,
            }
        ),
        "TopicRecord": {
            "allOf": [
                _ref("CallsOf"),
                _object(
                    {
                        "slug": _STRING,
                        "name": _STRING,
                        "description": _STRING,
                        "url": _URL,
                        "json": _URL,
                        "parent": {"oneOf": [_ref("NamedTopic"), {"type": "null"}]},
                        "subtopics": {"type": "array", "items": _ref("NamedTopic")},
                        "leaders": {"type": "array", "items": _ref("CountedLeader")},
                        "feed_url": _URL,
                    }
                ),
            ]
        },
        "NamedTopic": _object({"slug": _STRING, "name": _STRING, "url": _URL, "json": _URL}),
        "CountryRecord": {
            "allOf": [
                _ref("CallsOf"),
                _object(
                    {
                        "code": _STRING,
                        "name": _STRING,
                        "url": _URL,
                        "json": _URL,
                        "leaders": {"type": "array", "items": _ref("Counted")},
                        "counterparts": {
                            "type": "array",
                            "items": _object(
                                {
                                    "code": _STRING,
                                    "name": _STRING,
                                    "calls": count,
                                    "url": _URL,
                                    "json": _URL,
                                }
                            ),
                        },
                    }
                ),
            ]
        },
        "SourceRecord": _object(
            {
                "id": _INTEGER,
                "title": _STRING,
                "publisher": _NULLABLE_STRING,
                "published": {"type": ["string", "null"], "format": "date"},
                "url": _NULLABLE_URL,
                "permalink": _URL,
                "json": _URL,
                "dateline": _NULLABLE_STRING,
                "language": _STRING,
                "calls": {
                    "type": "array",
                    "items": _object(
                        {
                            "id": _INTEGER,
                            "role": {"enum": ["main", "background"]},
                            "url": _URL,
                            "json": _URL,
                        }
                    ),
                },
            }
        ),
        "CallsOf": _object(
            {
                "calls": count,
                "calls_estimated": {"type": "boolean"},
                "calls_per_year": {
                    "type": "array",
                    "items": _object({"year": _INTEGER, "calls": count}),
                },
                "calls_url": _URL,
                "calls_export_url": _URL,
            }
        ),
    }


def _with_snippet(schemas: dict[str, Any]) -> dict[str, Any]:
    """A search's rows have their matching passage too (HTML: the text escaped, the words
    found in <mark>), and only a search's."""
    for name in ("Call", "SourceRow"):
        schemas[name]["properties"]["snippet"] = _NULLABLE_STRING
    return schemas


def openapi_document(site: str = "") -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API served at ``site``."""
    from .views.api import DEFAULT_SIZE, MAX_SIZE

    paging = _paging(MAX_SIZE, DEFAULT_SIZE)
    facet_parameters = [
        _parameter("more", "A facet to list at length (its values paged by fpage).", repeat=True),
        _parameter("fq", "Words the opened facet's values are found by."),
        _parameter("fpage", "The page of the opened facet's values.", {"type": "integer"}),
    ]
    calls_extra = {
        "sort": _STRING,
        "filters": {"type": "array", "items": _object({"name": _STRING, "value": _STRING})},
        "facets_estimated": {"type": "boolean"},
        "facets_sample_size": {"type": ["integer", "null"]},
        "export_urls": _object({"csv": _URL, "json": _URL}),
    }
    paths = {
        reverse("archive:search-json"): _get(
            "The calls list and search, a page at a time, with its facets.",
            _call_parameters() + paging + facet_parameters,
            _json(_list_of("Call", calls_extra), "A page of calls."),
        ),
        reverse("archive:leaders-json"): _get(
            "Leaders, by calls or by name.",
            [
                _parameter("q", "Words of a leader's name or alias."),
                _parameter("country", "A country's two-letter code."),
                _parameter("sort", "calls (most first) or name.", {"enum": ["calls", "name"]}),
                *paging,
            ],
            _json(_list_of("LeaderRow", {"sort": _STRING}), "A page of leaders."),
        ),
        reverse("archive:topics-json"): _get(
            "Topics by name.", paging, _json(_list_of("TopicRow"), "A page of topics.")
        ),
        reverse("archive:countries-json"): _get(
            "Countries, by name or by calls.",
            [_parameter("sort", "name or calls.", {"enum": ["name", "calls"]}), *paging],
            _json(_list_of("CountryRow", {"sort": _STRING}), "A page of countries."),
        ),
        reverse("archive:sources-json"): _get(
            "Sources, newest first or by relevance to a search.",
            [
                _parameter("q", "Full-text search of the sources' titles and text."),
                _parameter("publisher", "A publisher, as sources name it."),
                *paging,
            ],
            _json(_list_of("SourceRow"), "A page of sources."),
        ),
        "/leaders/{slug}.json": _get(
            "A leader: terms, calls, counterparts and topics.",
            [],
            _json(_ref("LeaderRecord"), "The leader."),
            {**_ERRORS, **_NOT_FOUND},
            ["slug"],
        ),
        "/topics/{slug}.json": _get(
            "A topic: its place in the taxonomy, calls and leaders.",
            [],
            _json(_ref("TopicRecord"), "The topic."),
            {**_ERRORS, **_NOT_FOUND},
            ["slug"],
        ),
        "/countries/{code}.json": _get(
            "A country: its leaders, calls and counterpart countries.",
            [],
            _json(_ref("CountryRecord"), "The country."),
            {**_ERRORS, **_NOT_FOUND},
            ["code"],
        ),
        "/sources/{id}.json": _get(
            "A source: what it is and the calls it reports.",
            [],
            _json(_ref("SourceRecord"), "The source."),
            {**_ERRORS, **_NOT_FOUND},
            ["id"],
        ),
        "/calls/{id}.json": _get(
            "A call in the export shape, with its summary and statements.",
            [],
            _json(_ref("Call"), "The call."),
            _NOT_FOUND,
            ["id"],
        ),
        reverse("archive:calls-export", kwargs={"fmt": "json"}): _get(
            "Every call the filters select, unpaged (the export).",
            _call_parameters(),
            _json(
                _object(
                    {
                        "count": {"type": "integer"},
                        "filters": {"type": "object"},
                        "calls": {"type": "array", "items": _ref("Call")},
                    }
                ),
                "Every matching call.",
            ),
        ),
        "/calls.plover.json": _get(
            "Every call the filters select as PLOVER event records (archive/event_codes.py): "
            "event CONSULT, its mode, the CAMEO code, actors with their countries, sources.",
            _call_parameters(),
            _json({"type": "object"}, "The events, under the key events."),
        ),
        "/calls/{id}.plover.json": _get(
            "A call as one PLOVER event record.",
            [],
            _json({"type": "object"}, "The event."),
            _NOT_FOUND,
            ["id"],
        ),
        reverse("archive:openapi"): _get(
            "This document.", [], _json({"type": "object"}, "The OpenAPI document.")
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Diplo",
            "version": "1",
            "summary": "Leaders' calls and meetings, with the sources that report them.",
            "description": (
                "Every list of the archive has a JSON twin taking the page's parameters, "
                "paged by size and page, with its facets; every record has a JSON "
                "permalink. An unknown parameter or a value that cannot be applied is a "
                "400 with the reasons. See /api/."
            ),
        },
        "servers": [{"url": site or "/"}],
        "paths": paths,
        "components": {"schemas": _with_snippet(_schemas())},
    }
