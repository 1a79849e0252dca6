"""sinoreport.static_i18n: the fast file step gives exactly the Files static-i18n's own code gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from tests.conftest import copy_project

from sinoreport import static_i18n
from sinoreport.build import Build
from sinoreport.config import load_settings
from sinoreport.sitebuild import mkdocs_config

ATTRS = ("src_uri", "src_dir", "dest_dir", "dest_uri", "use_directory_urls", "inclusion", "name", "url",
         "abs_src_path", "abs_dest_path", "locale", "localization", "locale_alternate_of", "norm_src_uri",
         "src_path", "dest_path")
# paths our renderer never writes, but the shortcut must still decide as static-i18n does
AWKWARD = ["README.md", "en/README.md", "zh-Hant/sub/README.md", "fr/page.md", "fr_FR/page.md", "de",
           "index.md", "zh-Hans/index.md", "zh-Hansx/page.md", "assets/sinoreport/site.css",
           "zh-Hant/assets/logo.svg", "en", "tags/page/2.md", "公司/騰訊.md", "zh-Hant/公司/騰訊.md",
           "./odd.md", "a//b.md"]


def _describe(f: File) -> dict:
    out = {a: getattr(f, a) for a in ATTRS}
    out["alternates"] = {k: v.src_uri for k, v in f.alternates.items()}
    return out


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("i18n") / "project")
    build = Build(load_settings(root))
    build.run()
    config = mkdocs_config(build, site_dir=root / "site")
    return config, list(get_files(config))


def _alternates(f: File) -> list[tuple[str, str]]:
    return sorted((k, v.dest_uri) for k, v in getattr(f, "alternates", {}).items())


def _original_create():
    from mkdocs_static_i18n import folder

    return static_i18n._original.get("create_i18n_file", folder.create_i18n_file)


def _combos(config, files):
    i18n = config.plugins["i18n"]
    languages = [lang.locale for lang in i18n.config.languages]
    default = i18n.default_language
    for f in files:
        for current in languages:
            yield f, current, default, languages


def test_every_file_of_a_rendered_tree_comes_out_the_same(tree):
    original = _original_create()
    assert original is not static_i18n.create_i18n_file, "the original must be compared, not the patch"
    config, files = tree
    seen = 0
    for f, current, default, languages in _combos(config, files):
        ours = static_i18n.create_i18n_file(f, current, default, languages, config)
        theirs = original(f, current, default, languages, config)
        assert _describe(ours) == _describe(theirs), (f.src_uri, current)
        seen += 1
    assert seen == 3 * len(files) and len(files) > 60  # the fixture's pages and assets, in three locales


@pytest.mark.parametrize("src", AWKWARD)
def test_awkward_paths_come_out_the_same(tree, src):
    config, _ = tree
    f = File(src, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=InclusionLevel.INCLUDED)
    for _, current, default, languages in _combos(config, [f]):
        ours = static_i18n.create_i18n_file(f, current, default, languages, config)
        theirs = _original_create()(f, current, default, languages, config)
        assert _describe(ours) == _describe(theirs), (src, current)


@pytest.mark.parametrize(("a", "b"), [
    ("/x/docs/en/a.md", "/x/docs"), ("/x/docs2/a.md", "/x/docs"), ("/x/docs", "/x/docs"),
    ("/x/docs/", "/x/docs"), ("en/a.md", "en"), ("en", "en/"), ("./en/a.md", "en"), ("a//b", "a"),
    ("/x/docs/a.md", "x/docs"), (Path("/x/docs/a.md"), "/x/docs"), ("", ""), (".", "en"),
])
def test_is_relative_to_agrees_with_pathlib(a, b):
    from mkdocs_static_i18n import reconfigure

    original = static_i18n._original.get("is_relative_to", reconfigure.is_relative_to)
    assert static_i18n.is_relative_to(a, b) == original(a, b), (a, b)


def test_install_swaps_in_and_out_and_the_plugin_sorts_the_same_files(tree):
    """static-i18n's whole file step, run with and without the shortcut, gives the same files per locale."""
    from mkdocs_static_i18n import folder

    config, files = tree
    i18n = config.plugins["i18n"]
    was_installed = folder.create_i18n_file is static_i18n.create_i18n_file
    results = {}
    try:
        for patched in (True, False):
            if patched:
                assert static_i18n.install()
                assert folder.create_i18n_file is static_i18n.create_i18n_file
            else:
                static_i18n.uninstall()
                assert folder.create_i18n_file is not static_i18n.create_i18n_file
            out = {}
            for lang in i18n.config.languages:
                i18n.current_language = lang.locale
                made = i18n.reconfigure_files(Files(files), config)
                out[lang.locale] = sorted((f.src_uri, f.dest_uri, f.url, _alternates(f)) for f in made)
            results[patched] = out
    finally:
        if was_installed:
            static_i18n.install()
    assert results[True] == results[False]
    assert all(len(v) > 20 for v in results[True].values())  # each locale's pages and assets
