"""The streams: one per list endpoint of each configured API, and the unified `stages`."""

from typing import Optional

from source_stages.apis.api import Endpoint
from source_stages.connection import Connection
from source_stages.shared_reads import SharedReads
from source_stages.streams.incremental import IncrementalListStream
from source_stages.streams.list_stream import ListStream


def list_stream(connection: Connection, endpoint: Endpoint, page_size: int, shared_reads: Optional[SharedReads] = None) -> ListStream:
    """The endpoint's stream: incremental when the endpoint names a cursor field."""
    stream_class = IncrementalListStream if endpoint.cursor_field else ListStream
    return stream_class(connection, endpoint, page_size, shared_reads)
