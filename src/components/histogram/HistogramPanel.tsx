import { useLingui } from '@lingui/react';
import { useTensor } from '../../state/hooks.ts';
import type { MatrixId } from '../../state/store.ts';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { ErrorHistogram } from './ErrorHistogram.tsx';
import { Metrics } from './Metrics.tsx';
import { SchemeComparison } from './SchemeComparison.tsx';
import { ValueHistogram } from './ValueHistogram.tsx';
import { Panel } from '../common/Panel.tsx';
import './histogram.css';

function MatrixHistograms({ id }: { id: MatrixId }) {
  const { i18n } = useLingui();
  const tensor = useTensor(id);
  const label = matrixName(id);
  if (!tensor.ok)
    return <Problem title={i18n._('histogram.noHistogram', { matrix: label })} failure={tensor.failure} />;
  return (
    <div className="histogram-row" role="group" aria-label={i18n._('histogram.matrixGroup', { matrix: label })}>
      <h3>{label}</h3>
      <ValueHistogram view={tensor.value} />
      <ErrorHistogram view={tensor.value} />
      <Metrics view={tensor.value} />
    </div>
  );
}

/** Section 4: error distributions and metrics. */
export function HistogramPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="histograms" title={i18n._('histogram.title')} lede={i18n._('histogram.lede')}>
      {(['lhs', 'rhs', 'result'] as const).map((id) => (
        <PanelBoundary key={id} name={i18n._('histogram.boundary', { matrix: matrixName(id) })}>
          <MatrixHistograms id={id} />
        </PanelBoundary>
      ))}
      <PanelBoundary name={i18n._('histogram.compare.boundary')}>
        <SchemeComparison />
      </PanelBoundary>
    </Panel>
  );
}
