/**
 * Preset inputs. The gemmlowp example is google/gemmlowp doc/quantization_example.cc's run
 * (std::mt19937 default seed, uniform_real_distribution<float>(-1, 1) in libstdc++), written as
 * the shortest decimals that parse back to the exact float32 values.
 */

/** Rows of a matrix as plain numbers (float32-representable). */
export type Rows = readonly (readonly number[])[];

/** LHS 2×4 of the gemmlowp example. */
export const GEMMLOWP_LHS: Rows = [
  [0.629447340965271, 0.8115838766098022, -0.7460263967514038, 0.826751708984375],
  [-0.7290459871292114, 0.6700171232223511, 0.9377355575561523, -0.5579319000244141],
];

/** RHS 4×3 of the gemmlowp example. */
export const GEMMLOWP_RHS: Rows = [
  [0.26471853256225586, -0.4430035352706909, 0.9150136709213257],
  [-0.38366591930389404, -0.6232360601425171, 0.9929226636886597],
  [-0.8049191832542419, 0.09376299381256104, 0.9297770261764526],
  [0.09444117546081543, 0.9857625961303711, 0.9353898763656616],
];
