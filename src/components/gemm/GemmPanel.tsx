import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { ProductOptionsForm } from './ProductOptionsForm.tsx';
import { MethodComparison } from './MethodComparison.tsx';
import { ResultComparison } from './ResultComparison.tsx';
import { onStepKey } from './stepKeys.ts';
import { Walkthrough } from './Walkthrough.tsx';
import { Panel } from '../common/Panel.tsx';
import './gemm.css';

/** Section 5: the integer-only product, one output value at a time. */
export function GemmPanel() {
  return (
    <Panel
      id="gemm"
      title="5 · Integer GEMM, step by step"
      lede={
        <>
          q3 = Z3 + M · Σⱼ (q1 − Z1)(q2 − Z2): only 8-bit integer inputs, an int32 accumulator and an integer multiply
          and shift. Pick an output cell, then step with → / ← (or PageDown / PageUp, as a presenter clicker sends),
          play with Space, jump with Home / End. The active LHS row and RHS column are lit in the grids and heatmaps.
        </>
      }
    >
      <PanelBoundary name="product setup">
        <ProductOptionsForm />
      </PanelBoundary>
      {/* The keys step the walkthrough from anywhere here (a result button, a step button…). */}
      <div className="gemm-layout" onKeyDown={onStepKey}>
        <PanelBoundary name="result comparison">
          <ResultComparison />
        </PanelBoundary>
        <PanelBoundary name="walkthrough">
          <Walkthrough />
        </PanelBoundary>
      </div>
      <PanelBoundary name="requantization methods">
        <MethodComparison />
      </PanelBoundary>
    </Panel>
  );
}
