"""Configuration: the file's problems reach the user as one line naming file, section and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import main
from app.services.config import ConfigError, VendorConfig, load_config, save_config
from app.services.secrets import SecretStore

VROOM = """
[vendors.vroom]
base_url = "https://www.vroomdelivery.com/api/retailer/v1"
email = "manager@example.com"
site_ids = ["1001", 1002]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


def test_malformed_toml_exits_2_with_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "[vendors.vroom\nemail = 1")
    code, err = run_main(["--config", str(path), "sync"], capsys)
    assert code == 2
    assert err.startswith(f"counterpart: {path}: not valid TOML")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_vendor_names_the_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '[vendors.shopify]\nbase_url = "https://x.example"\n')
    code, err = run_main(["--config", str(path), "sync"], capsys)
    assert code == 2
    assert err.strip() == (
        f"counterpart: {path}: [vendors.shopify] unknown vendor "
        "(known vendors: vroom, posiflora, yodify, endless-aisles, fabric)"
    )


def test_missing_secret_names_section_field_and_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, VROOM)
    code, err = run_main(["--config", str(path), "sync"], capsys)
    assert code == 2
    assert err.strip() == (
        f"counterpart: {path}: [vendors.vroom] password: no portal password found; enter it in "
        "Settings (kept in the system keyring) or set COUNTERPART_VROOM_PASSWORD"
    )


def test_missing_field_and_bad_url_name_the_field(tmp_path: Path) -> None:
    path = write(tmp_path, '[vendors.fabric]\nbase_url = "https://f.example"\nclient_id = "abc"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, SecretStore())
    assert str(caught.value) == f"{path}: [vendors.fabric] retailer_id: required field is missing"
    path = write(tmp_path, '[vendors.yodify]\nbase_url = "ftp://y.example"\n')
    with pytest.raises(ConfigError, match=r"\[vendors.yodify\] base_url: must be a web address"):
        load_config(path, SecretStore())


def test_a_secret_in_the_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VROOM + 'password = "hunter22"\n')
    with pytest.raises(ConfigError, match=r"\[vendors.vroom\] password: secrets never go in"):
        load_config(path, SecretStore())


def test_environment_secret_wins_over_keyring(tmp_path: Path) -> None:
    path = write(tmp_path, VROOM)
    SecretStore().set("vroom", "from-keyring")
    config = load_config(path, SecretStore({"COUNTERPART_VROOM_PASSWORD": "from-env"}))
    assert config.vendors["vroom"].secret == "from-env"
    assert config.vendors["vroom"].get("site_ids") == ["1001", "1002"]
    config = load_config(path, SecretStore({}))
    assert config.vendors["vroom"].secret == "from-keyring"


def test_config_flag_wins_over_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write(tmp_path, "not toml [")
    other = tmp_path / "other.toml"
    other.write_text("not toml either [", encoding="utf-8")
    monkeypatch.setenv("COUNTERPART_CONFIG", str(other))
    assert run_main(["sync"], capsys)[1].startswith(f"counterpart: {other}:")
    assert run_main(["--config", str(broken), "sync"], capsys)[1].startswith(
        f"counterpart: {broken}:"
    )


def test_saving_keeps_other_sections_and_never_writes_the_secret(tmp_path: Path) -> None:
    path = write(tmp_path, "[board]\nrefresh_seconds = 30\n" + VROOM)
    config = load_config(path, SecretStore({"COUNTERPART_VROOM_PASSWORD": "s3cret-pass"}))
    config.vendors["yodify"] = VendorConfig("yodify", {"base_url": "https://y.example"}, False)
    save_config(config)
    text = path.read_text(encoding="utf-8")
    assert "s3cret-pass" not in text
    reread = load_config(path, SecretStore({"COUNTERPART_VROOM_PASSWORD": "s3cret-pass"}))
    assert reread.section("board") == {"refresh_seconds": 30}
    assert reread.enabled_vendors == ["vroom"]
    assert reread.vendors["yodify"].enabled is False
