import { useLingui } from '@lingui/react';
import { useModelStore } from '../../state/modelStore.ts';
import { Panel } from '../common/Panel.tsx';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { HelloWorldCurve } from './HelloWorldCurve.tsx';
import { NodeDetails } from './NodeDetails.tsx';
import { NodeList } from './NodeList.tsx';
import { OpenModel } from './OpenModel.tsx';
import { StepElement } from './StepElement.tsx';
import { TensorFileView } from './TensorFileView.tsx';
import './model.css';

/** Section 9: a real quantized model, its graph, each node's requantization, and one output stepped. */
export function ModelPanel() {
  const { i18n } = useLingui();
  const model = useModelStore((s) => s.model);
  const source = useModelStore((s) => s.source);
  const tensorFile = useModelStore((s) => s.tensorFile);
  return (
    <Panel id="model" title={i18n._('model.title')} lede={i18n._('model.lede')}>
      <PanelBoundary name={i18n._('model.boundary.open')}>
        <OpenModel />
      </PanelBoundary>
      {tensorFile && (
        <PanelBoundary name={i18n._('model.boundary.tensorFile')}>
          <TensorFileView file={tensorFile} />
        </PanelBoundary>
      )}
      {model && (
        <>
          <PanelBoundary name={i18n._('model.boundary.graph')}>
            <NodeList model={model} />
          </PanelBoundary>
          <PanelBoundary name={i18n._('model.boundary.node')}>
            <NodeDetails model={model} />
          </PanelBoundary>
          <PanelBoundary name={i18n._('model.boundary.step')}>
            <StepElement model={model} />
          </PanelBoundary>
          {source?.kind === 'example' && source.name === 'hello_world_int8' && (
            <PanelBoundary name={i18n._('model.boundary.curve')}>
              <HelloWorldCurve model={model} />
            </PanelBoundary>
          )}
        </>
      )}
    </Panel>
  );
}
