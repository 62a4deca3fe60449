import { CliError, type Command, runCli } from './cli.js';
import { runningEmbeddedUrl } from './embedded-postgres.js';

/**
 * `npm run -s db:url`: the connection string of the database the API uses, for psql or a GUI
 * client (`psql "$(npm run -s db:url)"`): DATABASE_URL, or the running embedded server's, whose
 * port and random password live in its folder. It holds the password: do not paste it anywhere.
 */
const dbUrl: Command = async (_args, { env, print }) => {
  const url = env.DATABASE_URL ?? (await runningEmbeddedUrl(env.EMBEDDED_DB_DIR));
  if (!url) {
    throw new CliError(`The embedded database in ${env.EMBEDDED_DB_DIR} is not running: start the server (npm start) first.`, 1);
  }
  print(url);
  return 0;
};

await runCli('db:url', dbUrl);
