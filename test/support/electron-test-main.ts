// The test build's entry: the product's shell started with the hooks a test asks for in its
// environment (test-switches.ts). `npm test` bundles it to out/test-main/ (scripts/build-test-main.ts);
// the product's out/main holds none of it.
import { startJunction } from '../../src-main/shell/app';
import { readTestSwitches } from './test-switches';

startJunction(readTestSwitches(process.env));
