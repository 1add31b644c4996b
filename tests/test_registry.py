"""Every check, reader and format module is registered explicitly (no import-time discovery)."""

from __future__ import annotations

import pkgutil

import scorer
import scorer.checks
import scorer.read
import scorer.render
from scorer.checks import REGISTRY, all_rules
from scorer.read import READERS
from scorer.render import BINARY_FORMATS, FORMATS

_HELPERS = {"base"}


def _modules(pkg: object) -> set[str]:
    return {m.name for m in pkgutil.iter_modules(pkg.__path__)} - _HELPERS  # type: ignore[attr-defined]


def test_every_check_module_is_registered() -> None:
    assert {m.__name__.rsplit(".", 1)[1] for m in REGISTRY.values()} == _modules(scorer.checks)


def test_every_rule_has_documentation_with_examples() -> None:
    for rule, mod in all_rules().items():
        doc = mod.__doc__ or ""
        assert rule in doc.splitlines()[0] or rule in doc, rule
        assert "Passing" in doc and "Failing" in doc and "Fix" in doc, rule


def test_every_reader_module_is_registered() -> None:
    registered = {fn.__module__.rsplit(".", 1)[1] for fn in READERS.values()}
    assert registered == _modules(scorer.read) - {"zipguard", "htmlguard", "reflow", "docx_numbering"}


def test_every_format_module_is_registered() -> None:
    registered = {fn.__module__.rsplit(".", 1)[1] for fn in (*FORMATS.values(), *BINARY_FORMATS.values())}
    assert registered == _modules(scorer.render) - {"safe"}
    assert not set(FORMATS) & set(BINARY_FORMATS)


def test_every_package_is_shipped_in_the_wheel() -> None:
    import sys
    from pathlib import Path

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    root = Path(scorer.__file__).parent
    on_disk = {"scorer." + ".".join(p.parent.relative_to(root).parts) if p.parent != root else "scorer"
               for p in root.rglob("__init__.py")}
    listed = set(tomllib.loads((root.parent / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    assert on_disk <= listed, sorted(on_disk - listed)
