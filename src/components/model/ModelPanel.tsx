import { useLingui } from '@lingui/react';
import { useModelStore } from '../../state/modelStore.ts';
import { sameSource } from '../../state/slices/modelViewSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { Panel } from '../common/Panel.tsx';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { HelloWorldCurve } from './HelloWorldCurve.tsx';
import { InputEditor } from './InputEditor.tsx';
import { ModelGraph } from './ModelGraph.tsx';
import { NodeDetails } from './NodeDetails.tsx';
import { QdqGroupView } from './QdqGroupView.tsx';
import { NodeList } from './NodeList.tsx';
import { OpenModel } from './OpenModel.tsx';
import { StepElement } from './StepElement.tsx';
import { TensorFileView } from './TensorFileView.tsx';
import { GgufView } from './GgufView.tsx';
import './model.css';

/** Section 9: a real quantized model, its graph, each node's requantization, and one output stepped. */
export function ModelPanel() {
  const { i18n } = useLingui();
  const model = useModelStore((s) => s.model);
  const source = useModelStore((s) => s.source);
  const tensorFile = useModelStore((s) => s.tensorFile);
  const gguf = useModelStore((s) => s.gguf);
  const layout = useModelStore((s) => s.layout);
  const viewed = useAppStore((s) => s.modelView?.source);
  // The model is shown while the view (link, undo, session) names it.
  const shown = model && sameSource(viewed, source) ? model : null;
  const hello = source?.kind === 'example' && source.name === 'hello_world_int8';
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
      {gguf && (
        <PanelBoundary name={i18n._('model.boundary.gguf')}>
          <GgufView file={gguf} />
        </PanelBoundary>
      )}
      {shown && (
        <>
          <PanelBoundary name={i18n._('model.boundary.graph')}>
            <ModelGraph model={shown} layout={layout} />
            <NodeList model={shown} />
          </PanelBoundary>
          <PanelBoundary name={i18n._('model.boundary.node')}>
            <NodeDetails model={shown} />
            <QdqGroupView model={shown} />
          </PanelBoundary>
          <PanelBoundary name={i18n._('model.boundary.step')}>
            {!hello && <InputEditor model={shown} />}
            <StepElement model={shown} />
          </PanelBoundary>
          {hello && (
            <PanelBoundary name={i18n._('model.boundary.curve')}>
              <HelloWorldCurve model={shown} />
            </PanelBoundary>
          )}
        </>
      )}
    </Panel>
  );
}
