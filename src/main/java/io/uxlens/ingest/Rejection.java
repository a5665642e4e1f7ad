package io.uxlens.ingest;

import io.uxlens.Refusal;

/** One item refused at ingest: its index in the request, the field at fault and the rule it broke. */
public record Rejection(int index, String field, String error) {
  /**
   * An item's refusal under its place in the request, e.g. {@code score} inside {@code items[3]}. Faro's
   * {@code meta.*} fields belong to the whole payload, so they keep their own path.
   */
  static Rejection of(int index, String prefix, Refusal refusal) {
    if (refusal.field() != null && refusal.field().startsWith("meta.")) {
      return new Rejection(index, refusal.field(), refusal.rule());
    }
    return new Rejection(index, refusal.under(prefix).field(), refusal.rule());
  }
}
