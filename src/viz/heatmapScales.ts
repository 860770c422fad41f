/**
 * The four colour maps of one matrix's heatmaps. Float and dequantized share one domain so that
 * they can be compared by eye; codes use the full code range [qmin, qmax]; the error map is centred at 0 and
 * reaches at least ±S/2, the bound of rounding error inside the range.
 */
import type { QuantizationParams } from '../engine/index.ts';
import { divergingMap, sequentialMap, type ColourMap } from './colour.ts';

/** Colour maps for real values, codes and errors. */
export interface HeatmapScales {
  readonly real: ColourMap;
  readonly codes: ColourMap;
  readonly error: ColourMap;
}

/** The maps for a matrix with these parameters and largest |error|. */
export function heatmapScales(params: QuantizationParams, maxAbsError: number): HeatmapScales {
  return {
    real: sequentialMap(params.min, params.max),
    codes: sequentialMap(params.qmin, params.qmax),
    error: divergingMap(Math.max(maxAbsError, params.scale / 2)),
  };
}
