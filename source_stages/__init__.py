from source_stages.source import SourceStages

__all__ = ["SourceStages"]
