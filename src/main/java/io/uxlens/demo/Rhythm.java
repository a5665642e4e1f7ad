package io.uxlens.demo;

/**
 * How many sessions start per hour: a daily volume, shaped by time of day (UTC) and weekday/weekend. Business
 * journeys follow office hours and fall at weekends; shopping peaks in the evening and rises at weekends.
 */
record Rhythm(double perWeekday, double[] hourly, double weekendFactor) {
  private static final double[] OFFICE = {
      0.15, 0.10, 0.08, 0.08, 0.10, 0.20, 0.40, 0.80, 1.30, 1.60, 1.70, 1.60,
      1.30, 1.50, 1.60, 1.50, 1.30, 1.00, 0.70, 0.50, 0.40, 0.30, 0.25, 0.20};
  private static final double[] SHOPPING = {
      0.30, 0.20, 0.15, 0.10, 0.10, 0.15, 0.30, 0.60, 0.80, 0.90, 1.00, 1.10,
      1.30, 1.20, 1.10, 1.10, 1.20, 1.40, 1.60, 1.80, 1.90, 1.60, 1.00, 0.60};

  Rhythm {
    if (hourly.length != 24) {
      throw new IllegalArgumentException("hourly needs 24 factors");
    }
    hourly = hourly.clone();
  }

  static Rhythm office(double perWeekday) {
    return new Rhythm(perWeekday, OFFICE, 0.3);
  }

  static Rhythm shopping(double perWeekday) {
    return new Rhythm(perWeekday, SHOPPING, 1.25);
  }

  /** Expected sessions starting in the hour that begins at {@code hourStart}. */
  double perHour(long hourStart) {
    double mean = 0;
    for (double h : hourly) {
      mean += h / 24;
    }
    double day = DemoTimeline.weekend(hourStart) ? weekendFactor : 1.0;
    return perWeekday / 24 * hourly[DemoTimeline.hourOfDay(hourStart)] / mean * day;
  }
}
