import type { Plugin } from 'graphql-yoga';
import { metrics } from './metrics.js';
import { isOperatorKey, OPERATOR_KEY_HEADER } from './operator-key.js';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics`: the process-wide registry (metrics.ts) in Prometheus' text format. Open when
 * `public` (the default outside production); otherwise only with the operator key in
 * `X-Admin-Key` (401 and an empty body without it).
 */
export function useMetricsRoute(options: { public: boolean; adminApiKey: string | undefined }): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== METRICS_PATH) return;
      if (!options.public && !isOperatorKey(request.headers.get(OPERATOR_KEY_HEADER) ?? '', options.adminApiKey)) {
        endResponse(new Response(null, { status: 401 }));
        return;
      }
      const body = await metrics.registry.metrics();
      endResponse(new Response(body, { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
