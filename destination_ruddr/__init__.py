from destination_ruddr.destination import DestinationRuddr

__all__ = ["DestinationRuddr"]
