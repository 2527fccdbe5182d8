/**
 * The request flags shared by `metrics`, `targets` and `compare`, so each means the same thing
 * everywhere, and their translation into the parser's raw request (queries/request.ts).
 */
import { Command, Option } from 'commander';
import type { RawMetricRequest } from '../../queries/request.ts';
import { configOption, dbOption } from './options.ts';

export interface RequestFlags {
  metric?: string; by?: string; grain?: string; from?: string; to?: string; tz?: string; cohort?: string;
  filter: string[]; includeDrills?: boolean; clock?: string; excludeOnHold?: boolean; db?: string; config?: string;
}

export interface FlagChoice {
  /** Offer --grain (default true). */
  grain?: boolean;
}

export function addRequestFlags(command: Command, choice: FlagChoice = {}): Command {
  if (choice.grain !== false) command.option('--grain <grain>', 'time bucket: day, week, month, quarter or year (default: none)');
  return command
    .option('--from <date>', 'first local date, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'last local date, exclusive (YYYY-MM-DD)')
    .option('--tz <zone>', 'IANA time zone for periods and dates (default UTC)')
    .option('--cohort <cohort>', 'opened (default) or resolved')
    .option('--filter <dim=value>', 'keep only incidents with this value (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--include-drills', 'count drills too (default: excluded)')
    .addOption(new Option('--clock <clock>', 'durations in wall-clock or business time (hindsight.yaml calendar)').choices(['wall', 'business']))
    .option('--exclude-on-hold', 'leave on-hold time (on_hold … resumed in the timeline) out of durations')
    .addOption(dbOption())
    .addOption(configOption());
}

export function rawFromFlags(flags: RequestFlags): RawMetricRequest {
  return {
    metric: flags.metric, by: flags.by, grain: flags.grain, from: flags.from, to: flags.to, tz: flags.tz, cohort: flags.cohort,
    filter: flags.filter, include_drills: flags.includeDrills ?? false, clock: flags.clock, exclude_on_hold: flags.excludeOnHold ?? false,
  };
}
