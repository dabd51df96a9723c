"""`stages`: every configured API's stages in one shape (stage_apis/unified_stage.py;
unified_mapping.py maps each API's own).

It is a join of the list streams as configured (their filters apply): the stages of the API's
stages stream with the names from its pipelines stream. A read this sync already completed is
reused (shared_reads.py); otherwise a fresh list stream reads the pages itself, with the same
budget, error map and pagination. Full refresh only: Ruddr stages carry no update time.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from airbyte_cdk.models import SyncMode
from airbyte_cdk.sources.streams import Stream

from source_stages.providers import provider_of
from source_stages.shared_reads import SharedReads
from stage_apis.connection import Connection
from stage_apis.list_stream import ListStream
from stage_apis.pagination import Records
from stage_apis.unified_stage import UNIFIED_STREAM

ListStreamFactory = Callable[[Connection, type[ListStream]], ListStream]  # a fresh list stream of this sync


class UnifiedStages(Stream):
    name = UNIFIED_STREAM

    @property
    def primary_key(self) -> list[str]:
        return ["source", "id"]

    def __init__(
        self, connections: Sequence[Connection], new_list_stream: ListStreamFactory, shared_reads: SharedReads
    ):
        self._connections = connections
        self._new_list_stream = new_list_stream
        self._shared_reads = shared_reads

    def read_records(
        self,
        sync_mode: SyncMode,
        cursor_field: list[str] | None = None,
        stream_slice: Mapping[str, object] | None = None,
        stream_state: Mapping[str, object] | None = None,
    ) -> Iterable[Mapping[str, object]]:
        unmapped: Counter[tuple[str, object]] = Counter()
        for connection in self._connections:
            provider = provider_of(connection.config)
            pipelines = self._records(connection, provider.pipelines)
            pipeline_names = {pipeline.get("id"): pipeline.get("name") for pipeline in pipelines}
            for stage in self._records(connection, provider.stages):
                record = provider.to_unified_stage(stage, pipeline_names)
                if record["status"] is None:
                    unmapped[(provider.api.key, record["category"])] += 1
                yield record
        if unmapped:
            self.logger.warning(_unmapped_message(unmapped))

    def _records(self, connection: Connection, stream_class: type[ListStream]) -> Records:
        """The list's records, normalised by its stream's schema as its own read emits them."""
        stream = self._new_list_stream(connection, stream_class)
        records = self._shared_reads.complete_read(stream_class.name)
        if records is None:
            records = [record for record in stream.read_only_records() if isinstance(record, dict)]
        schema = stream.get_json_schema()
        for record in records:
            stream.transformer.transform(record, schema)
        return records


def _unmapped_message(unmapped: Counter[tuple[str, object]]) -> str:
    listed = ", ".join(
        f"{source} {category!r} ({count})" for (source, category), count in sorted(unmapped.items(), key=repr)
    )
    return (
        f"{UNIFIED_STREAM}: {sum(unmapped.values())} stage(s) have a category the API docs do not list, so their "
        f"status is null (their category is kept): {listed}."
    )
