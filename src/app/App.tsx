import { PipelineSummary } from '../components/summary/PipelineSummary.tsx';

/** The whole page. */
export function App() {
  return (
    <>
      <header className="app-header">
        <h1>Quantization Explorer</h1>
        <p>
          How float matrices become 8-bit integers, and how an integer-only matrix multiply still lands on the right
          8-bit answer — bit-exact with google/gemmlowp (Jacob et al. 2018).
        </p>
      </header>
      <main>
        <PipelineSummary />
      </main>
    </>
  );
}
