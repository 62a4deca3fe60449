import { runCli } from '../../cli.js';
import { partnerCommand } from './partner.command.js';

await runCli('Partner command', partnerCommand);
