/** React hooks over the store and the derived selectors (read through the panel's view of the store). */
import { useView } from './view.ts';
import type { MatrixId } from './store.ts';
import {
  productView,
  selectParams,
  selectTensor,
  selectTrace,
  selectLit,
  type Derived,
  type Lit,
  type ParamsView,
  type ProductView,
  type TensorView,
  type TraceView,
} from './derived.ts';

/** The derived view of a matrix; re-renders only when that view changes. */
export function useTensor(id: MatrixId): Derived<TensorView> {
  return useView((s) => selectTensor(s, id));
}

/** A matrix's quantization parameters (and the result's activation clamp). */
export function useParams(id: MatrixId): Derived<ParamsView> {
  return useView((s) => selectParams(s, id));
}

/** The integer-only product. */
export function useProduct(): Derived<ProductView> {
  return useView((s) => productView(s));
}

/** The selected output cell's trace at the current step. */
export function useTrace(): Derived<TraceView> {
  return useView((s) => selectTrace(s));
}

/** The walkthrough's lit row, column and cell in one matrix. */
export function useLit(id: MatrixId): Lit {
  return useView((s) => selectLit(s, id));
}
