"""Progress of one stream's read, logged as Airbyte LOG messages for a person watching a long sync.

A read that ends within the first interval logs nothing here (the CDK already logs how many
records each stream read). A longer one logs pages and records so far once per interval, and a
last line when it ends, so a slow or rate-limited sync never looks stuck.
"""

import logging
import time
from collections.abc import Callable

PROGRESS_INTERVAL_SECONDS = 10.0


class ReadProgress:
    def __init__(
        self,
        stream_name: str,
        logger: logging.Logger,
        interval_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._stream_name = stream_name
        self._logger = logger
        self._interval = PROGRESS_INTERVAL_SECONDS if interval_seconds is None else interval_seconds
        self._clock = clock
        self.start()

    def start(self) -> None:
        self._pages = self._records = 0
        self._started = self._last_logged = self._clock()
        self._logged_any = False

    def page(self, records: int) -> None:
        self._pages += 1
        self._records += records
        now = self._clock()
        if now - self._last_logged >= self._interval:
            self._last_logged = now
            self._logged_any = True
            self._log("so far")

    def done(self) -> None:
        if self._logged_any:
            self._log("done")

    def _log(self, when: str) -> None:
        elapsed = self._clock() - self._started
        self._logger.info(
            f"{self._stream_name}: {when} {self._pages:,} pages, {self._records:,} records in {elapsed:.0f} s"
        )
