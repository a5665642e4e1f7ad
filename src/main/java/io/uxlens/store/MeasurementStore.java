package io.uxlens.store;

import io.uxlens.model.Measurement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Measurements table: ids are derived from the payload, so retried uploads are stored once. */
public final class MeasurementStore {
  public static final String KIND = "measurements";
  private static final String INSERT = """
      INSERT INTO measurements (id, session_id, name, value, unit, ts, context)
      VALUES (:id, :sessionId, :name, :value, :unit, :timestamp, :context)
      ON CONFLICT (id) DO NOTHING""";

  private final Jdbi jdbi;

  public MeasurementStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts measurements, skipping ids already stored; returns how many were new. Writer thread only. */
  public static int insert(Handle h, List<Measurement> measurements) {
    if (measurements.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (Measurement m : measurements) {
      batch.bindMethods(m).add();
    }
    int inserted = Batches.inserted(batch.execute());
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  public List<Measurement> bySession(String sessionId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM measurements WHERE session_id = :s ORDER BY ts, seq")
        .bind("s", sessionId).map(MeasurementStore::map).list());
  }

  private static Measurement map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Measurement(rs.getString("id"), rs.getString("session_id"), rs.getString("name"),
        rs.getDouble("value"), rs.getString("unit"), rs.getLong("ts"), rs.getString("context"));
  }
}
