package io.weir.engine.graph;

import java.util.List;

/**
 * A query's physical DAG: vertices are chains of operator specs, edges say how rows move
 * between them. Immutable; EXPLAIN prints it and the runtime deploys it.
 */
public record JobGraph(List<Vertex> vertices, List<Edge> edges) {

  /** A chain of steps that run in one task, each feeding the next directly. */
  public record Vertex(int id, List<OperatorSpec> chain) {
    public Vertex {
      chain = List.copyOf(chain);
    }
  }

  /** How rows cross an edge. */
  public enum Partitioning {
    /** Each row goes to the matching downstream instance, order kept. */
    FORWARD,
    /** Rows are routed by a hash of the key columns, so one key always meets one instance. */
    HASH
  }

  /** Rows flow from vertex {@code from} to vertex {@code to}. */
  public record Edge(int from, int to, Partitioning partitioning, List<Integer> keyIndexes) {
    public Edge {
      keyIndexes = List.copyOf(keyIndexes);
    }
  }

  public JobGraph {
    vertices = List.copyOf(vertices);
    edges = List.copyOf(edges);
  }

  /** The DAG as text: one vertex per block, its chain indented, then the edges. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    for (Vertex v : vertices) {
      sb.append("Vertex ").append(v.id()).append(":\n");
      int depth = 1;
      for (OperatorSpec spec : v.chain()) {
        sb.append("  ".repeat(depth)).append(depth > 1 ? "-> " : "").append(spec.explain()).append('\n');
        depth++;
      }
    }
    for (Edge e : edges) {
      sb.append("Edge ").append(e.from()).append(" -> ").append(e.to()).append(": ").append(e.partitioning());
      if (!e.keyIndexes().isEmpty()) {
        sb.append(" by ").append(e.keyIndexes().stream().map(i -> "$" + i).toList());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
