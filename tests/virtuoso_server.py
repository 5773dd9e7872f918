"""A real Virtuoso Open Source server (Debian's virtuoso-opensource) for tests, on 127.0.0.1 only.

Its database lives in a temporary folder; the SQL and HTTP ports are free ports of
127.0.0.1. Anonymous SPARQL users are granted SPARQL_UPDATE on this throwaway
database only, so that `peacekg push` can load it through Virtuoso's Graph Store
Protocol service (/sparql-graph-crud).
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from .oxigraph_server import free_port, stop

VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")


def ini(folder: Path, sql_port: int, http_port: int) -> str:
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {VSP}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


def start(folder: Path, *, ready_timeout: float = 120.0):
    """(process, base URL) of a Virtuoso started in ``folder``."""
    sql_port, http_port = free_port(), free_port()
    config = folder / "virtuoso.ini"
    config.write_text(ini(folder, sql_port, http_port), encoding="utf-8")
    log = (folder / "out.log").open("w")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(config)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    deadline = time.monotonic() + ready_timeout
    while True:
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=10).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or process.poll() is not None:
                stop(process)
                raise RuntimeError((folder / "out.log").read_text()[-2000:])
            time.sleep(1)
    subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                   check=True, capture_output=True, timeout=60)
    return process, base
