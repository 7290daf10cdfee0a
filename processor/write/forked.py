"""Running part of the report's rendering in a second process, on a second core.

Rendering pages is pure Python and holds the interpreter, so threads cannot share it out.
A forked child starts with a copy of everything already computed (no pickling of the
month, no re-import, a few milliseconds), renders its share of the pages to files and
reports back only success or its error. Elsewhere than on Linux, or with a single core,
:func:`can_fork` says no and the caller renders everything itself.

Pages are pure functions of the data, so which process writes which page does not change a
byte of the report. The parent may hold native threads (pyarrow's, fastexcel's) when it
forks; the child never calls into those libraries: it only runs Python over data converted
before the fork. Should it hang anyway, the parent's bounded wait (:meth:`ForkedJob.result`)
stops it and renders its pages itself. The child dies with its parent (:func:`_die_with`).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Linux with two cores or more. (macOS has ``fork`` but its system libraries may crash a
    forked child, which is why Python stopped using it there; Windows has none.)
    ``OPSCORE_NO_FORK=1`` takes the portable path here too, so tests show both give the same pages."""
    if os.environ.get("OPSCORE_NO_FORK", "") not in ("", "0"):
        return False
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and cores() >= 2


def _die_with(parent: int) -> None:
    """End this child when ``parent`` dies, so a killed run never leaves a renderer writing into
    its staging folder: the kernel's parent-death signal where Linux offers it, and everywhere a
    thread that notices the parent is gone (the child is then adopted: its parent pid changes)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux (or no libc): the thread below does it
        pass
    if os.getppid() != parent:  # died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, name="opscore-parent-watch", daemon=True).start()


def _child(send: Connection, fn: Callable[..., Any], args: tuple[Any, ...], parent: int) -> None:
    _die_with(parent)
    try:
        result = fn(*args)
    except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
        text = "".join(traceback.format_exception(error))
        try:
            send.send(("error", error, text))
        except Exception:  # noqa: BLE001 - an error that cannot be pickled
            send.send(("error", RuntimeError(repr(error)), text))
    else:
        send.send(("ok", result, ""))
    finally:
        send.close()


class ForkedJob:
    """``fn(*args)`` running in a forked child; :meth:`result` waits for it and re-raises its error.

    As a context manager, leaving the block early (on an error of the parent's own) stops the
    child, so it never writes into a folder the parent is removing.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(send, fn, args, os.getpid()), name="opscore-pages", daemon=True)
        # The objects made so far leave the cyclic collector's care while both processes
        # render: a full collection writes to every object's header, and each memory page
        # written is then copied, in the child (its memory is the parent's until written) and
        # in the parent alike. They return to it once the child has ended (:meth:`result`,
        # :meth:`stop`); only cyclic garbage among them waits that long to be freed.
        gc.freeze()
        try:
            self._proc.start()
        except BaseException:
            gc.unfreeze()
            raise
        send.close()

    def result(self, timeout: float | None = None) -> Any:
        """The child's return value; its error re-raised here. ``TimeoutError`` (the child
        stopped) when it has not answered within ``timeout`` seconds."""
        if timeout is not None and not self._recv.poll(timeout):
            self.stop()
            self._recv.close()
            raise TimeoutError(f"the page-rendering process did not finish within {timeout:.0f} s")
        try:
            status, value, text = self._recv.recv()
        except EOFError:
            self._proc.join()
            raise RuntimeError(f"the page-rendering process stopped (exit code {self._proc.exitcode})") from None
        finally:
            self._recv.close()
            gc.unfreeze()
        self._proc.join()
        if status == "error":
            value.add_note(f"raised in the page-rendering process:\n{text}")
            raise value
        return value

    def stop(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        gc.unfreeze()

    def __enter__(self) -> ForkedJob:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            self.stop()
