import type { TestApp } from './app.js';
import { request } from './http.js';

/** `GET /metrics` through the app, as Prometheus scrapes it. */
export async function scrapeMetrics(app: TestApp, headers: Record<string, string> = {}): Promise<string> {
  const response = await request(app, '/metrics', { headers });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text;
}

/**
 * The sum of the samples of `name` whose labels include `labels`, read from Prometheus text;
 * 0 when there is none. The registry is process-wide (one per test file), so tests compare
 * a value before and after what they do.
 */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const sampleLabels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => sampleLabels[key] === value)) total += Number(match[3]);
  }
  return total;
}

/** The value of one sample now, read through `/metrics`. */
export async function metricValue(app: TestApp, name: string, labels: Record<string, string> = {}): Promise<number> {
  return sampleValue(await scrapeMetrics(app), name, labels);
}
