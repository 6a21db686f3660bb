"""The shape of the code (docs/architecture.md), checked: the capability
packages of ``articles`` import only what is below them, ``entities`` never
imports ``articles``, and no module or class outgrows what one person can hold
in mind."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Bottom to top: a package may import its own modules and the packages below it.
LAYERS = [
    "models",
    "freshness",
    "publiccounts",
    "stories",
    "editorial",
    "suggestions",
    "facts",
    "importing",
    "jobs",
    "site",
    "api",
    "desk",
    "evaluation",
    "management",
]
# Project wiring above every package: the app's config and admin entry point.
TOP = {"apps", "admin"}
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 250


def python_files(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts and "settings" not in path.parts:
                yield path


def imported_modules(path: Path):
    """Every module ``path`` imports (absolute names), with the line."""
    tree = ast.parse(path.read_text("utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def layer_of(module: str) -> int | None:
    """The layer of an ``articles`` module (``None``: not in a package)."""
    parts = module.split(".")
    if parts[0] != "articles" or len(parts) < 2:
        return None
    if parts[1] in TOP:
        return len(LAYERS)
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def test_every_articles_module_is_in_a_known_layer():
    unknown = [
        str(path.relative_to(ROOT))
        for path in python_files("articles")
        if layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts)) is None
        and path.name != "__init__.py"
    ]
    assert unknown == []


def test_packages_import_only_what_is_below_them():
    wrong = []
    for path in python_files("articles"):
        own = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None:
            continue
        for module, line in imported_modules(path):
            other = layer_of(module)
            if other is not None and other > own:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert wrong == []


def test_entities_never_import_articles():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in python_files("entities")
        for module, line in imported_modules(path)
        if module.split(".")[0] == "articles"
    ]
    assert wrong == []


@pytest.mark.parametrize("folder", ["articles", "entities", "newsroom"])
def test_no_module_or_class_is_too_long(folder):
    long = []
    for path in python_files(folder):
        text = path.read_text("utf-8")
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    long.append(f"{path.relative_to(ROOT)}: class {node.name} {size}")
    assert long == []
