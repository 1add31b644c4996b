"""Where a key of a rubric was written: file and line from YAML node marks, through `extends:` merges."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


def _node_line(root: yaml.Node | None, path: list[str | int]) -> int | None:
    """The 1-based line of the YAML node at a JSON path, as close as the path allows."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _fmt_path(path: list[str | int]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


@dataclass(frozen=True)
class Source:
    """Where a key of a (possibly merged) rubric was written: the file, its YAML tree, the path in it."""

    file: Path
    node: yaml.Node | None
    path: tuple[str | int, ...]


# Merged-rubric path prefix -> where that part was written (the longest known prefix wins).
Origins = dict[tuple[str | int, ...], Source]


class Locator:
    """Turns a YAML path of the rubric being loaded into `file:line: path` for an error message."""

    def __init__(self, path: Path, node: yaml.Node | None, origins: Origins | None = None) -> None:
        self.origins: Origins = origins if origins is not None else {(): Source(path, node, ())}

    def source(self, loc: list[str | int]) -> Source:
        for k in range(len(loc), -1, -1):
            src = self.origins.get(tuple(loc[:k]))
            if src is not None:
                return Source(src.file, src.node, (*src.path, *loc[k:]))
        raise KeyError(loc)  # pragma: no cover - the root is always present

    def __call__(self, loc: list[str | int]) -> str:
        src = self.source(loc)
        line = _node_line(src.node, list(src.path))
        return f"{src.file}{'' if line is None else f':{line}'}: {_fmt_path(list(src.path))}"
