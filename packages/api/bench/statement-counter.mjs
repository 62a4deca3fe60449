/**
 * Preloaded into the API process by the benchmark (`node --import`): counts the SQL statements
 * the process sends through `pg` (Prisma's driver adapter and raw queries included, BEGIN and
 * COMMIT too), leaving out pg-boss's own polling (its statements name the `pgboss` schema), and
 * reports the count and the process's RSS when the parent asks over the IPC channel.
 */
import pg from 'pg';

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text === 'string' && !text.includes('pgboss')) statements += 1;
  return query.call(this, config, ...rest);
};

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ statements, rss: process.memoryUsage().rss });
});
