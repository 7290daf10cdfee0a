"""Opening the ledger: the URL, the driver, the file, the schema — each failure named for what it is.

A ledger failure is an environment failure, not an input problem nor a bug: the message names
the ledger (a URL with its password masked, never SQL text nor the figures being written) and
says what to do, and the command exits with :data:`LEDGER_EXIT`. Creating or migrating the
tables happens under a lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL) and
is retried when another process raced us, so any number of runs may open a fresh ledger at once.
A database that is not an opscore ledger is never written to.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from ..errors import OpscoreError
from . import tables as t
from .migrate import migrate_legacy

LEDGER_EXIT = 6
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_SECONDS = 120  # how long a SQLite writer waits for another one before giving up
CREATE_TRIES = 8
LOCK_KEY = 0x6F7073636F7265  # "opscore": the advisory lock that serialises schema changes on PostgreSQL
POSTGRES_HINT = ('安装 PostgreSQL 驱动:pip install "opscore[postgres]"'
                 '‖install the PostgreSQL driver: pip install "opscore[postgres]"')


class LedgerError(OpscoreError):
    """The ledger cannot be opened, read or written: an environment failure (exit 6)."""

    exit_code = LEDGER_EXIT

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def masked(url: str | sa.URL) -> str:
    """The URL as the user can be shown it: the password replaced by ``***``."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: show it as typed, cut short
        return str(url)[:200]


def _reason(exc: BaseException) -> str:
    """The driver's own first line (no SQL text, no parameters), cut to a readable length."""
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return first[:300]


def _url(text: str) -> sa.URL:
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError:
        raise LedgerError(f"--db 不是数据库地址:“{masked(text)}”‖--db is not a database URL: '{masked(text)}'",
                          "例如 sqlite:///out/opscore.db 或 postgresql://用户:密码@主机/库名"
                          "‖e.g. sqlite:///out/opscore.db or postgresql://user:password@host/dbname") from None
    if url.drivername in ("postgresql", "postgres"):  # the driver opscore[postgres] installs
        url = url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_file(url: sa.URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _check_file(path: Path, shown: str) -> None:
    """A ledger file that is there must be a SQLite database: an empty or foreign file is named."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise LedgerError(f"无法读取台账文件 {path}:{exc.strerror}‖cannot read the ledger file {path}: {exc.strerror}",
                          "检查文件权限‖check the file's permissions") from None
    if not head:
        raise LedgerError(f"台账文件是空的:{path}‖the ledger file is empty: {path}",
                          "它不是 opscore 写的台账;从备份恢复,或删除该文件后重新运行各月"
                          "‖it is not a ledger opscore wrote; restore it from a backup, or delete it and run the months again")
    if head != SQLITE_MAGIC:
        raise LedgerError(f"台账文件已损坏或不是 SQLite 数据库:{path} ({shown})"
                          f"‖the ledger file is corrupt or not a SQLite database: {path} ({shown})",
                          "从备份恢复该文件,或用 --db 指定另一个台账‖restore it from a backup, or give another ledger with --db")


def _create_sqlite_file(path: Path) -> None:
    """A fresh SQLite ledger appears whole: built under a temporary name, then linked into place
    only if no other process created the file meanwhile (so an empty file is never ours)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".opscore-db-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        engine = sa.create_engine(f"sqlite:///{tmp}", poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            t.metadata.create_all(conn)
            t.create_views(conn)
            conn.execute(sa.insert(t.info), [{"key": "schema", "value": str(t.SCHEMA_VERSION)}])
        engine.dispose()
        try:
            if hasattr(os, "link"):
                os.link(tmp, path)  # fails if the name exists: another run won the race, and we use its file
            else:  # pragma: no cover - platforms without hard links: rename refuses an existing name on Windows
                os.rename(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _sqlite_events(engine: sa.Engine) -> None:
    """Our own transactions on SQLite: ``BEGIN IMMEDIATE`` for writes (a writer waits for the other
    instead of failing on a lock upgrade), plain ``BEGIN`` for reads."""
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("ledger_write") else "BEGIN")


def _engine(url: sa.URL, shown: str) -> sa.Engine:
    sqlite = url.get_backend_name() == "sqlite"
    try:
        engine = sa.create_engine(url, hide_parameters=True,
                                  **({"connect_args": {"timeout": BUSY_SECONDS}} if sqlite else {}))
    except ModuleNotFoundError as exc:
        hint = POSTGRES_HINT if url.get_backend_name() == "postgresql" else (
            f"安装数据库驱动 {exc.name}‖install the database driver {exc.name}")
        raise LedgerError(f"缺少台账数据库的驱动 {exc.name}:{shown}‖no driver {exc.name} for the ledger: {shown}",
                          hint) from None
    except (sa.exc.NoSuchModuleError, sa.exc.ArgumentError):
        raise LedgerError(f"不支持的台账数据库:{shown}‖unsupported ledger database: {shown}",
                          "用 sqlite:///文件 或 postgresql://…‖use sqlite:///FILE or postgresql://…") from None
    if sqlite:
        _sqlite_events(engine)
    return engine


@contextmanager
def write_tx(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One write transaction (``BEGIN IMMEDIATE`` on SQLite); errors named as ledger failures."""
    with guard(engine):
        with engine.connect() as conn:
            conn.execution_options(ledger_write=True)
            with conn.begin():
                yield conn


@contextmanager
def guard(engine: sa.Engine | str) -> Iterator[None]:
    """Database failures of the environment (unreachable, locked, corrupt) as :class:`LedgerError`."""
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        shown = masked(engine.url if isinstance(engine, sa.Engine) else engine)
        raise LedgerError(f"无法使用台账 {shown}:{_reason(exc)}‖cannot use the ledger {shown}: {_reason(exc)}",
                          "检查数据库是否在运行、地址和密码是否正确、是否可写"
                          "‖check that the database is running, the URL and password are right, and it is writable") from None
    except sa.exc.DatabaseError as exc:
        if isinstance(exc, (sa.exc.IntegrityError, sa.exc.ProgrammingError)):
            raise
        shown = masked(engine.url if isinstance(engine, sa.Engine) else engine)
        raise LedgerError(f"台账已损坏:{shown}:{_reason(exc)}‖the ledger is corrupt: {shown}: {_reason(exc)}",
                          "从备份恢复,或用 --db 指定另一个台账"
                          "‖restore it from a backup, or give another ledger with --db") from None


def open_ledger(url: str) -> sa.Engine:
    """An engine on the ledger at ``url``: created when missing, migrated from schema 1, refused
    when it is not a ledger (empty, corrupt or another application's database)."""
    parsed = _url(url)
    shown = masked(parsed)
    path = _sqlite_file(parsed)
    if path is not None:
        if not path.exists():
            try:
                _create_sqlite_file(path)
            except OSError as exc:
                raise LedgerError(f"无法创建台账文件 {path}:{exc.strerror}‖cannot create the ledger file {path}: "
                                  f"{exc.strerror}", "检查文件夹是否存在且可写‖check the folder exists and is writable") from None
        _check_file(path, shown)
    engine = _engine(parsed, shown)
    for attempt in range(CREATE_TRIES):
        try:
            with write_tx(engine) as conn:
                _ensure_schema(conn, shown)
            return engine
        except (sa.exc.IntegrityError, sa.exc.ProgrammingError) as exc:  # another process created a table meanwhile
            if attempt == CREATE_TRIES - 1:
                raise LedgerError(f"无法建立台账的表 {shown}:{_reason(exc)}‖cannot create the ledger's tables in {shown}: "
                                  f"{_reason(exc)}", "检查数据库用户是否有建表权限"
                                  "‖check that the database user may create tables") from None
            time.sleep(0.05 * (attempt + 1))
    return engine  # pragma: no cover


def _ensure_schema(conn: sa.Connection, shown: str) -> None:
    """Under the schema lock: create, migrate or accept the tables; refuse a foreign database."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    inspector = sa.inspect(conn)
    names = set(inspector.get_table_names())
    if t.info.name in names:
        version = conn.scalar(sa.select(t.info.c.value).where(t.info.c.key == "schema"))
        if version is not None and version.isdigit() and int(version) > t.SCHEMA_VERSION:
            raise LedgerError(f"台账 {shown} 由更新版本的 opscore 写入(结构 {version})"
                              f"‖the ledger {shown} was written by a newer opscore (schema {version})",
                              "升级 opscore‖upgrade opscore")
        t.metadata.create_all(conn, checkfirst=True)
        t.create_views(conn)
        return
    legacy = {n for n in t.LEGACY_TABLES if n in names}
    clash = sorted((names & t.OUR_TABLES) | {n for n in legacy
                                              if not t.LEGACY_TABLES[n] <= {c["name"] for c in inspector.get_columns(n)}})
    sqlite_strangers = sorted(names - t.OUR_TABLES - set(t.LEGACY_TABLES)) if conn.dialect.name == "sqlite" else []
    if clash or sqlite_strangers or len(legacy) == 1:
        raise LedgerError(f"{shown} 不是 opscore 台账"
                          f"(已有表 {', '.join((clash + sqlite_strangers + sorted(legacy))[:8])}),未做任何改动"
                          f"‖{shown} is not an opscore ledger (it holds the tables "
                          f"{', '.join((clash + sqlite_strangers + sorted(legacy))[:8])}); nothing was changed",
                          "用 --db 指定 opscore 的台账,或一个新文件/新数据库"
                          "‖give opscore's ledger with --db, or a new file or database")
    t.metadata.create_all(conn, checkfirst=True)
    if legacy:
        migrate_legacy(conn)
    t.create_views(conn)
    conn.execute(sa.insert(t.info), [{"key": "schema", "value": str(t.SCHEMA_VERSION)}])

