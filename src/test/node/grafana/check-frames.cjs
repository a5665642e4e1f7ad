// Feeds every /grafana/query response UX Lens gave (written by GrafanaFramesNodeTest) through Grafana's own
// toDataFrame() and getProcessedDataFrames() from @grafana/data, and checks the field names, types, units,
// labels and display names we intend. Plain CommonJS: the ESM build breaks on moment-timezone under Node.
// Usage: node check-frames.cjs <dir>   (the dir holds catalogue.json and <metric>[.<variant>].json files)
'use strict';
const fs = require('fs');
const path = require('path');
const { toDataFrame, getProcessedDataFrames, getFieldDisplayName, FieldType } = require('@grafana/data');

// What each catalogue metric must look like to Grafana. A metric without an entry here fails the check:
// adding a metric to the catalogue means saying here what its frames are.
const SERIES = (extra, unit, labels, range) => ({
  fields: [['time', FieldType.time], ['value', FieldType.number], ...extra.map((n) => [n, FieldType.number])],
  units: { value: unit }, labels, displayName: true, range,
});
// A table: [name, 's' | 'n'] per column, in order (strings and numbers; units are ours, not checked here).
const TABLE = (cols) => ({
  fields: cols.map(([n, t]) => [n, t === 's' ? FieldType.string : FieldType.number]),
  units: {}, labels: [], displayName: false, table: true,
});
const EXPECT = {
  'perf.latency': SERIES(['count'], 'ms', ['quantile']),
  'perf.error_rate': SERIES(['errors', 'spans'], 'percentunit', []),
  'perf.web_vitals': SERIES(['count'], null, ['vital', 'quantile']),
  'feedback.nps': SERIES(['responses'], 'none', [], [-100, 100]),
  'feedback.csat': SERIES(['responses'], 'percent', [], [0, 100]),
  'feedback.ces': SERIES(['responses'], 'none', [], [1, 7]),
  'feedback.sentiment': SERIES(['texts'], 'none', [], [-1, 1]),
  'feedback.volume': SERIES([], 'short', ['kind']),
  'feedback.pain_points': {
    fields: [['rank', FieldType.number], ['theme', FieldType.string], ['mentions', FieldType.number],
      ['share', FieldType.number], ['mean_sentiment', FieldType.number], ['change', FieldType.number],
      ['previous', FieldType.number], ['journeys', FieldType.string], ['quote', FieldType.string]],
    units: {}, labels: [], displayName: false,
  },
  'feedback.quotes': {
    fields: [['time', FieldType.time], ['journey', FieldType.string], ['kind', FieldType.string],
      ['score', FieldType.number], ['sentiment', FieldType.number], ['text', FieldType.string]],
    units: {}, labels: [], displayName: false,
  },
  'journey.attempts': SERIES(['completed', 'abandoned', 'in_progress'], 'short', ['journey']),
  'journey.completion_rate': SERIES(['completed', 'finished'], 'percentunit', ['journey'], [0, 1]),
  'journey.abandonment_rate': SERIES(['abandoned', 'finished'], 'percentunit', ['journey'], [0, 1]),
  'journey.error_rate': SERIES(['errors', 'finished'], 'percentunit', ['journey'], [0, 1]),
  'journey.time_on_task': SERIES(['completed'], 's', ['journey', 'quantile']),
  'journey.step_latency': SERIES(['reached'], 's', ['journey', 'step', 'quantile']),
  'journey.funnel': TABLE([['journey', 's'], ['index', 'n'], ['step', 's'], ['reached', 'n'], ['conversion', 'n'],
    ['step_conversion', 'n'], ['drop_off', 'n'], ['latency_p95', 'n']]),
  'journey.kpis': TABLE([['journey', 's'], ['kpi', 's'], ['value', 'n'], ['unit', 's'], ['target', 'n'],
    ['benchmark', 'n'], ['status', 's'], ['n', 'n']]),
  'correlation.completion_by_latency': TABLE([['journey', 's'], ['band', 's'], ['from_ms', 'n'], ['to_ms', 'n'],
    ['attempts', 'n'], ['completed', 'n'], ['completion_rate', 'n'], ['mean_latency_ms', 'n']]),
  'correlation.bottlenecks': TABLE([['journey', 's'], ['rank', 'n'], ['step', 's'], ['index', 'n'], ['faced', 'n'],
    ['lost', 'n'], ['troubled', 'n'], ['completion_with_trouble', 'n'], ['completion_without_trouble', 'n'],
    ['impact', 'n'], ['median_latency_s', 'n'], ['score', 'n'], ['lost_waiting', 'n'], ['lost_after_error', 'n'],
    ['slow_threshold_s', 'n'], ['lost_to_slowness', 'n'], ['lost_to_errors', 'n'], ['slowness_share', 'n'],
    ['error_share', 'n'], ['operation', 's'], ['service', 's'], ['operation_p95_lost_ms', 'n'],
    ['operation_p95_completed_ms', 'n'], ['operation_error_rate_lost', 'n'], ['operation_error_rate_completed', 'n']]),
  'journey.drivers': TABLE([['journey', 's'], ['rank', 'n'], ['kpi', 's'], ['dimension', 's'], ['segment', 's'],
    ['attempts_before', 'n'], ['attempts_after', 'n'], ['kpi_before', 'n'], ['kpi_after', 'n'], ['change', 'n'],
    ['effect', 's'], ['contribution', 'n'], ['rate_effect', 'n'], ['mix_effect', 'n'], ['share', 'n'],
    ['total_change', 'n'], ['p_value', 'n'], ['adjusted_p_value', 'n'], ['change_start', 'n'], ['annotation', 's'],
    ['annotation_time', 'n'], ['minutes_after', 'n'], ['summary', 's']]),
  'correlation.system': SERIES(['system', 'n', 'pearson', 'spearman', 'best_lag_steps', 'best_lag_s', 'lag_pearson'],
    'percentunit', ['journey', 'kpi']),
  'correlation.latency_completion': TABLE([['journey', 's'], ['n', 'n'], ['completed', 'n'], ['abandoned', 'n'],
    ['mean_latency_completed_ms', 'n'], ['mean_latency_abandoned_ms', 'n'], ['r', 'n'], ['t', 'n'],
    ['p_value', 'n']]),
  'experiment.results': {
    fields: [['experiment', FieldType.string], ['variant', FieldType.string], ['control', FieldType.boolean],
      ['metric', FieldType.string], ['journey', FieldType.string], ['units', FieldType.number],
      ['attempts', FieldType.number], ['finished', FieldType.number], ['rate', FieldType.number],
      ['lift', FieldType.number], ['ci_low', FieldType.number], ['ci_high', FieldType.number],
      ['relative_lift', FieldType.number], ['relative_ci_low', FieldType.number],
      ['relative_ci_high', FieldType.number], ['p_value', FieldType.number], ['adjusted_p_value', FieldType.number],
      ['always_valid_p_value', FieldType.number], ['significant', FieldType.boolean],
      ['significant_always_valid', FieldType.boolean], ['direction', FieldType.string], ['srm', FieldType.boolean],
      ['srm_p_value', FieldType.number], ['units_needed', FieldType.number], ['crossovers', FieldType.number],
      ['status', FieldType.string], ['note', FieldType.string]],
    units: {}, labels: [], displayName: false,
  },
  'experiment.exposures': SERIES([], 'short', ['experiment', 'variant']),
  'experiment.lift': SERIES(['ci_low', 'ci_high', 'av_low', 'av_high', 'p_value', 'always_valid_p_value', 'units',
    'control_units'], 'percentunit', ['experiment', 'variant']),
  annotations: {
    fields: [['time', FieldType.time], ['timeEnd', FieldType.time], ['title', FieldType.string],
      ['text', FieldType.string], ['tags', FieldType.other], ['source', FieldType.string]],
    units: {}, labels: [], displayName: false,
  },
};

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check-frames.cjs <dir>');
  process.exit(2);
}
const failures = [];
const fail = (where, msg) => failures.push(`${where}: ${msg}`);

const catalogue = JSON.parse(fs.readFileSync(path.join(dir, 'catalogue.json'), 'utf8'));
const ids = catalogue.metrics.map((m) => m.id);
for (const id of ids) {
  if (!EXPECT[id]) fail(id, 'no expectation in check-frames.cjs for this catalogue metric');
}
let checkedFrames = 0;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'catalogue.json').sort();
for (const id of ids) {
  if (!files.some((f) => f === `${id}.json`)) fail(id, 'no /grafana/query response was written for it');
}
for (const file of files) {
  const { metric, groupBy, response } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const want = EXPECT[metric];
  if (!want) continue;
  if (!Array.isArray(response) || response.length === 0) {
    fail(file, 'expected a non-empty array of frames');
    continue;
  }
  let frames;
  try {
    frames = response.map((r) => toDataFrame(r));
    getProcessedDataFrames(response);
  } catch (e) {
    fail(file, `toDataFrame threw: ${e.message}`);
    continue;
  }
  frames.forEach((frame, i) => {
    const where = `${file}[${i}]`;
    checkedFrames++;
    const got = frame.fields.map((f) => [f.name, f.type]);
    if (JSON.stringify(got) !== JSON.stringify(want.fields)) {
      fail(where, `fields ${JSON.stringify(got)}, want ${JSON.stringify(want.fields)}`);
    }
    if (!(frame.length > 0)) fail(where, `frame length ${frame.length}`);
    for (const f of frame.fields) {
      if (f.values.length !== frame.length) fail(where, `${f.name} has ${f.values.length} values of ${frame.length}`);
      if (f.type === FieldType.time && f.values.some((v) => !Number.isInteger(v))) {
        fail(where, `${f.name} holds a non-epoch-ms value`);
      }
      if (f.type === FieldType.number && f.values.some((v) => v !== null && typeof v !== 'number')) {
        fail(where, `${f.name} holds a non-number`);
      }
      if (f.type === FieldType.string && f.values.some((v) => typeof v !== 'string')) {
        fail(where, `${f.name} holds a non-string`);
      }
    }
    const value = want.table ? undefined : frame.fields.find((f) => f.name === 'value');
    if (value) {
      const unit = want.units.value;
      const got = value.config.unit;
      if (unit ? got !== unit : !['ms', 'none'].includes(got)) fail(where, `value unit ${got}, want ${unit || 'ms|none'}`);
      if (want.range) {
        const [min, max] = want.range;
        if (value.config.min !== min || value.config.max !== max) {
          fail(where, `value range ${value.config.min}..${value.config.max}, want ${min}..${max}`);
        }
        if (value.values.some((v) => v !== null && (v < min || v > max))) fail(where, 'value outside its range');
      }
      const labels = Object.keys(value.labels || {});
      for (const l of [...want.labels, ...(groupBy ? [groupBy] : [])]) {
        if (!labels.includes(l)) fail(where, `value lacks label ${l}: ${JSON.stringify(value.labels)}`);
      }
      const shown = getFieldDisplayName(value, frame, frames);
      if (want.displayName && shown !== value.config.displayNameFromDS) {
        fail(where, `Grafana displays "${shown}", not our displayNameFromDS "${value.config.displayNameFromDS}"`);
      }
      if (groupBy && !shown.includes(value.labels[groupBy])) fail(where, `display name "${shown}" hides the group`);
    }
  });
}
if (failures.length) {
  console.error(`FAILED: ${failures.length} problem(s)\n` + failures.join('\n'));
  process.exit(1);
}
console.log(`OK: ${checkedFrames} frames from ${files.length} responses over ${ids.length} metrics accepted by `
  + `@grafana/data ${require('@grafana/data/package.json').version} toDataFrame()`);
