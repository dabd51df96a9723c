"""Decodes each list response once, for the three places that need its body.

The error handler asks first (a 200 whose body is not the API's envelope is retried like a 5xx),
then the stream reads the records and the paginator the next token. The reader keeps the last
response it decoded, so the JSON is parsed once per page.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

import orjson
import requests
from airbyte_cdk.models import FailureType
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from stage_apis.pagination import MalformedPage, Page


class PageReader:
    def __init__(self, stream_name: str, api_label: str, envelope: Callable[[object], Page]):
        self._stream_name = stream_name
        self._api_label = api_label
        self._envelope = envelope
        self._last: tuple[requests.Response, Page | str] | None = None

    def problem(self, response: requests.Response) -> str | None:
        """Why this 2xx response is not a usable page, or None if it is one."""
        decoded = self._decode(response)
        return decoded if isinstance(decoded, str) else None

    def page(self, response: requests.Response) -> Page:
        decoded = self._decode(response)
        if isinstance(decoded, str):
            raise AirbyteTracedException(
                message=decoded, internal_message=decoded, failure_type=FailureType.system_error
            )
        return decoded

    def _decode(self, response: requests.Response) -> Page | str:
        if self._last is not None and self._last[0] is response:
            return self._last[1]
        try:
            decoded: Page | str = self._envelope(orjson.loads(response.content))
        except orjson.JSONDecodeError as error:
            decoded = f"{self._where(response)} returned a body that is not JSON ({error})."
        except MalformedPage as error:
            decoded = f"{self._where(response)} returned JSON that is not the {self._api_label} list envelope: {error}."
        self._last = (response, decoded)
        return decoded

    def _where(self, response: requests.Response) -> str:
        return f"{self._stream_name}: {response.request.method} {urlsplit(response.url).path}"
