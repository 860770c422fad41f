/** React hooks over the store's derived selectors (read through the panel's view of the store). */
import { useContext } from 'react';
import { useStore } from 'zustand';
import type {
  Derive,
  Derived,
  Extremes,
  Lit,
  ParamsView,
  ProductView,
  TensorView,
  TraceView,
} from './derived/index.ts';
import type { PresetId } from './presets.ts';
import type { InputId, MatrixId, State } from './store.ts';
import { ViewStoreContext } from './view.ts';

/** A derived value of the state this part of the page shows. */
function useDerived<T>(select: (derive: Derive, s: State) => T): T {
  const store = useContext(ViewStoreContext);
  return useStore(store, (s) => select(store.derive, s));
}

/** The cells holding an input's min and max (for the grid: no quantization needed). */
export function useExtremes(id: InputId): Extremes | null {
  return useDerived((d, s) => d.extremes(s, id));
}

/** The derived view of a matrix; re-renders only when that view changes. */
export function useTensor(id: MatrixId): Derived<TensorView> {
  return useDerived((d, s) => d.tensor(s, id));
}

/** A matrix's quantization parameters (and the result's activation clamp). */
export function useParams(id: MatrixId): Derived<ParamsView> {
  return useDerived((d, s) => d.params(s, id));
}

/** The integer-only product. */
export function useProduct(): Derived<ProductView> {
  return useDerived((d, s) => d.product(s));
}

/** The selected output cell's trace at the current step. */
export function useTrace(): Derived<TraceView> {
  return useDerived((d, s) => d.trace(s));
}

/** The walkthrough's lit row, column and cell in one matrix. */
export function useLit(id: MatrixId): Lit {
  return useDerived((d, s) => d.lit(s, id));
}

/** The preset on screen, if the inputs are exactly one. */
export function usePresetOnScreen(): PresetId | null {
  return useDerived((d, s) => d.preset(s));
}

/** Whether an input is exactly the draw of its seed. */
export function useIsDraw(id: InputId): boolean {
  return useDerived((d, s) => d.isDraw(s, id));
}
