/** The golden gemmlowp example, typed. */
import fixture from '../fixtures/gemmlowp_example.json';

export type Rows = number[][];
export type HexRows = string[][];

/** The example section of gemmlowp_example.json. */
export const example = fixture.example;
