"""`check`: one cheap authenticated request to an API (`Api.check`), through the same error map,
budget, timeout and headers as a read. A body that is not what that call returns fails the check at
once: the base URL points at something else."""

import logging
from functools import partial

import requests
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from stage_apis.connection import Connection, json_or_none
from stage_apis.errors import StagesErrorHandler
from stage_apis.http_settings import request_timeout


def check_api(connection: Connection, logger: logging.Logger) -> str | None:
    """None when the API answers as expected, else a message naming it and what to do."""
    api = connection.api
    url = connection.api_url + api.check.path
    body_problem = partial(_body_problem, connection)
    client = connection.http_client(
        f"{api.key}_check",
        logger,
        StagesErrorHandler(logger, connection, body_problem=body_problem, retry_bad_body=False),
    )
    try:
        client.send_request(
            "GET",
            url,
            request_kwargs={"timeout": request_timeout()},
            headers=dict(connection.headers),
            params=dict(api.check.params),
        )
    except AirbyteTracedException as error:
        return f"{api.label} check failed (GET {url}): {error.message}"
    return None


def _body_problem(connection: Connection, response: requests.Response) -> str | None:
    problem = connection.api.check.body_problem(json_or_none(response))
    return None if problem is None else f"{problem}; check `{connection.config.path_of('base_url')}`."
