/** Options shared by several commands. */
import { Option } from 'commander';

export const dbOption = () =>
  new Option('--db <path>', 'DuckDB file (default: $HINDSIGHT_DB or ./data/hindsight.duckdb)');

export const configOption = () =>
  new Option('--config <file>', 'settings file (default: ./hindsight.yaml when present, else built-in defaults)');
