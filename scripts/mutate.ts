// `npm run mutate [-- stryker options]`: Stryker over stryker.config.mjs's modules (or `--mutate`
// a few), timed and recorded by mutate-run.ts.
import { runStryker } from './mutate-run';

process.exit(runStryker(process.argv.slice(2)));
