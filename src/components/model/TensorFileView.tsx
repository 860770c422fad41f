import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { MAX_MATRIX_DIM } from '../../engine/index.ts';
import { slice2d, TensorFileError, type FileTensor, type TensorFileProblem } from '../../models/tensorFiles/index.ts';
import { useAppStore } from '../../state/store.ts';
import type { TensorFile } from '../../state/modelStore.ts';
import { tensorProblemText } from './modelText.ts';

type Outcome =
  | { readonly kind: 'loaded'; readonly side: 'lhs' | 'rhs'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'tooLarge'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'failed'; readonly problem: TensorFileProblem };

/** A tensor of a .npy or .safetensors file: choose it, fix its leading indices, load the 2-D slice as a matrix. */
export function TensorFileView({ file }: { file: TensorFile }) {
  const { i18n } = useLingui();
  const [chosen, setChosen] = useState(0);
  const [index, setIndex] = useState<number[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tensor: FileTensor | undefined = file.tensors[Math.min(chosen, file.tensors.length - 1)];
  if (!tensor) return <p>{i18n._('model.tensorFileEmpty', { name: file.name })}</p>;
  const leading = tensor.shape.slice(0, Math.max(0, tensor.shape.length - 2));
  const at = leading.map((d, k) => Math.min(index[k] ?? 0, Math.max(d - 1, 0)));
  const load = (side: 'lhs' | 'rhs') => {
    try {
      const m = slice2d(tensor, at);
      if (m.rows > MAX_MATRIX_DIM || m.cols > MAX_MATRIX_DIM) {
        setOutcome({ kind: 'tooLarge', rows: m.rows, cols: m.cols });
        return;
      }
      useAppStore.getState().replaceMatrix(side, { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) });
      setOutcome({ kind: 'loaded', side, rows: m.rows, cols: m.cols });
    } catch (e) {
      if (!(e instanceof TensorFileError)) throw e;
      setOutcome({ kind: 'failed', problem: e.problem });
    }
  };
  return (
    <div className="model-tensor-file">
      <h3>{i18n._('model.tensorFileHeading', { name: file.name, count: file.tensors.length })}</h3>
      <label>
        {i18n._('model.tensorChoice')}{' '}
        <select
          value={chosen}
          onChange={(e) => {
            setChosen(Number(e.target.value));
            setIndex([]);
          }}
        >
          {file.tensors.map((t, k) => (
            <option key={k} value={k}>
              {`${t.name || file.name} ${t.dtype}[${t.shape.join(',')}]`}
            </option>
          ))}
        </select>
      </label>
      {leading.map((d, k) => (
        <label key={k} className="tensor-index">
          {i18n._('model.tensorIndex', { axis: k, max: d - 1 })}{' '}
          <input
            type="number"
            min={0}
            max={d - 1}
            value={at[k]}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v >= 0 && v < d) setIndex(at.map((x, j) => (j === k ? v : x)));
            }}
          />
        </label>
      ))}
      <div className="model-open-row">
        <button type="button" onClick={() => load('lhs')}>
          {i18n._('model.loadLhs')}
        </button>
        <button type="button" onClick={() => load('rhs')}>
          {i18n._('model.loadRhs')}
        </button>
      </div>
      <p role="status">
        {outcome?.kind === 'loaded' &&
          i18n._(outcome.side === 'lhs' ? 'model.loadedLhs' : 'model.loadedRhs', {
            rows: outcome.rows,
            cols: outcome.cols,
          })}
        {outcome?.kind === 'tooLarge' &&
          i18n._('model.tooLargeForExplorer', { rows: outcome.rows, cols: outcome.cols, max: MAX_MATRIX_DIM })}
        {outcome?.kind === 'failed' && tensorProblemText(outcome.problem)}
      </p>
    </div>
  );
}
