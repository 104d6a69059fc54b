"""No module of callsheet imports itself back through others: layers read top to bottom, and a module
can be understood (and loaded) after the ones it imports. Imports inside functions and under
TYPE_CHECKING count too: a cycle hidden in a function is still a cycle of ideas."""

from __future__ import annotations

import grimp


def cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round (strongly connected, Tarjan's), sorted.

    >>> cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    [['a', 'b', 'c']]
    >>> cycles({"a": {"b"}, "b": set()})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        # An explicit stack of (module, its imports still to visit): the graph is deeper than it looks.
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, pending = work[-1]
            step = next(pending, None)
            if step is not None:
                if step not in imports:
                    continue
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(imports[step]))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def one_round(graph: grimp.ImportGraph, group: list[str]) -> str:
    """A round of imports through the group, as a reader follows it: `a -> b -> ... -> a`."""
    first = group[0]
    step = next(m for m in sorted(graph.find_modules_directly_imported_by(first)) if m in group)
    back = graph.find_shortest_chain(importer=step, imported=first) or (step, first)
    return " -> ".join((first, *back))


def test_it_finds_no_import_cycle_among_the_modules() -> None:
    graph = grimp.build_graph("callsheet", cache_dir=None)
    imports = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    found = cycles(imports)
    assert not found, "modules that import each other round:\n" + "\n".join(one_round(graph, g) for g in found)
