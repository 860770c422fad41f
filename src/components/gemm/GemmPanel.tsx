import { useLingui } from '@lingui/react';
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
  const { i18n } = useLingui();
  return (
    <Panel
      id="gemm"
      title={i18n._('gemm.title')}
      lede={
        <>
          <code>q3 = Z3 + M · Σⱼ (q1 − Z1)(q2 − Z2)</code>
          {i18n._('gemm.lede')}
        </>
      }
    >
      <PanelBoundary name={i18n._('gemm.boundary.setup')}>
        <ProductOptionsForm />
      </PanelBoundary>
      {/* The keys step the walkthrough from anywhere here (a result button, a step button…). */}
      <div className="gemm-layout" onKeyDown={onStepKey}>
        <PanelBoundary name={i18n._('gemm.boundary.result')}>
          <ResultComparison />
        </PanelBoundary>
        <PanelBoundary name={i18n._('gemm.boundary.walkthrough')}>
          <Walkthrough />
        </PanelBoundary>
      </div>
      <PanelBoundary name={i18n._('gemm.boundary.methods')}>
        <MethodComparison />
      </PanelBoundary>
    </Panel>
  );
}
