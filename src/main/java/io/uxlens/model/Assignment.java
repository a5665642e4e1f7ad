package io.uxlens.model;

/**
 * A unit's place in an experiment: the variant of its first exposure, when (epoch ms) and in which session (may be
 * null). The journey engine counts this unit's attempts that start at or after {@code firstTimestamp}.
 */
public record Assignment(String experiment, String unitId, String variant, long firstTimestamp,
                         String firstSession) {}
