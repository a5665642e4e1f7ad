package io.uxlens.query.journey;

import io.uxlens.grafana.DataFrame;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.List;

/**
 * A table metric with rows per covered journey (one journey, or all of them): subclasses declare their columns
 * and fill the rows of one journey; the id, the journey option, the row columns and the frame are shared.
 */
abstract class PerJourneyTable implements Metric {
  private final String id;
  private final String description;
  private final Table table;
  protected final JourneyData data;

  PerJourneyTable(String id, String description, Table table, JourneyData data) {
    this.id = id;
    this.description = description;
    this.table = table;
    this.data = data;
  }

  /** Adds the rows of one journey over the query's range. */
  protected abstract void addRows(Table.Rows rows, JourneyDefinition journey, MetricQuery q);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption());
  }

  @Override
  public final List<RowColumn> rowColumns() {
    return table.rowColumns();
  }

  @Override
  public final List<DataFrame> query(MetricQuery q) {
    // journey=all: the journeys side by side (JourneyFanOut), their rows then in the journeys' order
    List<Table.Rows> perJourney = JourneyFanOut.map(data.journeys(q), j -> {
      Table.Rows rows = table.rows();
      addRows(rows, j, q);
      return rows;
    });
    Table.Rows rows = table.rows();
    perJourney.forEach(rows::addAll);
    return List.of(rows.frame(id));
  }
}
