"""One dataset: the four tables of both APIs plus the Ruddr workspace."""

from dataclasses import dataclass

from ..tables import Table


@dataclass
class Dataset:
    name: str
    zendesk_stages: Table
    zendesk_pipelines: Table
    ruddr_stages: Table
    ruddr_pipelines: Table
    ruddr_workspace: dict

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.zendesk_stages, self.zendesk_pipelines, self.ruddr_stages, self.ruddr_pipelines

    @property
    def changed(self) -> bool:
        return any(table.version for table in self.tables)

    def snapshot(self) -> dict:
        """Every record, in each API's natural order."""
        return {
            "zendesk_sell": {"stages": list(self.zendesk_stages.rows),
                             "pipelines": list(self.zendesk_pipelines.rows)},
            "ruddr": {"workspace": self.ruddr_workspace,
                      "opportunity_stages": list(self.ruddr_stages.rows),
                      "opportunity_pipelines": list(self.ruddr_pipelines.rows)},
        }
