"""`write` called with messages built in code, not read from stdin (input_lines.py checks those):
a RECORD message without its `record` object is a config_error naming it, before any request,
not an AttributeError (mypy found the unchecked `message.record`)."""

import pytest
from airbyte_cdk.models import AirbyteMessage, FailureType, Type
from airbyte_cdk.utils.traced_exception import AirbyteTracedException

from test_support.destination_messages import UNIFIED, record, unified, write


def test_a_record_message_without_its_record_is_a_config_error_before_any_request() -> None:
    messages = [record(UNIFIED, unified("Lead")), AirbyteMessage(type=Type.RECORD, record=None)]

    with pytest.raises(AirbyteTracedException) as raised:
        write(messages)  # no HTTP mock: a request would fail otherwise

    assert raised.value.failure_type == FailureType.config_error
    assert raised.value.message == "Input record 2 is a RECORD message without its `record` object."
