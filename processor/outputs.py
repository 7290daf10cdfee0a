"""Put a run's outputs in place all at once, and keep two runs of a month apart.

Everything is rendered into a staging folder beside the real one; only when all of it is
written does the staging folder replace ``<out>/<month>/`` (two renames). A killed run
leaves the staging folder behind — ignored and cleaned by the next run — and the earlier
outputs untouched. A lock file stops a second run on the same month and output folder.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import OutputLocked, RunLocked


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running. On Windows ``os.kill(pid, 0)`` would terminate it, so
    the process is asked for its exit code instead."""
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    if sys.platform != "win32":  # never: only _alive calls it, on Windows (and mypy on Linux skips what follows)
        raise OSError("Windows only")
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@contextmanager
def month_lock(out_dir: Path, month: str) -> Iterator[None]:
    """Exclusive lock ``<out>/.<month>.lock`` holding our pid; a dead holder's lock is taken over.

    Plain files and ``O_EXCL`` only, so it works the same on every system. Taking over is
    atomic: only the process that creates ``.<month>.lock.takeover`` (``O_EXCL``) may remove a
    dead holder's lock, and only after reading it again as dead while it holds that guard.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = out_dir / f".{month}.lock"
    for _ in range(50):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            holder = _holder(lock)
            if holder is not None:
                raise _locked_by(holder, month, out_dir, lock) from None
            _take_over(lock)
    else:  # pragma: no cover - lost the race 50 times
        raise RunLocked(f"无法获得 {lock} 锁‖cannot take the lock {lock}")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _holder(lock: Path) -> int | None:
    """The live holder's pid (0: a lock being written right now), or None for a dead holder."""
    try:
        pid = int(lock.read_text().strip() or 0)
        fresh = time.time() - lock.stat().st_mtime < 10
    except FileNotFoundError:
        return None  # released meanwhile: try again
    except (OSError, ValueError):
        pid, fresh = 0, False
    if (pid and _alive(pid)) or (not pid and fresh):  # empty and fresh: its pid is being written
        return pid
    return None


def _take_over(lock: Path) -> None:
    """Remove a dead holder's lock, at most one process at a time (see :func:`month_lock`)."""
    guard = lock.with_name(lock.name + ".takeover")
    try:
        fd = os.open(guard, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        try:  # a guard left by a process killed in these few lines is itself stale after 10 s
            if time.time() - guard.stat().st_mtime > 10:
                guard.unlink(missing_ok=True)
        except OSError:
            pass
        time.sleep(0.05)
        return
    try:
        os.close(fd)
        if lock.exists() and _holder(lock) is None:
            lock.unlink(missing_ok=True)
    finally:
        guard.unlink(missing_ok=True)


def _locked_by(pid: int, month: str, out_dir: Path, lock: Path) -> RunLocked:
    err = RunLocked(f"{month} 正在由另一个 opscore 进程(pid {pid})处理,输出目录 {out_dir};请等它结束后再运行"
                    f"‖{month} is being processed by another opscore run (pid {pid}) into {out_dir}; "
                    f"wait for it to finish")
    err.hint = (f"若确认没有 opscore 在运行,删除 {lock} 后重试"
                f"‖if no opscore run is under way, delete {lock} and try again")
    return err


def recover(final: Path) -> None:
    """Undo a swap cut short. A run moves ``final`` aside (``.staging-old-<pid>``), moves its new
    folder in, commits the ledger, then deletes the old folder: a folder left aside means the
    run died before it finished, so the earlier outputs go back, before the stale staging
    folders are cleaned (the ledger, if it did commit, is made to agree by the next run)."""
    olds = sorted(final.parent.glob(f".{final.name}.staging-old-*"), key=lambda p: p.stat().st_mtime)
    if not olds:
        return
    if final.exists():
        os.replace(final, final.parent / f".{final.name}.staging-dead-{os.getpid()}")
    os.replace(olds[-1], final)


def _locked(final: Path, error: OSError) -> OutputLocked:
    files = ", ".join(sorted(p.name for p in final.glob("*.xlsx"))) or final.name
    return OutputLocked(f"无法替换 {final}:其中的文件({files})可能正在 Excel 等程序中打开,或该文件夹只读;"
                        "请关闭该文件后重新运行(本次未写入任何输出,台账未改动)"
                        f"‖cannot replace {final}: a file in it ({files}) may be open in Excel or another program, or "
                        "the folder is read-only; close the file and run again (nothing was written, the ledger is "
                        f"unchanged) [{error.strerror or error}]")


def _is_lock(error: OSError) -> bool:
    """Windows refuses to move a folder holding an open file (access denied, sharing violation);
    elsewhere the same rename fails only on a read-only folder."""
    import errno

    return isinstance(error, PermissionError) or error.errno in (errno.EBUSY, errno.ETXTBSY)


@contextmanager
def staged_folder(final: Path, before_swap: Callable[[], None] | None = None,
                  after_swap: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``final`` whole.

    ``before_swap`` is called between moving the old folder aside and moving the new one in
    (a test hook: the one moment at which ``final`` does not exist; see :func:`recover`).
    ``after_swap`` (the ledger's commit) runs once the new folder is in place and the old one
    still aside: if it fails, the old folder goes back, so a failed run changes nothing. A
    rename refused because a file is open (Excel) raises :class:`OutputLocked`.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    recover(final)
    for stale in final.parent.glob(f".{final.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent))
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)  # mkdtemp makes 0700; the month folder is shared like any folder
    try:
        yield staging
        old = _swap(final, staging, before_swap)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if after_swap is not None:
        try:
            after_swap()
        except BaseException:  # the earlier folder back, or none at all: a failed run changes nothing
            dead = final.parent / f".{final.name}.staging-dead-{os.getpid()}"
            os.replace(final, dead)
            if old is not None:
                os.replace(old, final)
            shutil.rmtree(dead, ignore_errors=True)
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _swap(final: Path, staging: Path, before_swap: Callable[[], None] | None) -> Path | None:
    """Move ``final`` aside and ``staging`` in; the aside folder's path (None when there was none)."""
    old = None
    if final.exists():
        old = final.parent / f".{final.name}.staging-old-{os.getpid()}"
        try:
            os.replace(final, old)
        except OSError as error:
            if _is_lock(error):
                raise _locked(final, error) from error
            raise
    if before_swap is not None:
        before_swap()
    try:
        os.replace(staging, final)
    except OSError as error:
        if old is not None:
            os.replace(old, final)
        if _is_lock(error):
            raise _locked(final, error) from error
        raise
    return old
