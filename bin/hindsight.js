#!/usr/bin/env node
// The `hindsight` command. Hindsight is written in TypeScript and run through tsx's loader, so
// `npx hindsight` works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
