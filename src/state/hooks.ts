/** React hooks over the store and the derived selectors. */
import { useAppStore } from './store.ts';
import type { MatrixId } from './store.ts';
import {
  productView,
  selectTensor,
  selectTrace,
  selectLit,
  type Derived,
  type Lit,
  type ProductView,
  type TensorView,
  type TraceView,
} from './derived.ts';

/** The derived view of a matrix; re-renders only when that view changes. */
export function useTensor(id: MatrixId): Derived<TensorView> {
  return useAppStore((s) => selectTensor(s, id));
}

/** The integer-only product. */
export function useProduct(): Derived<ProductView> {
  return useAppStore((s) => productView(s));
}

/** The selected output cell's trace at the current step. */
export function useTrace(): Derived<TraceView> {
  return useAppStore((s) => selectTrace(s));
}

/** The walkthrough's lit row, column and cell in one matrix. */
export function useLit(id: MatrixId): Lit {
  return useAppStore((s) => selectLit(s, id));
}
