import { useLingui } from '@lingui/react';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { matrixName } from '../common/names.ts';
import { ParamsCard } from './ParamsCard.tsx';
import { Panel } from '../common/Panel.tsx';
import './params.css';

/** Section 2: (S, Z) of LHS, RHS and the result, live. */
export function ParamsPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="params" title={i18n._('params.title')} lede={i18n._('params.lede')}>
      <div className="cards">
        {(['lhs', 'rhs', 'result'] as const).map((id) => (
          <PanelBoundary key={id} name={i18n._('names.cardName', { matrix: matrixName(id) })}>
            <ParamsCard id={id} />
          </PanelBoundary>
        ))}
      </div>
    </Panel>
  );
}
