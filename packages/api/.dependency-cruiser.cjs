/**
 * How the API's code may depend on itself (`npm run check:imports`, run by CI):
 * - no import cycles, type-only imports included;
 * - domain modules depend downward only: each may import the modules listed for it, never one
 *   above it (so no two modules can depend on each other, even through a third);
 * - across modules only a module's public surface is imported: its services, types and
 *   lifecycle, never its resolvers, inputs, commands or the slot engine behind its service.
 * Tests may import what they test from anywhere.
 */

/** Which other domain modules each one may use. */
const layers = {
  analytics: [],
  catalog: [],
  monitoring: [],
  viewer: [],
  notifications: ['monitoring'],
  master: ['catalog', 'monitoring', 'notifications', 'viewer'],
  client: ['analytics', 'catalog', 'monitoring', 'viewer'],
  booking: ['analytics', 'catalog', 'client', 'master', 'monitoring', 'notifications'],
  calendar: ['booking', 'catalog', 'master'],
  phone: ['master'],
  review: ['booking', 'client', 'master'],
  privacy: ['analytics', 'booking', 'client', 'review'],
  search: ['analytics', 'booking', 'catalog', 'master'],
  partner: ['analytics', 'catalog', 'client'],
  media: ['master'],
};

const notTest = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: modules must depend on each other in one direction.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(layers).map(([module, allowed]) => ({
      name: `layers-${module}`,
      comment: `modules/${module} may use only: ${allowed.join(', ') || 'no other module'}.`,
      severity: 'error',
      from: { path: `^src/modules/${module}/`, pathNot: notTest },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: [`^src/modules/${module}/`, ...allowed.map((other) => `^src/modules/${other}/`)],
      },
    })),
    {
      name: 'unknown-module',
      comment: 'Every domain module has a place in the layers above (.dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: Object.keys(layers).map((module) => `^src/modules/${module}/`),
      },
    },
    {
      name: 'module-internals',
      comment: "Another module's resolvers, inputs, commands and engine are its own: use its services and types.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: notTest },
      to: {
        path: ['\\.(mutations|queries|inputs|cli|command|route)\\.ts$', '^src/modules/booking/slots\\.ts$'],
        pathNot: '^src/modules/$1/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
