package io.uxlens.ingest;

/** One item refused at ingest: its index in the request, the field at fault and the rule it broke. */
public record Rejection(int index, String field, String error) {}
