"""Louvain communities, step for step those of ``networkx.community.louvain_communities``.

The same partition as networkx for the same graph and seed (same node visiting order,
same tie-breaking, same floating-point expressions, same stopping rule), computed on
plain dicts instead of networkx's graph views, skipping nodes without neighbours (they
never move), and keeping only the level graphs' sets of original nodes rather than
updating every community's node set on each move: about four times faster on the
report's graphs (2.8 s -> 0.6 s at 14,000 nodes).

Only what the report uses is supported: an undirected graph with numeric ``weight``
edge attributes, resolution 1, the default threshold, every level.

>>> import networkx as nx
>>> g = nx.barbell_graph(4, 0)
>>> nx.set_edge_attributes(g, 1, "weight")
>>> sorted(sorted(c) for c in louvain_communities(g, seed=0))
[[0, 1, 2, 3], [4, 5, 6, 7]]
"""
from __future__ import annotations

import random
from typing import Hashable, Iterator

import networkx as nx

__all__ = ["louvain_communities"]

THRESHOLD = 0.0000001       # networkx's default modularity gain per level

Adjacency = dict[Hashable, dict[Hashable, float]]


def louvain_communities(graph: nx.Graph, seed: int = 0) -> list[set]:
    """The communities networkx's ``louvain_communities(graph, weight="weight",
    seed=seed)`` finds, as a list of sets of nodes."""
    if graph.is_directed() or graph.is_multigraph():
        raise ValueError("louvain_communities takes an undirected simple graph")
    rng = random.Random(seed)
    original = {node: {nbr: data.get("weight", 1) for nbr, data in nbrs.items()}
                for node, nbrs in graph.adjacency()}
    if not any(original.values()):
        return [{node} for node in original]
    mod = _modularity(original, [[node] for node in original])
    # networkx copies the graph edge by edge, which reorders the neighbour lists
    adj: Adjacency = {node: {} for node in original}
    for u, v, weight in _edges(original):
        adj[u][v] = weight
        adj[v][u] = weight
    members: dict[Hashable, set] = {node: {node} for node in adj}
    m = sum(_degrees(adj).values()) / 2
    inner, improvement = _one_level(adj, m, rng)
    improvement = True
    partition: list[set] = []
    while improvement:
        partition = [set().union(*(members[node] for node in community))
                     for community in inner]
        new_mod = _modularity(adj, inner)
        if new_mod - mod <= THRESHOLD:
            break
        mod = new_mod
        adj, members = _collapsed(adj, inner, members)
        inner, improvement = _one_level(adj, m, rng)
    return partition


def _edges(adj: Adjacency) -> Iterator[tuple[Hashable, Hashable, float]]:
    """Each undirected edge once, in networkx's ``Graph.edges()`` order."""
    seen: set = set()
    for node, nbrs in adj.items():
        for nbr, weight in nbrs.items():
            if nbr not in seen:
                yield node, nbr, weight
        seen.add(node)


def _degrees(adj: Adjacency) -> dict[Hashable, float]:
    """Weighted degrees, a self-loop counted twice (networkx's ``Graph.degree``)."""
    return {node: sum(nbrs.values()) + nbrs.get(node, 0) for node, nbrs in adj.items()}


def _modularity(adj: Adjacency, communities: list) -> float:
    """networkx's ``modularity`` (resolution 1), the same sums in the same order."""
    degree = _degrees(adj)
    deg_sum = sum(degree.values())
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    community_of = {node: index for index, community in enumerate(communities)
                    for node in community}
    inside = [0] * len(communities)
    for u, v, weight in _edges(adj):
        if community_of[u] == community_of[v]:
            inside[community_of[u]] += weight

    def contribution(index: int) -> float:
        degree_sum = sum(degree[node] for node in communities[index])
        return inside[index] / m - 1 * degree_sum * degree_sum * norm

    return sum(map(contribution, range(len(communities))))


def _one_level(adj: Adjacency, m: float, rng: random.Random) -> tuple[list[set], bool]:
    """One pass of local moves (networkx's ``_one_level``): the non-empty communities
    of ``adj``'s nodes, in index order, and whether any node moved."""
    nodes = list(adj)
    node2com = {node: index for index, node in enumerate(nodes)}
    inner = [{node} for node in nodes]
    degrees = _degrees(adj)
    stot = list(degrees.values())
    nbrs = {u: {v: weight for v, weight in near.items() if v != u} if u in near else near
            for u, near in adj.items()}
    rand_nodes = list(nodes)
    rng.shuffle(rand_nodes)
    scale = 2 * m**2
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            neighbours = nbrs[u]
            if not neighbours:
                continue        # its only candidate is its own community: it stays
            best_mod = 0
            best_com = node2com[u]
            weights2com: dict[int, float] = {}
            for nbr, weight in neighbours.items():
                com = node2com[nbr]
                weights2com[com] = weights2com.get(com, 0.0) + weight
            degree = degrees[u]
            stot[best_com] -= degree
            own = weights2com.get(best_com)
            if own is None:     # networkx's defaultdict adds the key when it reads it
                own = weights2com[best_com] = 0.0
            remove_cost = -own / m + 1 * (stot[best_com] * degree) / scale
            for nbr_com, weight in weights2com.items():
                gain = remove_cost + weight / m - 1 * (stot[nbr_com] * degree) / scale
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                inner[node2com[u]].remove(u)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return [community for community in inner if community], improvement


def _collapsed(adj: Adjacency, inner: list[set], members: dict[Hashable, set]
               ) -> tuple[Adjacency, dict[int, set]]:
    """The graph of communities (networkx's ``_gen_graph``): node i for ``inner[i]``,
    edge weights summed, internal weight as a self-loop; with each node's original nodes."""
    node2com = {}
    merged: dict[int, set] = {}
    for index, community in enumerate(inner):
        nodes: set = set()
        for node in community:
            node2com[node] = index
            nodes.update(members[node])
        merged[index] = nodes
    collapsed: Adjacency = {index: {} for index in range(len(inner))}
    for u, v, weight in _edges(adj):
        cu, cv = node2com[u], node2com[v]
        total = weight + collapsed[cu].get(cv, 0)
        collapsed[cu][cv] = total
        collapsed[cv][cu] = total
    return collapsed, merged
