// The product's entry: Junction's shell with no test hooks.
import { startJunction } from './app';

startJunction();
