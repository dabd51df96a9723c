"""Responses of the APIs without a server: for airbyte-cdk's HttpMocker, pages built from the
templates in unit_tests/resource/http/response/ (CDK builders) or from given records, JSON and error
bodies; and a `requests.Response` for code that is handed one."""

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

import requests
from airbyte_cdk.test.mock_http import HttpResponse
from airbyte_cdk.test.mock_http.response_builder import (
    FieldPath,
    NestedPath,
    PaginationStrategy,
    create_record_builder,
    create_response_builder,
    find_template,
)


class NextPageLink(PaginationStrategy):
    """Zendesk Sell: `meta.links.next_page` points at the given page."""

    def __init__(self, url: str):
        self._url = url

    def update(self, response: Dict[str, Any]) -> None:
        response["meta"]["links"]["next_page"] = self._url


class HasMore(PaginationStrategy):
    """Ruddr: `hasMore: true`."""

    def update(self, response: Dict[str, Any]) -> None:
        response["hasMore"] = True


# The CDK finds templates under the `unit_tests` folder above the path it is given.
TEMPLATES_FOLDER = Path(__file__).resolve().parents[2] / "unit_tests"


def template(resource: str) -> Dict[str, Any]:
    return find_template(resource, str(TEMPLATES_FOLDER))  # a fresh copy on every call


def zendesk_sell_page(
    resource: str,
    ids: Iterable[int],
    next_page: Optional[int] = None,
    fields: Optional[Mapping[int, Mapping[str, Any]]] = None,
) -> HttpResponse:
    """A page of `resource` (zendesk_sell_stages or zendesk_sell_pipelines) holding these ids."""
    path = resource.replace("zendesk_sell_", "")
    link = f"https://api.getbase.com/v2/{path}?page={next_page}&per_page=100"
    builder = create_response_builder(template(resource), FieldPath("items"), NextPageLink(link))
    for record_id in ids:
        record = create_record_builder(template(resource), FieldPath("items"), record_id_path=NestedPath(["data", "id"]))
        record.with_id(record_id)
        for name, value in (fields or {}).get(record_id, {}).items():
            record.with_field(NestedPath(["data", name]), value)
        builder.with_record(record)
    if next_page is not None:
        builder.with_pagination()
    return builder.build()


def ruddr_page(resource: str, ids: Iterable[str], has_more: bool = False, fields: Optional[Mapping[str, Mapping[str, Any]]] = None) -> HttpResponse:
    builder = create_response_builder(template(resource), FieldPath("results"), HasMore())
    for record_id in ids:
        record = create_record_builder(template(resource), FieldPath("results"), record_id_path=FieldPath("id"))
        record.with_id(record_id)
        for name, value in (fields or {}).get(record_id, {}).items():
            record.with_field(FieldPath(name), value)
        builder.with_record(record)
    if has_more:
        builder.with_pagination()
    return builder.build()


def ruddr_records_page(records: List[Mapping[str, Any]], has_more: bool = False) -> HttpResponse:
    """A page of a Ruddr list holding exactly these records."""
    return json_response({"results": records, "hasMore": has_more})


def json_response(body: Any, status: int = 200, headers: Optional[Mapping[str, str]] = None) -> HttpResponse:
    return HttpResponse(json.dumps(body), status, headers or {})


def error_response(resource: str, status: int, headers: Optional[Mapping[str, str]] = None) -> HttpResponse:
    return HttpResponse(json.dumps(template(resource)), status, headers or {})


def ruddr_ids(count: int, offset: int = 0) -> list:
    """Deterministic uuid-shaped ids."""
    return [f"00000000-0000-4000-8000-{index:012d}" for index in range(offset, offset + count)]


def requests_response(status: int, headers: Optional[Mapping[str, str]] = None, body: bytes = b"",
                      url: Optional[str] = None) -> requests.Response:
    """A `requests.Response` as the code under test is handed one: this status, headers and body,
    answering a GET of `url` if given."""
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers or {})
    response._content = body
    if url is not None:
        response.request = requests.Request("GET", url).prepare()
    return response
