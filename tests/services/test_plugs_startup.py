"""A configured (non-demo) start loads no simulator or demo-data code.

Run in a fresh interpreter: in the test process other tests have already imported the
simulators, so only a subprocess shows what a real start pulls in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """
[vendors.vroom]
base_url = "https://vroom.test.invalid/api/retailer/v1"
email = "manager@example.com"
site_ids = ["1001"]

[vendors.posiflora]
base_url = "https://shop.posiflora.test.invalid/api"
username = "manager"

[vendors.yodify]
base_url = "https://supply.yodify.test.invalid"

[vendors.endless-aisles]
base_url = "https://ea.test.invalid"

[vendors.fabric]
base_url = "https://fabric.test.invalid"
client_id = "abc"
retailer_id = 500
"""

# Builds the runtime the way the window and the CLI do (open_runtime: every plug, nothing
# started, so no sync and no request), then reports what got imported.
SCRIPT = """
import asyncio, json, sys
from app.services.config import load_config
from app.services.context import AppContext
from app.services.paths import resolve_paths
from app.services.runtime import open_runtime
from app.services.secrets import SecretStore

async def main():
    paths = resolve_paths({"COUNTERPART_HOME": sys.argv[1]})
    paths.ensure()
    paths.default_config_file.write_text(sys.argv[2], encoding="utf-8")
    config = load_config(paths.default_config_file, SecretStore(), need_secrets=False)
    runtime = await open_runtime(AppContext(paths, config, SecretStore(), demo=False))
    try:
        return {name: link.simulator is None for name, link in runtime.links.items()}
    finally:
        await runtime.aclose()

links = asyncio.run(main())
loaded = sorted(m for m in sys.modules if m.startswith("app.vendors.simulators"))
print(json.dumps({"links": links, "simulators": loaded}))
"""


def test_configured_start_of_all_five_vendors_loads_no_simulator(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERPART_")}
    env.update(HOME=str(tmp_path), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "home"), CONFIG],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # All five vendors connected to their configured address, none to a simulator.
    assert report["links"] == {
        "vroom": True,
        "posiflora": True,
        "yodify": True,
        "endless-aisles": True,
        "fabric": True,
    }
    assert report["simulators"] == []
