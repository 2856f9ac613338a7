"""The Teams app package: `python -m manifest.build` as `make package` runs it.

The manifest and its localisation file are checked against Microsoft's own JSON schemas from the
npm package @microsoft/app-manifest (installed into tools/node_modules by `make tools`, which
`make test` runs first; never committed).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from PIL import Image

from manifest import build as manifest_build

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "tools" / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"
APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
DOMAIN = "delta-bot.siv.no"


def run_build(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the build in a clean environment (none of the developer's settings leak in)."""
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "manifest.build", *args],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def schema_dir() -> Path:
    d = SCHEMAS / f"v{manifest_build.MANIFEST_VERSION}"
    if not d.is_dir():
        pytest.fail(f"{d} is missing: run `make tools` (npm ci in tools/) to install @microsoft/app-manifest")
    return d


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict[str, bytes]:
    """The zip built from typical production settings, as {name: bytes}."""
    tmp = tmp_path_factory.mktemp("package")
    result = run_build(tmp, {"MicrosoftAppId": APP_ID.upper(), "BOT_DOMAIN": DOMAIN, "APP_VERSION": "1.2.3"})
    assert result.returncode == 0, result.stderr
    zip_path = tmp / "build" / manifest_build.PACKAGE_NAME
    assert zip_path.is_file(), result.stdout
    with zipfile.ZipFile(zip_path) as zf:
        assert zf.testzip() is None
        return {info.filename: zf.read(info) for info in zf.infolist()}


@pytest.fixture(scope="module")
def manifest(package) -> dict:
    return json.loads(package["manifest.json"].decode("utf-8"))


@pytest.fixture(scope="module")
def localization(package) -> dict:
    return json.loads(package["en.json"].decode("utf-8"))


def schema_errors(schema_path: Path, doc: dict) -> list[str]:
    validator = Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(doc)]


# --- manifest version -------------------------------------------------------------------------


def test_manifest_version_is_newest_generally_available_in_schema_package(schema_dir):
    numbered = [p.name for p in SCHEMAS.iterdir() if re.fullmatch(r"v1\.\d+", p.name)]
    newest = max(numbered, key=lambda v: int(v.split(".")[1]))
    assert f"v{manifest_build.MANIFEST_VERSION}" == newest, (
        f"@microsoft/app-manifest ships {newest}; move MANIFEST_VERSION there if Teams accepts it for bots"
    )
    assert "preview" not in manifest_build.MANIFEST_VERSION.lower()


def test_manifest_declares_its_version_and_schema(manifest):
    v = manifest_build.MANIFEST_VERSION
    assert manifest["manifestVersion"] == v
    assert manifest["$schema"] == f"https://developer.microsoft.com/json-schemas/teams/v{v}/MicrosoftTeams.schema.json"


# --- schema validation ------------------------------------------------------------------------


def test_manifest_validates_against_official_teams_schema(schema_dir, manifest):
    assert schema_errors(schema_dir / "MicrosoftTeams.schema.json", manifest) == []


def test_localization_file_validates_against_official_schema(schema_dir, localization):
    assert schema_errors(schema_dir / "MicrosoftTeams.Localization.schema.json", localization) == []


def test_schema_check_really_rejects_a_broken_manifest(schema_dir, manifest):
    """Guard against a validator that accepts anything (e.g. a wrong draft or an empty schema)."""
    broken = json.loads(json.dumps(manifest))
    broken["bots"][0]["botId"] = "not-a-guid"
    broken["name"]["short"] = "x" * 31
    broken["surprise"] = True
    errors = schema_errors(schema_dir / "MicrosoftTeams.schema.json", broken)
    assert len(errors) >= 3, errors


# --- content ----------------------------------------------------------------------------------


def test_ids_and_domain_filled_in(manifest):
    assert manifest["id"] == APP_ID  # normalised to lower case
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["webApplicationInfo"] == {"id": APP_ID, "resource": f"api://botid-{APP_ID}"}
    assert manifest["validDomains"] == [DOMAIN, "token.botframework.com"]
    assert manifest["version"] == "1.2.3"
    assert "{{" not in json.dumps(manifest)


def test_names_and_descriptions_in_bokmal(manifest):
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "nb-no"
    assert 0 < len(manifest["name"]["short"]) <= 30
    assert "Delta" in manifest["name"]["short"]
    text = manifest["description"]["full"] + manifest["description"]["short"]
    assert "videomøte" in text and "Sykehuset i Vestfold" in text


def test_developer_defaults(manifest):
    dev = manifest["developer"]
    assert dev["name"] == "Sykehuset i Vestfold HF"
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert dev[key].startswith("https://") and "siv.no" in dev[key]


def test_bot_scopes_and_commands(manifest):
    bot = manifest["bots"][0]
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    covered = set()
    for commands in bot["commandLists"]:
        covered |= set(commands["scopes"])
        assert [c["title"] for c in commands["commands"]] == ["ny avtale", "hurtig", "hjelp"]
        assert all(c["description"] for c in commands["commands"])
    assert covered == {"personal", "team", "groupChat"}


def test_english_localisation_covers_every_bokmal_string(manifest, localization):
    loc = manifest["localizationInfo"]
    assert loc["additionalLanguages"] == [{"languageTag": "en", "file": "en.json"}]
    expected = {"name.short", "name.full", "description.short", "description.full"}
    for i, commands in enumerate(manifest["bots"][0]["commandLists"]):
        for j, _ in enumerate(commands["commands"]):
            expected |= {f"bots[0].commandLists[{i}].commands[{j}].title",
                         f"bots[0].commandLists[{i}].commands[{j}].description"}
    expected |= {"composeExtensions[0].commands[0].title", "composeExtensions[0].commands[0].description"}
    assert set(localization) - {"$schema"} == expected
    assert localization["bots[0].commandLists[0].commands[0].title"] == "new meeting"
    assert localization["bots[0].commandLists[0].commands[1].title"] == "quick"
    assert localization["bots[0].commandLists[0].commands[2].title"] == "help"
    assert "video meeting" in localization["description.full"]
    # Every localised string differs from bokmål somewhere: it was really translated.
    assert localization["description.full"] != manifest["description"]["full"]


# --- zip layout and icons ----------------------------------------------------------------------


def test_zip_has_exactly_the_expected_files_at_root(package, manifest):
    assert sorted(package) == sorted(["manifest.json", "en.json", "color.png", "outline.png"])
    assert all("/" not in name for name in package)
    referenced = {manifest["icons"]["color"], manifest["icons"]["outline"]}
    referenced |= {lang["file"] for lang in manifest["localizationInfo"]["additionalLanguages"]}
    assert referenced <= set(package)


def test_zip_is_reproducible(tmp_path, package):
    result = run_build(tmp_path, {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN, "APP_VERSION": "1.2.3"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "build" / manifest_build.PACKAGE_NAME) as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == package


def test_color_icon(package):
    img = Image.open(io.BytesIO(package["color.png"]))
    assert img.format == "PNG" and img.size == (192, 192) and img.mode == "RGBA"
    colours = img.getcolors(maxcolors=192 * 192)
    assert colours is not None and len(colours) > 10, "color.png is (nearly) a single colour"
    # The white glyph sits on the coloured background, within the 120x120 safe area.
    alpha_min, _ = img.getchannel("A").getextrema()
    assert alpha_min == 255, "color.png should be fully opaque"
    assert img.getpixel((96, 96))[:3] != img.getpixel((4, 4))[:3]
    white = [(x, y) for x in range(192) for y in range(192) if img.getpixel((x, y))[:3] == (255, 255, 255)]
    assert len(white) > 1000
    assert all(30 <= x < 162 and 30 <= y < 162 for x, y in white)


def test_outline_icon_is_white_on_transparent(package):
    img = Image.open(io.BytesIO(package["outline.png"]))
    assert img.format == "PNG" and img.size == (32, 32) and img.mode == "RGBA"
    pixels = list(img.getdata())
    offending = [p for p in pixels if p[3] != 0 and p[:3] != (255, 255, 255)]
    assert offending == [], "outline.png may only hold white or fully transparent pixels"
    opaque = sum(1 for p in pixels if p[3] >= 128)
    transparent = sum(1 for p in pixels if p[3] == 0)
    assert 100 < opaque < 700, "the glyph is missing or fills the square"
    assert transparent > 300
    for corner in ((0, 0), (31, 0), (0, 31), (31, 31)):
        assert img.getpixel(corner)[3] == 0


def test_committed_icons_are_the_packaged_ones(package):
    icons = REPO / "manifest" / "icons"
    assert (icons / "color.png").read_bytes() == package["color.png"]
    assert (icons / "outline.png").read_bytes() == package["outline.png"]


def test_icon_generator_reproduces_committed_icons():
    from manifest import make_icons

    for name, draw in (("color.png", make_icons.color_icon), ("outline.png", make_icons.outline_icon)):
        committed = Image.open(REPO / "manifest" / "icons" / name).convert("RGBA")
        drawn = draw()
        assert drawn.size == committed.size
        # A tolerance for resampling differences between Pillow versions.
        worst = max(abs(a - b) for p, q in zip(drawn.getdata(), committed.getdata()) for a, b in zip(p, q))
        assert worst <= 8, f"re-run python -m manifest.make_icons ({name})"


# --- settings and refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "app_id",
    [None, "", "   ", "not-a-guid", "3f2504e0-4f89-41d3-9a0c-0305e82c330", "{3f2504e0-4f89-41d3-9a0c-0305e82c3301}",
     "3f2504e04f8941d39a0c0305e82c3301"],
)
def test_refuses_missing_or_malformed_bot_id(tmp_path, app_id):
    env = {"BOT_DOMAIN": DOMAIN}
    if app_id is not None:
        env["MicrosoftAppId"] = app_id
    result = run_build(tmp_path, env)
    assert result.returncode == 2
    assert "MicrosoftAppId" in result.stderr
    assert not (tmp_path / "build").exists(), "nothing may be written when the settings are wrong"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOT_DOMAIN", "delta bot.siv.no"),
        ("BOT_DOMAIN", "delta-bot.siv.no:443"),
        ("BOT_DOMAIN", "https://delta-bot.siv.no/api/messages"),
        ("APP_VERSION", "1.0"),
        ("APP_VERSION", "v1.0.0"),
        ("APP_PRIVACY_URL", "http://www.siv.no/personvern"),
        ("APP_TERMS_URL", "vilkår"),
        ("APP_DEVELOPER_NAME", "x" * 33),
    ],
)
def test_refuses_other_malformed_settings(tmp_path, name, value):
    result = run_build(tmp_path, {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN, name: value})
    assert result.returncode == 2, result.stdout
    assert name in result.stderr


def test_domain_given_as_url_is_reduced_to_host(tmp_path):
    result = run_build(tmp_path, {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": "https://Delta-Bot.siv.no/"})
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "build" / "appPackage" / "manifest.json").read_text())
    assert manifest["validDomains"][0] == "delta-bot.siv.no"


def test_empty_domain_builds_with_a_warning(tmp_path, schema_dir):
    result = run_build(tmp_path, {"MicrosoftAppId": APP_ID})
    assert result.returncode == 0, result.stderr
    assert "BOT_DOMAIN" in result.stderr
    manifest = json.loads((tmp_path / "build" / "appPackage" / "manifest.json").read_text())
    assert manifest["validDomains"] == ["token.botframework.com"]
    assert schema_errors(schema_dir / "MicrosoftTeams.schema.json", manifest) == []


def test_reads_dotenv_and_environment_wins(tmp_path):
    (tmp_path / ".env").write_text(
        "# settings\n"
        f"MicrosoftAppId={APP_ID}\n"
        "export BOT_DOMAIN='from-dotenv.siv.no'\n"
        'APP_DEVELOPER_NAME="SiV IKT"  \n'
        "APP_VERSION=9.9.9 # overridden below\n",
        encoding="utf-8",
    )
    result = run_build(tmp_path, {"APP_VERSION": "2.0.0"})
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "build" / "appPackage" / "manifest.json").read_text())
    assert manifest["id"] == APP_ID
    assert manifest["validDomains"][0] == "from-dotenv.siv.no"
    assert manifest["developer"]["name"] == "SiV IKT"
    assert manifest["version"] == "2.0.0"


def test_developer_settings_and_sso_resource_are_used(tmp_path, schema_dir):
    env = {
        "MicrosoftAppId": APP_ID,
        "BOT_DOMAIN": DOMAIN,
        "APP_DEVELOPER_NAME": "SiV Digitalisering",
        "APP_WEBSITE_URL": "https://intranett.siv.no/delta",
        "APP_PRIVACY_URL": "https://intranett.siv.no/delta/personvern",
        "APP_TERMS_URL": "https://intranett.siv.no/delta/vilkar",
        "APP_SSO_RESOURCE": f"api://{DOMAIN}/botid-{APP_ID}",
    }
    result = run_build(tmp_path, env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "build" / "appPackage" / "manifest.json").read_text())
    assert manifest["developer"] == {
        "name": "SiV Digitalisering",
        "websiteUrl": "https://intranett.siv.no/delta",
        "privacyUrl": "https://intranett.siv.no/delta/personvern",
        "termsOfUseUrl": "https://intranett.siv.no/delta/vilkar",
    }
    assert manifest["webApplicationInfo"]["resource"] == f"api://{DOMAIN}/botid-{APP_ID}"
    assert schema_errors(schema_dir / "MicrosoftTeams.schema.json", manifest) == []


@pytest.mark.parametrize("how", ["--out", "BUILD_DIR"])
def test_output_folder_can_be_chosen(tmp_path, how):
    out = tmp_path / "elsewhere" / "pkg"
    env = {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN}
    args: list[str] = []
    if how == "--out":
        args = ["--out", str(out)]
    else:
        env["BUILD_DIR"] = str(out)
    result = run_build(tmp_path, env, *args)
    assert result.returncode == 0, result.stderr
    assert (out / manifest_build.PACKAGE_NAME).is_file()
    assert sorted(p.name for p in (out / "appPackage").iterdir()) == sorted(manifest_build.PACKAGE_FILES)
    assert not (tmp_path / "build").exists()


def test_message_extension_and_link_unfurling(manifest, localization):
    """Contracts §3a: an action command for the compose box and the command box that fetches its
    task from the bot, and link unfurling for the join links' domains (the bot's own domain is
    where the embedded portal's links live)."""
    from bot.compose import COMMAND_ID

    (extension,) = manifest["composeExtensions"]
    assert extension["botId"] == manifest["bots"][0]["botId"]
    (command,) = extension["commands"]
    assert command["id"] == COMMAND_ID and command["type"] == "action" and command["fetchTask"] is True
    assert {"compose", "commandBox"} <= set(command["context"])
    assert command["title"] == "Delta-videomøte"
    assert localization["composeExtensions[0].commands[0].title"] == "Delta video meeting"
    (handler,) = extension["messageHandlers"]
    assert handler["type"] == "link"
    assert "join.nhn.no" in handler["value"]["domains"]
    assert manifest["validDomains"][0] in handler["value"]["domains"]


def test_join_link_domains_setting(tmp_path, schema_dir):
    from manifest.build import ConfigError, load_settings, render

    env = {"MicrosoftAppId": "00000000-0000-4000-8000-000000000001", "BOT_DOMAIN": "bot.example.no",
           "JOIN_LINK_DOMAINS": "join.nhn.no, video.example.no"}
    manifest, _ = render(load_settings(env))
    domains = manifest["composeExtensions"][0]["messageHandlers"][0]["value"]["domains"]
    assert domains == ["join.nhn.no", "video.example.no", "bot.example.no"]
    with pytest.raises(ConfigError, match="JOIN_LINK_DOMAINS"):
        load_settings({**env, "JOIN_LINK_DOMAINS": "https://x/y"})
