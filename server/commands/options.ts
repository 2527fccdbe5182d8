/** Options shared by several commands. */
import { Option } from 'commander';

export const dbOption = () =>
  new Option('--db <path>', 'DuckDB file (default: $HINDSIGHT_DB or ./data/hindsight.duckdb)');
