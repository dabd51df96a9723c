"""A local emulator of the Zendesk Sell and Ruddr stage/pipeline APIs (standard library only).

Start it with ``python -m integration_tests.sandbox --port 8000 --dataset default`` or from
Python with ``Sandbox.start(...)``; its manual is README.md beside this file.
"""

from .credentials import DEFAULT_RUDDR_KEY, DEFAULT_ZENDESK_TOKEN
from .handle import Sandbox, SandboxError

__all__ = ["DEFAULT_RUDDR_KEY", "DEFAULT_ZENDESK_TOKEN", "Sandbox", "SandboxError"]
