"""Real servers and sites of their own for the tests of the production profile and of faults (tests/servers.py)."""
import shutil

import pytest

from tests.servers import PostgresCluster, RedisServer, corridor_environment, manage


@pytest.fixture
def redis_url():
    server = RedisServer()
    yield server.url
    server.remove()


@pytest.fixture
def postgres():
    cluster = PostgresCluster()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory):
    directory = tmp_path_factory.mktemp("migrated-site")
    manage(corridor_environment(directory), "migrate", "--verbosity=0")
    return directory / "corridor.sqlite3"


@pytest.fixture
def sqlite_site(_migrated_sqlite, tmp_path):
    """A data directory of its own (CORRIDOR_DATA_DIR) with a migrated SQLite database, for Corridor's processes."""
    directory = tmp_path / "site"
    directory.mkdir()
    shutil.copy(_migrated_sqlite, directory / "corridor.sqlite3")
    return directory
