"""Real servers for the tests of the production profile and of faults: a PostgreSQL cluster and a Redis of
their own (temporary directories, free loopback ports; the test skips when Debian's package is missing),
Corridor's own processes (manage.py commands, gunicorn, the job consumer) in subprocesses with their own
environment, and a waiting helper."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, seconds: float, what: str, interval: float = 0.2):
    """Poll `condition` until it returns something true; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {seconds}s waiting for {what}")


def corridor_environment(data_dir: Path, **variables) -> dict:
    """The environment of a Corridor process of its own: its data directory, SQLite and the embedded queue
    unless DATABASE_URL / REDIS_URL are given (those of the test run itself are not inherited)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE", "DEBUG")}
    environment.update(CORRIDOR_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="corridor.settings",
                       LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT), **variables)
    return environment


def manage(environment: dict, *arguments, timeout=120) -> str:
    result = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout


def python(environment: dict, *arguments, timeout=120) -> str:
    result = subprocess.run([sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Process:
    """A long-running subprocess in its own process group (gunicorn's workers, the consumer's threads),
    its output in a file shown when a test fails."""

    def __init__(self, command: list[str], environment: dict, log: Path):
        self.log = log
        self.popen = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log.open("wb"),
                                      stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self, sig=signal.SIGKILL):
        """Signal the whole group, as the system's out-of-memory killer or a power cut would stop it."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def stop(self):
        self.kill(signal.SIGTERM)


def _postgresql_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


class PostgresCluster:
    """initdb in a temporary directory and a server on a free loopback port; stop() and start() keep the data."""

    def __init__(self):
        self.bin = _postgresql_bin()
        if self.bin is None:
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
        self.directory = Path(tempfile.mkdtemp(prefix="corridor-pg-test."))
        self.directory.chmod(0o755)
        # PostgreSQL refuses to run as root: Debian's package creates the postgres account.
        self.as_owner = []
        if os.getuid() == 0:
            shutil.chown(self.directory, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        self.url = f"postgres://corridor@127.0.0.1:{self.port}/corridor"
        self._run("initdb", "-D", self.data, "-U", "corridor", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "corridor", "corridor")

    @property
    def data(self) -> str:
        return str(self.directory / "data")

    def _run(self, program, *arguments):
        subprocess.run([*self.as_owner, str(self.bin / program), *arguments], check=True, capture_output=True)

    def start(self):
        self._run("pg_ctl", "-D", self.data, "-l", str(self.directory / "server.log"), "-w", "-o",
                  f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c fsync=off "
                  "-c full_page_writes=off", "start")

    def stop(self, mode="fast"):
        """fast: sessions are cut, as when the server is restarted for an upgrade or a failover."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def remove(self):
        subprocess.run([*self.as_owner, str(self.bin / "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    def __init__(self):
        program = shutil.which("redis-server")
        if program is None:
            pytest.skip("Redis is not installed (apt-get install redis-server)")
        self.directory = Path(tempfile.mkdtemp(prefix="corridor-redis-test."))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [program, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.directory),
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL, start_new_session=True)
        wait_until(self._answers, 10, "Redis to start", 0.05)

    def _answers(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def remove(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)
