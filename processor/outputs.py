"""Put a run's outputs in place all at once, and keep two runs of a month apart.

Everything is rendered into a staging folder beside the real one; only when all of it is
written does the staging folder replace ``<out>/<month>/`` (two renames). A killed run
leaves the staging folder behind — ignored and cleaned by the next run — and the earlier
outputs untouched. A lock file stops a second run on the same month and output folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import RunLocked


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def month_lock(out_dir: Path, month: str) -> Iterator[None]:
    """Exclusive lock ``<out>/.<month>.lock`` holding our pid; a dead holder's lock is taken over."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = out_dir / f".{month}.lock"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            try:
                pid = int(lock.read_text().strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if pid and _alive(pid):
                raise RunLocked(f"{month} 正在由另一个 opscore 进程(pid {pid})处理,输出目录 {out_dir};请等它结束后再运行"
                                f"‖{month} is being processed by another opscore run (pid {pid}) into {out_dir}; "
                                f"wait for it to finish")
            lock.unlink(missing_ok=True)
    else:  # pragma: no cover - lost a race twice
        raise RunLocked(f"无法获得 {lock} 锁‖cannot take the lock {lock}")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


@contextmanager
def staged_folder(final: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``final`` whole."""
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(f".{final.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if final.exists():
        old = final.parent / f".{final.name}.staging-old-{os.getpid()}"
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
