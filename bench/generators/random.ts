/**
 * Deterministic data: every generator takes a seed so two runs build the same data set. The
 * generator and the name lists are the server's (apps/server/src/platform/random.ts), shared with
 * the demo seed.
 */
export { pad, personName, type Rng, rng } from '../../apps/server/src/platform/random.ts';
