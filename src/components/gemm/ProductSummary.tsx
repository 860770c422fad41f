import type { QuantizedMatMulResult } from '../../engine/index.ts';
import { useProduct } from '../../state/hooks.ts';
import { formatFloat32, formatScale } from '../../viz/format.ts';
import { Problem } from '../common/Problem.tsx';

/** Rows of the stage table: enough to follow, few enough to keep every edit within a frame. */
const SHOWN = 12;

/** Section 5 (summary): the integer-only pipeline for every output cell, stage by stage. */
export function ProductSummary() {
  const product = useProduct();
  return (
    <section className="panel" aria-labelledby="product-title">
      <h2 id="product-title">5 · The integer-only product</h2>
      <p className="lede">
        q3 = Z3 + M · Σⱼ (q1 − Z1)(q2 − Z2) with M = S1·S2/S3 applied as an int32 multiplier and a rounding right shift.
      </p>
      {product.ok ? (
        <Stages result={product.value.result} />
      ) : (
        <Problem title="The integer product cannot be computed" message={product.message} />
      )}
    </section>
  );
}

/** The multiplier and each output cell's stages. */
function Stages({ result: r }: { result: QuantizedMatMulResult }) {
  const { rows, cols } = r.output;
  const total = rows * cols;
  const cells = Array.from({ length: Math.min(total, SHOWN) }, (_, t) => t);
  return (
    <>
      <p data-testid="multiplier" className="formula">
        M = {formatScale(r.lhsParams.scale)} · {formatScale(r.rhsParams.scale)} / {formatScale(r.resultParams.scale)} ={' '}
        {formatFloat32(r.realMultiplier)} = <strong>{r.quantizedMultiplier}</strong> · 2<sup>−31</sup> · 2
        <sup>−{r.rightShift}</sup>
      </p>
      <div className="table-scroll">
        <table className="stage-table">
          <caption>Output stage per cell</caption>
          <thead>
            <tr>
              <th scope="col">cell</th>
              <th scope="col">int32 Σ</th>
              <th scope="col">high mul</th>
              <th scope="col">÷ 2^{r.rightShift}</th>
              <th scope="col">+ Z3</th>
              <th scope="col">uint8</th>
              <th scope="col">r̂</th>
              <th scope="col">float r</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((t) => (
              <tr key={t}>
                <th scope="row">
                  ({Math.floor(t / cols) + 1}, {(t % cols) + 1})
                </th>
                <td>{r.accumulators.data[t]}</td>
                <td>{r.afterHighMul.data[t]}</td>
                <td>{r.afterShift.data[t]}</td>
                <td>{r.afterOffset.data[t]}</td>
                <td>{r.output.data[t]}</td>
                <td>{formatFloat32(r.dequantized.data[t] as number)}</td>
                <td>{formatFloat32(r.reference.data[t] as number)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > SHOWN && <p className="muted">First {SHOWN} of {total} cells.</p>}
    </>
  );
}
