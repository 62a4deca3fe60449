import { runCli } from '../cli.js';
import { cleanupDraftsCommand } from './cleanup-drafts.command.js';

await runCli('Draft clean-up', cleanupDraftsCommand);
