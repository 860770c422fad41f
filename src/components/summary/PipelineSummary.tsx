import { useMemo } from 'react';
import { matrixFromRows, quantizedMatMul, type QuantizationParams } from '../../engine/index.ts';
import { GEMMLOWP_LHS, GEMMLOWP_RHS } from '../../state/presets.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { MatrixTable } from './MatrixTable.tsx';

function ParamsRow({ name, p }: { name: string; p: QuantizationParams }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{formatFloat32(p.min)}</td>
      <td>{formatFloat32(p.max)}</td>
      <td data-testid={`${name}-scale`}>{formatScale(p.scale)}</td>
      <td data-testid={`${name}-zero-point`}>{p.zeroPoint}</td>
    </tr>
  );
}

/** The gemmlowp example's whole pipeline, every number computed by the engine. */
export function PipelineSummary() {
  const r = useMemo(() => quantizedMatMul(matrixFromRows(GEMMLOWP_LHS), matrixFromRows(GEMMLOWP_RHS)), []);
  return (
    <section aria-labelledby="summary-title" className="panel">
      <h2 id="summary-title">The gemmlowp example, end to end</h2>
      <div className="matrices">
        <MatrixTable caption="LHS (float32)" matrix={matrixFromRows(GEMMLOWP_LHS)} format={formatFloat32} />
        <MatrixTable caption="RHS (float32)" matrix={matrixFromRows(GEMMLOWP_RHS)} format={formatFloat32} />
        <MatrixTable caption="Float reference product" matrix={r.reference} format={formatFloat32} />
      </div>
      <table className="params-table">
        <caption>Quantization parameters (r = S · (q − Z))</caption>
        <thead>
          <tr>
            <th scope="col">Matrix</th>
            <th scope="col">min</th>
            <th scope="col">max</th>
            <th scope="col">scale S</th>
            <th scope="col">zero point Z</th>
          </tr>
        </thead>
        <tbody>
          <ParamsRow name="LHS" p={r.lhsParams} />
          <ParamsRow name="RHS" p={r.rhsParams} />
          <ParamsRow name="Result" p={r.resultParams} />
        </tbody>
      </table>
      <div className="matrices">
        <MatrixTable caption="LHS (uint8)" matrix={r.lhsQuantized} />
        <MatrixTable caption="RHS (uint8)" matrix={r.rhsQuantized} />
        <MatrixTable caption="int32 accumulators" matrix={r.accumulators} />
        <MatrixTable caption="Result (uint8)" matrix={r.output} />
        <MatrixTable caption="Dequantized result" matrix={r.dequantized} format={formatFloat32} />
      </div>
      <p data-testid="multiplier">
        M = S1·S2/S3 = {formatFloat32(r.realMultiplier)} = {r.quantizedMultiplier} · 2<sup>−31</sup> · 2
        <sup>−{r.rightShift}</sup>
      </p>
    </section>
  );
}
