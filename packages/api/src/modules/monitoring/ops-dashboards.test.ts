import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createTestApp, graphql } from '../../../test/app.js';
import { scrapeMetrics } from '../../../test/metrics.js';

/**
 * The Grafana dashboard and the alert rules in `ops/` (at the repository's root) are checked
 * against the real `/metrics`: a metric renamed or removed in the code fails here, not on a
 * dashboard that silently shows nothing.
 */
const ops = (path: string) => readFileSync(new URL(`../../../../../ops/${path}`, import.meta.url), 'utf8');

/** Series Prometheus makes itself for every scrape target; they are never in /metrics. */
const MADE_BY_PROMETHEUS = new Set(['up']);

/** Grafana's built-in variables, replaced by values of their kind before parsing. */
const GRAFANA_BUILT_INS: Record<string, string> = { __rate_interval: '5m', __interval: '1m', __range: '6h' };

/**
 * The metric names a PromQL expression reads, found with Prometheus' own grammar (lezer-promql):
 * the name of every vector selector, or its `__name__` matcher. Function names, aggregation
 * modifiers (by, without, on, ignoring, group_left), label names and durations are other
 * nodes of the tree, so they are never taken for metrics. Grafana variables outside strings are
 * replaced first; a syntax error fails.
 */
function metricNamesIn(expression: string): string[] {
  const source = expression.replace(/\$(\w+)|\$\{(\w+)\}/g, (variable, plain: string | undefined, braced: string | undefined) => {
    const name = plain ?? braced ?? '';
    return GRAFANA_BUILT_INS[name] ?? variable;
  });
  const names = new Set<string>();
  const errors: number[] = [];
  parser.parse(source).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(source.slice(node.from, node.to));
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const matcher = /^"?__name__"?\s*=\s*"([^"]+)"$/.exec(source.slice(node.from, node.to));
        if (matcher?.[1]) names.add(matcher[1]);
      }
    },
  });
  if (errors.length > 0) throw new Error(`Not PromQL (error at ${errors[0]}): ${expression}`);
  return [...names];
}

/** The sample names `/metrics` exports: each declared metric, with the series a histogram or summary adds. */
function exportedNames(metricsText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** Grafana's reference to the dashboard's data source variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template string.
const DATASOURCE_VARIABLE = '${datasource}';

const target = z.object({ refId: z.string().min(1), expr: z.string().min(1) });
const gridPos = z.object({
  h: z.number().int().positive(),
  w: z.number().int().min(1).max(24),
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0),
});
const panel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('row'), id: z.number().int(), title: z.string(), gridPos }),
  z.object({
    type: z.enum(['timeseries', 'stat', 'gauge', 'bargauge', 'table']),
    id: z.number().int(),
    title: z.string().min(1),
    gridPos,
    datasource: z.object({ type: z.literal('prometheus'), uid: z.literal(DATASOURCE_VARIABLE) }),
    targets: z.array(target).min(1),
  }),
]);
const dashboardSchema = z.object({
  title: z.string().min(1),
  uid: z.string().regex(/^[\w-]{1,40}$/),
  schemaVersion: z.number().int().min(30),
  panels: z.array(panel).min(1),
  time: z.object({ from: z.string(), to: z.string() }),
  templating: z.object({
    list: z.array(z.object({ name: z.string(), type: z.string(), query: z.unknown(), definition: z.string().optional() })),
  }),
});

const duration = z.string().regex(/^\d+[smhd]$/);
const rulesSchema = z.object({
  groups: z
    .array(
      z.object({
        name: z.string().min(1),
        rules: z
          .array(
            z.object({
              alert: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
              expr: z.string().min(1),
              for: duration.optional(),
              labels: z.object({ severity: z.enum(['critical', 'warning']) }),
              annotations: z.object({ summary: z.string().min(1), description: z.string().min(1), runbook: z.string().min(1) }),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

const dashboard = dashboardSchema.parse(JSON.parse(ops('grafana/zapis.json')));
const rules = rulesSchema.parse(parseYaml(ops('prometheus/alerts.yml')));
const dashboardExpressions = dashboard.panels.flatMap((each) => ('targets' in each ? each.targets.map((t) => t.expr) : []));
const variableQueries = dashboard.templating.list.flatMap((variable) =>
  variable.definition ? [variable.definition.replace(/^label_values\((.*), \w+\)$/, '$1')] : [],
);
const alertExpressions = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));

describe('ops/ dashboards and alerts', () => {
  it('finds the metrics of an expression and nothing else', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, operationName) (rate(graphql_yoga_http_duration_bucket{statusCode=~"5..", job="$job"}[$__rate_interval]))) ' +
          '/ ignoring(x) group_left max without (queue) (zapis_job_queue_jobs offset 5m) or on(instance) {__name__="zapis_ready"} and up',
      ).sort(),
    ).toEqual(['graphql_yoga_http_duration_bucket', 'up', 'zapis_job_queue_jobs', 'zapis_ready']);
    expect(() => metricNamesIn('sum(rate(zapis_bookings_created_total[5m])')).toThrow('Not PromQL');
  });

  it('the Grafana dashboard has what an import needs: unique panel ids, a Prometheus datasource variable, declared variables', () => {
    const ids = dashboard.panels.map((each) => each.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const declared = new Set(dashboard.templating.list.map((variable) => variable.name));
    for (const expression of [...dashboardExpressions, ...variableQueries]) {
      for (const [, name] of expression.matchAll(/\$(\w+)/g)) {
        if (!(name! in GRAFANA_BUILT_INS)) expect(declared, `$${name} in ${expression}`).toContain(name);
      }
    }
    expect(dashboardExpressions.length).toBeGreaterThan(20);
  });

  it('the alert rules have unique names, a severity, a summary, a description and a runbook', () => {
    const names = rules.groups.flatMap((group) => group.rules.map((rule) => rule.alert));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'ZapisNotReady',
        'ZapisServerErrors',
        'ZapisGraphQLErrorRateHigh',
        'ZapisLatencyP95High',
        'ZapisNotificationsFailing',
        'ZapisJobQueueBackedUp',
      ]),
    );
  });

  it('every metric the dashboard and the alerts read is exported by /metrics', async () => {
    const app = createTestApp();
    // Operations that succeed and fail, so that the GraphQL histograms and error counters have series.
    await graphql(app, 'query OpsCities { cities { id } }');
    await graphql(app, 'query OpsFunnel { funnel(from: "2030-01-01", to: "2030-01-01") { from } }');
    const text = await scrapeMetrics(app);
    const exported = exportedNames(text);
    expect(text).toContain('operationName="OpsCities"');

    const referenced = new Set([...dashboardExpressions, ...variableQueries, ...alertExpressions].flatMap(metricNamesIn));
    const missing = [...referenced].filter((name) => !exported.has(name) && !MADE_BY_PROMETHEUS.has(name));

    expect(missing).toEqual([]);
    // What the issue asks them to show, by name.
    for (const name of [
      'zapis_bookings_created_total',
      'graphql_yoga_http_duration_bucket',
      'graphql_envelop_error_result',
      'process_cpu_seconds_total',
      'zapis_job_queue_jobs',
      'zapis_job_queue_oldest_queued_seconds',
      'zapis_job_failures_total',
      'zapis_ready',
    ]) {
      expect(referenced).toContain(name);
    }
  });
});
