"""`make lab` as a researcher uses it: as root (a container) and as a normal user, on the
port asked for, printing the URL with its token before JupyterLab starts."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def stub():
    """A stand-in for the venv's bin/ that any user can run (pytest's own temporary folders
    are private to their owner): its `jupyter` prints the command line it was given."""
    folder = Path(tempfile.mkdtemp(prefix="multivector-lab-"))
    folder.chmod(0o755)
    (folder / "jupyter").write_text('#!/bin/sh\necho "jupyter $*"\n')
    (folder / "jupyter").chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _make_lab(stub, *prefix, **variables):
    args = [*prefix, "make", "-s", "-o", ".venv/.installed", "-C", str(REPO), "lab", f"BIN={stub}"]
    args += [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_lab_prints_its_url_and_passes_port_and_token(stub):
    out = _make_lab(stub, PORT=9123, TOKEN="secret")
    assert "open http://127.0.0.1:9123/lab?token=secret" in out
    assert "--port=9123" in out and "--IdentityProvider.token=secret" in out
    assert ("--allow-root" in out) == (os.getuid() == 0)


@pytest.mark.skipif(os.getuid() != 0 or not shutil.which("runuser"),
                    reason="needs root and runuser to start make lab as another user")  # fmt: skip
def test_lab_as_a_normal_user_does_not_ask_for_root(stub):
    out = _make_lab(stub, "runuser", "-u", "nobody", "--", PORT=9124, TOKEN="t")
    assert "--port=9124" in out and "--allow-root" not in out


def test_lab_starts_and_serves_with_the_printed_token():
    port = _free_port()
    lab = subprocess.Popen(["make", "-s", "-o", ".venv/.installed", "-C", str(REPO), "lab", f"PORT={port}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           start_new_session=True)  # fmt: skip
    try:
        first = lab.stdout.readline()
        url = re.search(r"open (http://\S+/lab\?token=(\w+))", first)
        assert url, first
        status = f"http://127.0.0.1:{port}/api/status"
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{status}?token={url[2]}", timeout=2) as reply:
                    assert reply.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not answer on port {port}")
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(status, timeout=5)  # no token, no access
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)
