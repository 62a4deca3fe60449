import { runCli } from '../../cli.js';
import { reviewCommand } from './review.command.js';

await runCli('Review command', reviewCommand);
