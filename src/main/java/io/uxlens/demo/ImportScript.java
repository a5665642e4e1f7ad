package io.uxlens.demo;

import java.util.SplittableRandom;

/**
 * Initial inventory import. Processing time grows with the file, slow imports are abandoned far more often,
 * bigger files get cryptic {@code Row Rejected} errors, and variant B of the import-progress-bar experiment
 * (a progress bar and clear error messages) keeps about a third of the abandoners. Late in the history large
 * catalogues become common ({@link DemoTimeline#largeCatalogues}), so abandonment rises with the share of large files.
 */
final class ImportScript implements Script {
  static final String API = "import-api";
  /** Variant B's abandonment relative to A's. */
  static final double B_ABANDONMENT = 0.72;

  @Override
  public String journey() {
    return "inventory-import";
  }

  @Override
  public Rhythm rhythm() {
    return Rhythm.office(220);
  }

  @Override
  public double mobileShare() {
    return 0.1;
  }

  @Override
  public String userId(SplittableRandom rng, long n) {
    return "merchant-" + rng.nextInt(600);
  }

  @Override
  public void play(Session s, long t0) {
    String variant = s.user.variant();
    String importId = "imp-" + s.id;
    s.track(t0, "Experiment Viewed", "experiment_id", Users.EXPERIMENT, "variant_id", variant,
        "experiment_name", "Import progress bar and clear errors");
    double median = s.timeline.largeCatalogues(t0) ? 60_000 : 12_000;
    long rows = Math.max(50, Math.min(400_000, Math.round(s.logNormal(median, 1.3))));
    String size = rows < 10_000 ? "small" : rows < 60_000 ? "medium" : "large";
    double processMs = (400 + rows * 0.22) * s.logNormal(1, 0.25);
    double uploadMs = 250 + rows * 0.012 * s.logNormal(1, 0.3);
    double validateMs = 150 + rows * 0.05 * s.logNormal(1, 0.3);
    int rejects = s.chance(Math.min(0.85, 0.04 + rows / 120_000.0)) ? 1 + s.rng.nextInt(3) : 0;
    boolean failed = s.chance(rows > 150_000 ? 0.05 : 0.01);
    double slowness = 1 / (1 + Math.exp(-(processMs - 9_000) / 3_000));
    // Two reasons to leave: waiting on a slow import (while it runs), or trouble (errors, failures) at any step.
    double effect = variant.equals("B") ? B_ABANDONMENT : 1;
    double leaveWaiting = 0.75 * slowness * effect;
    double leaveTrouble = (0.05 + (rejects > 0 ? 0.15 : 0) + (failed ? 0.3 : 0)) * effect;
    double u = s.rng.nextDouble();
    boolean waitedOut = u < leaveWaiting;
    boolean abandon = u < Math.min(0.95, leaveWaiting + leaveTrouble);
    double where = waitedOut ? 1 : s.rng.nextDouble();

    long t = t0 + 300;
    s.vitals(t, "/inventory/import", 1);
    s.track(t, "Import Started", "import_id", importId, "source", s.pick(java.util.List.of("csv", "csv", "xlsx")),
        "variant_id", variant);
    s.db(s.request(t, API, "POST", "/api/imports", s.logNormal(70, 0.3), 201), "INSERT imports",
        s.logNormal(6, 0.3));
    if (abandon && where < 0.2) {
      end(s, t + s.think(20), true, rows, rejects, variant, slowness);
      return;
    }
    t += s.think(45) + (long) uploadMs;
    s.track(t, "File Uploaded", "import_id", importId, "rows", rows, "file_size", size,
        "file_mb", Math.round(rows * 0.0002 * 100) / 100.0, "variant_id", variant);
    s.request(t - (long) uploadMs, API, "POST", "/api/imports/{id}/file", uploadMs, 200);
    var validate = s.request(t, API, "POST", "/api/imports/{id}/validate", validateMs, 200);
    s.db(validate, "SELECT products", validateMs * 0.4);
    long tv = t + (long) validateMs;
    for (int i = 0; i < rejects; i++) {
      long row = 1 + s.rng.nextLong(rows);
      if (variant.equals("B")) {
        s.track(tv + i * 50L, "Row Rejected", "import_id", importId, "row", row, "error_code", "E_ROW_0x1F",
            "message", "Row " + row + ": column 'price' must be a number", "variant_id", variant);
      } else {
        s.track(tv + i * 50L, "Row Rejected", "import_id", importId, "row", row, "error_code", "E_ROW_0x1F",
            "message", "Row Rejected", "variant_id", variant);
      }
    }
    if (abandon && where < 0.7) {
      end(s, tv + s.think(30), true, rows, rejects, variant, slowness);
      return;
    }
    t = tv + s.think(80);
    s.track(t, "Columns Mapped", "import_id", importId, "columns", 8 + s.rng.nextInt(10), "variant_id", variant);
    var process = s.request(t, API, "POST", "/api/imports/{id}/process", processMs, failed ? 504 : 200);
    s.db(process, "INSERT inventory_items", processMs * 0.7);
    long done = t + (long) processMs;
    if (failed) {
      s.track(done, "Import Failed", "import_id", importId, "error_code", "E_TIMEOUT", "variant_id", variant);
      if (abandon || s.chance(0.5)) {
        end(s, done + s.think(20), true, rows, rejects, variant, slowness);
        return;
      }
      t = done + s.think(60);
      process = s.request(t, API, "POST", "/api/imports/{id}/process", processMs * 0.9, 200);
      s.db(process, "INSERT inventory_items", processMs * 0.6);
      done = t + (long) (processMs * 0.9);
    } else if (abandon) {
      // Left while the import was still running: nothing on screen said how long it would take.
      end(s, t + (long) Math.min(processMs, s.think(40)), true, rows, rejects, variant, slowness);
      return;
    }
    s.track(done + 500, "Import Completed", "import_id", importId, "rows_imported", rows - rejects,
        "variant_id", variant);
    end(s, done + s.think(10), false, rows, rejects, variant, slowness);
  }

  private static void end(Session s, long t, boolean abandoned, long rows, int rejects, String variant,
                          double slowness) {
    boolean cryptic = rejects > 0 && variant.equals("A");
    Voice.Theme theme = cryptic && (slowness <= 0.5 || s.chance(0.5)) ? Voice.Theme.CONFUSING_ERRORS
        : slowness > 0.2 ? Voice.Theme.SLOW_IMPORT : Voice.Theme.NONE;
    Voice.survey(s, t, abandoned || slowness > 0.5 || cryptic, theme, String.format(java.util.Locale.ROOT, "%,d",
        rows));
    if (!abandoned) {
      Voice.ces(s, t + 30_000, slowness > 0.5 || cryptic);
    }
    if (cryptic) {
      // A bare "Row Rejected" sends people to support.
      Voice.ticket(s, t + 60_000, Voice.Theme.CONFUSING_ERRORS, 0.12);
    } else if (abandoned && slowness > 0.5) {
      Voice.ticket(s, t + 60_000, Voice.Theme.SLOW_IMPORT, 0.05);
    }
  }
}
