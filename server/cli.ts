/**
 * The `hindsight` command line. Each verb is a thin shell over queries/ and ingest/; this file
 * only parses flags, prints, and maps failures to exit codes: 0 ok, 1 failure, 2 bad usage or
 * bad input (InputError), with one sentence on stderr.
 */
import { Command, CommanderError } from 'commander';
import { isInputError } from '../queries/errors.ts';
import { demoCommand } from './commands/demo.ts';
import { importCommand } from './commands/import.ts';
import { metricsCommand } from './commands/metrics.ts';
import { qualityCommand } from './commands/quality.ts';
import { serveCommand } from './commands/serve.ts';
import { syncCommand } from './commands/sync.ts';
import { targetsCommand } from './commands/targets.ts';
import { compareCommand } from './commands/compare.ts';
import { exportCommand } from './commands/export.ts';
import { annotateCommand } from './commands/annotate.ts';
import { reportCommand } from './commands/report.ts';
import { emailCommand } from './commands/email.ts';

export function buildProgram(): Command {
  const program = new Command('hindsight')
    .description('Self-hosted incident analytics: MTTA/MTTR, trends and honest verdicts from your incident data.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(importCommand());
  program.addCommand(syncCommand());
  program.addCommand(metricsCommand());
  program.addCommand(qualityCommand());
  program.addCommand(demoCommand());
  program.addCommand(targetsCommand());
  program.addCommand(compareCommand());
  program.addCommand(exportCommand());
  program.addCommand(annotateCommand());
  program.addCommand(reportCommand());
  program.addCommand(emailCommand());
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0; usage errors with 1,
      // which Hindsight reports as 2 (bad usage). Commander has already printed the message.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isInputError(error)) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? error.message : String(error));
    if (process.env.HINDSIGHT_DEBUG && error instanceof Error) console.error(error.stack);
    return 1;
  }
}
