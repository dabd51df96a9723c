"""A local emulator of the Zendesk Sell and Ruddr stage/pipeline APIs (the server: standard library
only). A product part: `make demo` and `make bench` run the connectors against it, and so do the
tests.

Start it with ``python -m sandbox --port 8000 --dataset default`` or from Python with
``Sandbox.start(...)``; `sandbox.connectors` points the connectors at it. Its manual is README.md
beside this file.
"""

from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN, unique_credentials
from .handle import Sandbox, SandboxError

__all__ = ["DEFAULT_RUDDR_KEY", "DEFAULT_ZENDESK_TOKEN", "Sandbox", "SandboxError", "unique_credentials"]
