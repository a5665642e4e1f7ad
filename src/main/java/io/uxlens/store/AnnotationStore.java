package io.uxlens.store;

import io.uxlens.model.Annotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Annotations table: deploys, incidents, notes; idempotent by id. */
public final class AnnotationStore {
  public static final String KIND = "annotations";
  private static final String INSERT = """
      INSERT INTO annotations (id, ts, ts_end, title, text, tags, source)
      VALUES (:id, :time, :timeEnd, :title, :text, :tags, :source)
      ON CONFLICT (id) DO NOTHING""";

  private final Jdbi jdbi;

  public AnnotationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts annotations, skipping ids already stored; returns how many were new. Writer thread only. */
  public static int insert(Handle h, List<Annotation> items) {
    if (items.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (Annotation a : items) {
      batch.bindMethods(a).add();
    }
    int inserted = Batches.inserted(batch.execute());
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  /** Annotations that overlap [from, to] (epoch ms), oldest first, at most {@code limit}. */
  public List<Annotation> between(long from, long to, int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT * FROM annotations
            WHERE ts <= :to AND COALESCE(ts_end, ts) >= :from
            ORDER BY ts, seq LIMIT :limit""")
        .bind("from", from).bind("to", to).bind("limit", limit)
        .map(AnnotationStore::map).list());
  }

  private static Annotation map(ResultSet rs, StatementContext ctx) throws SQLException {
    long end = rs.getLong("ts_end");
    Long timeEnd = rs.wasNull() ? null : end;
    return new Annotation(rs.getString("id"), rs.getLong("ts"), timeEnd, rs.getString("title"),
        rs.getString("text"), rs.getString("tags"), rs.getString("source"));
  }
}
