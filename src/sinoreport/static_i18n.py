"""A faster file step for mkdocs-static-i18n (folder layout), with the same results.

static-i18n re-creates every MkDocs `File` once per built locale and again for each alternate, in
`folder.create_i18n_file`, using `pathlib` for every path test. At 1,000 articles that is ~25,000
calls per rebuild, and a py-spy profile of one edit under `sinoreport serve` put 47 % of the rebuild
there (pathlib parsing, and debug messages formatted whether or not debug logging is on). Our docs tree
has only clean relative POSIX paths, so the same decisions can be made with string prefixes.

`install()` swaps in `create_i18n_file` and `is_relative_to` below for the version we tested against
(tests/unit/test_static_i18n.py compares every attribute with the original's on real trees); any
other version of the plugin is left alone.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import PurePath
from typing import Any

SUPPORTED = ("1.3.1",)

_original: dict[str, Any] = {}


def _under(path: str, folder: str) -> bool:
    """pathlib's `PurePath(path).is_relative_to(folder)` for clean POSIX paths."""
    return path == folder or path.startswith(folder + "/")


def _rest(path: str, folder: str) -> str:
    """pathlib's `PurePath(path).relative_to(folder).as_posix()` for a clean path under `folder`."""
    return path[len(folder) + 1:] or "."


def _clean(p: str) -> bool:
    return "\\" not in p and "//" not in p and not p.endswith("/") and "/./" not in p \
        and not p.startswith("./") and not p.endswith("/.") and p not in ("", ".")


def is_relative_to(src_path: Any, dest_path: Any) -> bool:
    a, b = os.fspath(src_path), os.fspath(dest_path)
    if isinstance(a, str) and isinstance(b, str) and _clean(a) and _clean(b) and a.startswith("/") == b.startswith("/"):
        return _under(a, b)
    return PurePath(src_path).is_relative_to(dest_path)  # what static-i18n does


def create_i18n_file(file: Any, current_language: str, default_language: str, all_languages: list,
                     config: Any) -> Any:
    """A new File for `current_language`'s build: where it is written, its URL and its locale."""
    from mkdocs.structure.files import File
    from mkdocs_static_i18n.config import RE_LOCALE

    src_uri = file.src_uri
    dest_uri = file.dest_uri
    if not (_clean(src_uri) and _clean(dest_uri)):  # not a path this shortcut was checked on
        from mkdocs_static_i18n import folder

        original = _original.get("create_i18n_file", folder.create_i18n_file)
        return original(file, current_language, default_language, all_languages, config)

    locale, localization = default_language, None
    first = src_uri.split("/", 1)[0]
    for language in all_languages:
        if _under(src_uri, language):
            locale = localization = language
            break
        if RE_LOCALE.match(first):  # a locale folder that is not configured (yet)
            locale = localization = first
            break

    dest = dest_uri
    if posixpath.basename(dest).endswith("README.html"):
        dest = posixpath.join(posixpath.dirname(dest), "index.html")
    moved = dest_uri  # the README rename applies only where the file moves, as in the original
    if locale != current_language:
        if _under(dest, locale):
            rest = _rest(dest, locale)
            moved = current_language if rest == "." else f"{current_language}/{rest}"
        elif current_language != default_language:
            moved = f"{current_language}/{dest}"
    elif locale == default_language:
        if _under(dest, locale):
            moved = _rest(dest, locale)
        elif current_language != default_language:
            moved = f"{current_language}/{dest}"

    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    new = File.__new__(File)
    # Written straight into the instance: File's cached properties take a lock on every first read,
    # which at ~25,000 calls per rebuild (1,000 articles) was most of what remained here.
    new.__dict__.update(
        src_uri=src_uri,
        src_dir=config["docs_dir"],  # item access: the attribute goes through a descriptor per read
        dest_dir=os.path.normpath(dest_uri),  # as the original passes it: the file's old dest path
        use_directory_urls=config["use_directory_urls"],
        inclusion=file.inclusion,
        dest_uri=moved,
        abs_dest_path=os.path.normpath(os.path.join(config["site_dir"], os.path.normpath(moved))),
        name="index" if stem == "README" else stem,
        locale=locale,
        locale_alternate_of=current_language,
        localization=localization,
        norm_src_uri=_rest(src_uri, localization) if localization else src_uri,
    )
    new.__dict__["url"] = File._get_url(new, new.use_directory_urls)
    new.alternates = {current_language: new}
    return new


def install() -> bool:
    """Use the functions above inside static-i18n; False (nothing changed) for an untested version."""
    try:
        import mkdocs_static_i18n
        from mkdocs_static_i18n import folder, reconfigure
    except ImportError:
        return False
    if getattr(mkdocs_static_i18n, "version", None) not in SUPPORTED:
        return False
    if not _original:
        _original["create_i18n_file"] = folder.create_i18n_file
        _original["is_relative_to"] = reconfigure.is_relative_to
    folder.create_i18n_file = create_i18n_file
    reconfigure.is_relative_to = is_relative_to
    return True


def uninstall() -> None:
    if _original:
        from mkdocs_static_i18n import folder, reconfigure

        folder.create_i18n_file = _original["create_i18n_file"]
        reconfigure.is_relative_to = _original["is_relative_to"]
