"""Writing the report's pages to disk on a background thread, while the next page renders.

A large center's report is some 2,000 pages and 50 MB. Rendering holds the interpreter; the
file writes do not (the system call releases the GIL), so one writer thread lets the disk
work while the templates run. On a busy disk the writes alone took 1–2 s, most of which is
now hidden behind rendering. Every page is a pure function of its data, so the files are the
same whatever order the thread finishes them in.
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

MAX_PENDING = 64  # pages rendered but not yet written: bounds the memory they hold


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


class PageFiles:
    """``with PageFiles() as files: files.write(path, text)``; every write is done (or its error
    raised) when the block ends."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="opscore-pages")
        self._pending: deque[Future[None]] = deque()

    def write(self, path: Path, text: str) -> None:
        """Queue ``text`` to be written to ``path`` in UTF-8, newlines as they are (``\n``).

        The text is encoded here: the thread then only makes system calls, which release the
        interpreter, instead of competing with the renderer for it.
        """
        while len(self._pending) >= MAX_PENDING or (self._pending and self._pending[0].done()):
            self._pending.popleft().result()  # raises the write's error, if any
        self._pending.append(self._pool.submit(_write, path, text.encode("utf-8")))

    def close(self) -> None:
        """Wait for every queued write; raise the first error."""
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PageFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
            return
        self._pool.shutdown(wait=True, cancel_futures=True)  # the caller's error wins
