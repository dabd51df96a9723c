"""The end of `make demo`: the sandbox's Zendesk Sell stages migrated into its Ruddr workspace with
`source-stages read | destination-ruddr write`, a dry run first, then the write.

The destination never creates pipelines (Ruddr's pipeline create page is not documented), so the
Ruddr pipelines named like the Zendesk Sell ones are made first through the sandbox's control
plane, as a Ruddr administrator would make them in Ruddr's settings.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from integration_tests.destination_process import migrate, prepare_ruddr_pipelines, zendesk_pipeline_names
from integration_tests.streams import sandbox_rows

SUMMARY_PREFIXES = ("Ruddr stages:", "Dry run, nothing written")


@dataclass
class Migration:
    ok: bool = True
    lines: List[str] = field(default_factory=list)  # what to print
    created: List[dict] = field(default_factory=list)  # the new Ruddr stages, with their pipeline's name


def run_migration(sandbox, output: Path) -> Migration:
    migration = Migration()
    pipelines = zendesk_pipeline_names(sandbox)
    prepare_ruddr_pipelines(sandbox, pipelines)
    migration.lines.append(f"Ruddr pipelines named like the Zendesk Sell ones, made through the control plane: "
                           f"{', '.join(repr(name) for name in pipelines)}")
    before = {stage["id"] for stage in sandbox_rows(sandbox.data(), "ruddr_opportunity_stages")}
    for name, fields in (("dry-run", {"dry_run": True}), ("write", {})):
        source, destination = migrate(sandbox, fields)
        (output / f"migration-{name}.jsonl").write_text(destination.stdout)
        summary = [line for line in destination.log_messages() if line.startswith(SUMMARY_PREFIXES)]
        ok = source.exit_code == 0 and destination.exit_code == 0 and bool(summary)
        migration.ok = migration.ok and ok
        migration.lines.append(f"{name + ':':9} {summary[0] if summary else 'FAILED'} "
                               f"STATE messages returned: {len(destination.of_type('STATE'))}.")
        for error in destination.error_traces:
            migration.lines.append(f"ERROR: {error['message']}")
    data = sandbox.data()
    names = {pipeline["id"]: pipeline["name"] for pipeline in sandbox_rows(data, "ruddr_opportunity_pipelines")}
    migration.created = [{**stage, "pipeline": names[stage["opportunityPipelineId"]]}
                         for stage in reversed(sandbox_rows(data, "ruddr_opportunity_stages")) if stage["id"] not in before]
    return migration
