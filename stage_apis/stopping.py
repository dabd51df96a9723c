"""Stopping a command at once when its stdout closes (broken pipe) or on SIGINT (Ctrl-C) or SIGTERM
(how platforms cancel a job), for both console scripts.

The process then ends with `os._exit`, after one line on stderr:

- exit 141 for a broken pipe (128 + SIGPIPE, what a shell reports for `yes | head -1`), stdout
  pointed at /dev/null first, as Python's documentation advises, so that nothing tries to
  write to the closed pipe again;
- exit 130 for SIGINT and 143 for SIGTERM (128 + the signal), once the messages already printed
  are flushed as far as they can be in a second.

Why `os._exit` and not `sys.exit`: the CDK's concurrent framework reads in the worker threads of a
ThreadPoolExecutor, which the interpreter joins at exit. A worker that waits on the framework's
full queue (a reader that went away) or on an answer (a slow API) would keep the process alive,
for ever in the first case. Nothing is lost by not waiting for them: what a worker has not handed
over was never printed, so no STATE the platform received covers it, and the next attempt resumes
from the last STATE it did receive (a record printed after that STATE is read again then, as after
any failed attempt).
"""

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator

from stage_apis.cdk_internals import LOG_HANDLER_CLASS, flush_print_buffer

EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
FLUSH_SECONDS = 1.0  # at most this long to print what is buffered (a reader may have stopped reading)
_STOPPING = threading.Lock()


@contextlib.contextmanager
def stop_at_once(program: str) -> Iterator[None]:
    """SIGINT and SIGTERM end the process (130, 143) while the block runs; restored afterwards.
    Only the main thread can install signal handlers: elsewhere (a test's thread) nothing changes.
    A SIGINT ignored when the process started (`nohup`, a background job) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    for number in STOP_SIGNALS:
        if previous[number] is not signal.SIG_IGN:
            signal.signal(number, lambda signum, frame: _stop_on_signal(program, signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def stop_when_a_log_line_finds_stdout_closed(program: str | None = None) -> Iterator[None]:
    """A LOG line that meets a closed stdout ends the process as a message does, while the block
    runs: around a whole command, since the CDK's entrypoint logs while it is being built.
    `logging.Handler.emit` hands any error to `handleError`, which only reports it, so a write busy
    with slow requests (only LOG lines between its STATEs) would carry on creating stages until its
    next STATE, and a read backing off would go on through every retry. The CDK makes its handler
    itself, while the entrypoint is built, so its class is changed, for the block only."""
    name = program or os.path.basename(sys.argv[0])
    report = LOG_HANDLER_CLASS.handleError

    def stop_or_report(handler: logging.Handler, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], BrokenPipeError):
            stop_on_broken_pipe(name)
        report(handler, record)

    LOG_HANDLER_CLASS.handleError = stop_or_report  # type: ignore[method-assign,assignment]  # for the block; restored below
    try:
        yield
    finally:
        LOG_HANDLER_CLASS.handleError = report  # type: ignore[method-assign]  # the class's own again


def stop_on_broken_pipe(program: str) -> None:
    """Ends the process: stdout is closed, so nothing more can be delivered."""
    stdout = sys.__stdout__  # None when the process started without one
    if stdout is not None:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    _stop(EXIT_BROKEN_PIPE, f"{program}: stdout was closed (broken pipe); stopped.")


def _stop_on_signal(program: str, signum: int) -> None:
    # Runs in the main thread, wherever it was: a watchdog ends the process should the flush block
    # on a pipe that nobody reads.
    code = 128 + signum
    watchdog = threading.Timer(FLUSH_SECONDS, os._exit, args=(code,))
    watchdog.daemon = True
    watchdog.start()
    flush_print_buffer(FLUSH_SECONDS)
    name = signal.Signals(signum).name
    _stop(code, f"{program}: stopped by {name}; the next read resumes from the last STATE it emitted.")


def _stop(code: int, line: str) -> None:
    # One thread says why, once: a worker's LOG line and the main thread's message can meet the
    # closed stdout at the same moment. Another that finds the lock taken waits for the exit.
    if not _STOPPING.acquire(timeout=FLUSH_SECONDS):
        os._exit(code)
    # The CDK's print buffer stands in for sys.stderr during a command: the real one is written.
    stderr = sys.__stderr__  # None when the process started without one
    if stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            stderr.write(line + "\n")
            stderr.flush()
    os._exit(code)
