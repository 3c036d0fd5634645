"""``bankladder users``, ``serve`` and ``demo --serve``, as an operator runs them: the server
is a real process on a loopback port, signed in to over real HTTP."""

from __future__ import annotations

import io
import json
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2
import pytest

from tests.e2e.conftest import Outcome
from tests.workbench import PASSWORD, small_bank

pytestmark = pytest.mark.e2e

Cli = Callable[..., Outcome]
BANKLADDER = str(Path(sys.executable).parent / "bankladder")
HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "bank.db"
    small_bank(f"sqlite:///{path}").dispose()
    return path


def add(cli: Cli, monkeypatch: pytest.MonkeyPatch, args: str, password: str = PASSWORD) -> Outcome:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return cli(f"users add {args} --password-stdin")


def test_users_are_added_and_listed(cli: Cli, monkeypatch: pytest.MonkeyPatch, store: Path) -> None:
    assert add(cli, monkeypatch, f"wang --role rm --rm RM01 --db {store}").code == 0
    assert (
        add(cli, monkeypatch, f"zhao --role manager --branch BR01 --locale en --db {store}").code
        == 0
    )
    listed = json.loads(cli(f"users list --format json --db {store}").out)
    assert [(u["username"], u["role"], u["rm_id"], u["branch_id"]) for u in listed] == [
        ("wang", "rm", "RM01", None),
        ("zhao", "manager", None, "BR01"),
    ]
    assert PASSWORD not in json.dumps(listed)


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        ("li --role rm", PASSWORD, "no RM"),
        ("li --role manager --branch BR99", PASSWORD, "no branch"),
        ("li --role boss", PASSWORD, "not one of rm, manager, admin, auditor"),
        ("li --role admin", "short", "at least 12 characters"),
    ],
)
def test_a_wrong_user_is_one_clear_message(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, store: Path, args: str, password: str, message: str
) -> None:
    result = add(cli, monkeypatch, f"{args} --db {store}", password)
    assert result.code != 0
    assert message in result.err
    assert "Traceback" not in result.err


def test_an_api_token_is_printed_once(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, store: Path
) -> None:
    add(cli, monkeypatch, f"shen --role auditor --db {store}")
    result = cli(f"users token shen reports --db {store}")
    assert result.code == 0
    assert re.fullmatch(r"blt_[\w-]{43}\n", result.out)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [BANKLADDER, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def read_until(process: subprocess.Popen[str], marker: str, seconds: float) -> str:
    assert process.stdout is not None
    seen, deadline = "", time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            seen += line
    assert marker in seen, seen
    return seen


def wait_healthy(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/healthz").status_code == 200:
                return
        except httpx2.TransportError:
            time.sleep(0.3)
    pytest.fail(f"the workbench at {base} did not answer")


def signed_in_me(base: str, username: str, password: str) -> dict[str, object]:
    with httpx2.Client(base_url=base) as browser:
        form = HIDDEN_CSRF.search(browser.get("/sign-in").text)
        assert form is not None
        data = {"username": username, "password": password, "csrf_token": form.group(1)}
        assert browser.post("/sign-in", data=data).status_code == 303
        me: dict[str, object] = browser.get("/api/v1/me").json()
        return me


def test_serve_answers_on_a_loopback_port_and_signs_in_over_plain_http(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    store: Path,
    server: Callable[..., subprocess.Popen[str]],
) -> None:
    add(cli, monkeypatch, f"wang --role rm --rm RM01 --db {store}")
    port = free_port()
    process = server("serve", "--port", str(port), "--db", str(store))
    assert "Secure cookies off" in read_until(process, "Serving the workbench", 30)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base)
    assert signed_in_me(base, "wang", PASSWORD)["rm_id"] == "RM01"


def test_serve_refuses_a_missing_store_in_one_message(cli: Cli, tmp_path: Path) -> None:
    result = cli(f"serve --db {tmp_path / 'none.db'}")
    assert result.code == 3
    assert "no store at" in result.err


def test_demo_serve_prints_a_sign_in_per_role_and_serves_them(
    tmp_path: Path, server: Callable[..., subprocess.Popen[str]]
) -> None:
    port = free_port()
    demo = tmp_path / "demo.db"
    process = server("demo", "--parties", "300", "--db", str(demo), "--serve", "--port", str(port))
    printed = read_until(process, "demo-auditor", 300)
    passwords = dict(re.findall(r"(demo-[a-z]+)\s*│\s*([\w-]+)\s*│", printed))
    assert set(passwords) == {
        "demo-rm",
        "demo-manager",
        "demo-admin",
        "demo-approver",
        "demo-auditor",
    }
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base)
    rm = signed_in_me(base, "demo-rm", passwords["demo-rm"])
    manager = signed_in_me(base, "demo-manager", passwords["demo-manager"])
    assert (rm["role"], rm["rm_id"]) == ("rm", "RM0101")
    assert manager["role"] == "manager"
    assert manager["branch_id"] is not None
    assert signed_in_me(base, "demo-auditor", passwords["demo-auditor"])["role"] == "auditor"
