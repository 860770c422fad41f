import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { ParamsCard } from './ParamsCard.tsx';
import { Panel } from '../common/Panel.tsx';
import './params.css';

/** Section 2: (S, Z) of LHS, RHS and the result, live. */
export function ParamsPanel() {
  return (
    <Panel
      id="params"
      title="2 · Quantization parameters"
      lede={
        <>
          Each matrix gets one scale S and zero point Z so that r = S · (q − Z), with q an integer code (uint8, 0…255,
          in the paper and gemmlowp&apos;s example). The result&apos;s range is the float product&apos;s min and max, as
          in gemmlowp&apos;s example (a trained network learns it). Pick another scheme to see exactly what TFLite,
          PyTorch or ONNX Runtime compute for the same numbers, and why their codes can differ by one.
        </>
      }
    >
      <div className="cards">
        {(['lhs', 'rhs', 'result'] as const).map((id) => (
          <PanelBoundary key={id} name={`${id.toUpperCase()} parameters`}>
            <ParamsCard id={id} />
          </PanelBoundary>
        ))}
      </div>
    </Panel>
  );
}
