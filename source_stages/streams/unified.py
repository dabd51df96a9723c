"""`stages`: every configured provider's stages in one shape (mapping: source_stages/unified.py).

It is a join of the raw streams as configured (their filters apply): the stages of
`<provider>_stages` with the names from `<provider>_pipelines`. A raw read this sync already
completed is reused (shared_reads.py); otherwise a fresh raw stream reads the pages itself, with
the same budget, error map and pagination. Full refresh only: Ruddr stages carry no update time.
"""

from collections import Counter
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from airbyte_cdk.models import SyncMode
from airbyte_cdk.sources.streams import Stream

from source_stages.shared_reads import SharedReads
from source_stages.streams.base import StagesStream
from source_stages.unified import StageSource

UNIFIED_STREAM = "stages"

RawStreamFactory = Callable[[str], StagesStream]  # a fresh raw stream by name


class UnifiedStagesStream(Stream):
    primary_key = ["source", "id"]

    def __init__(self, sources: Sequence[Tuple[StageSource, RawStreamFactory]], shared_reads: SharedReads):
        self._sources = sources
        self._shared_reads = shared_reads

    @property
    def name(self) -> str:
        return UNIFIED_STREAM

    def read_records(
        self,
        sync_mode: SyncMode,
        cursor_field: Optional[List[str]] = None,
        stream_slice: Optional[Mapping[str, Any]] = None,
        stream_state: Optional[Mapping[str, Any]] = None,
    ) -> Iterable[Mapping[str, Any]]:
        unmapped: Counter = Counter()
        for source, raw_stream in self._sources:
            pipeline_names = {pipeline.get("id"): pipeline.get("name") for pipeline in self._records(source.pipelines_stream, raw_stream)}
            for stage in self._records(source.stages_stream, raw_stream):
                record = source.to_unified(stage, pipeline_names)
                if record["status"] is None:
                    unmapped[(source.provider_key, record["category"])] += 1
                yield record
        if unmapped:
            self.logger.warning(_unmapped_message(unmapped))

    def _records(self, stream_name: str, raw_stream: RawStreamFactory) -> List[Mapping[str, Any]]:
        """The raw records, normalised by the raw stream's schema as its own read emits them."""
        stream = raw_stream(stream_name)
        records = self._shared_reads.complete_read(stream_name)
        if records is None:
            records = [record for record in stream.read_only_records() if isinstance(record, Mapping)]
        schema = stream.get_json_schema()
        for record in records:
            stream.transformer.transform(record, schema)
        return records


def _unmapped_message(unmapped: Counter) -> str:
    listed = ", ".join(f"{source} {category!r} ({count})" for (source, category), count in sorted(unmapped.items(), key=repr))
    return (
        f"{UNIFIED_STREAM}: {sum(unmapped.values())} stage(s) have a category the API docs do not list, so their "
        f"status is null (their category is kept): {listed}."
    )
