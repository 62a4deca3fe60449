/**
 * How the mini-app's code may depend on itself (`npm run check:imports`, run by CI): no import
 * cycles, type-only imports included; and each role's code apart from the other's, so that a
 * client never downloads the master's code nor a master the client's.
 */
const clientCode = '^src/(pages/Client[^/]*|components/ClientProfileProvider)/';
const masterCode = '^src/(pages/Master[^/]*|components/MasterProfileProvider)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: modules must depend on each other in one direction.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'client-pages-must-not-reach-master-code',
      comment:
        "A client page or the client layout reaches master code: a master page, the master layout, or the master's texts " +
        '(src/i18n/master*), which make the component that shows them master-only. Move what both roles need to shared ' +
        'components and texts (src/i18n/shared.*.ts).',
      severity: 'error',
      from: { path: clientCode },
      to: { path: `${masterCode}|^src/i18n/master`, reachable: true },
    },
    {
      name: 'master-pages-must-not-reach-client-code',
      comment:
        "A master page or the master layout reaches client code: a client page, the client layout, or the client's texts " +
        '(src/i18n/client*), which make the component that shows them client-only. Move what both roles need to shared ' +
        'components and texts (src/i18n/shared.*.ts).',
      severity: 'error',
      from: { path: masterCode },
      to: { path: `${clientCode}|^src/i18n/client`, reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
