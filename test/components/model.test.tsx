/** Section 9 as a person sees it: a real model's node, its Prepare numbers, one output stepped. */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/models/index.ts';
import { openFile, readBlob } from '../../src/state/modelStore.ts';
import { useAppStore } from '../../src/state/store.ts';
import { modelBytes } from '../helpers/modelFixture.ts';
import { renderApp } from '../helpers/renderApp.tsx';
import { writeAdd } from '../helpers/tfliteWriter.ts';
import { floatTensor, intTensor, modelBytes as onnxModel, node, qdqConv } from '../models/onnxBytes.ts';

const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/tflite/reference_kernels.json'), 'utf8'),
) as { cases: { source: string; expected: { multipliers: number[]; shifts: number[] } }[] };

async function openHello() {
  await renderApp();
  const bytes = modelBytes('tflite/hello_world_int8.tflite');
  await act(() => readBlob(new Blob([bytes.slice()]), 'hello_world_int8.tflite', 'hello_world_int8'));
  await screen.findByRole('heading', { name: 'Node 0: FULLY_CONNECTED' });
  await screen.findByRole('button', { name: 'Last »' });
}

describe('a real model in section 9', () => {
  it("shows each node's multiplier and shift as tflite-micro's Prepare derives them", async () => {
    const user = userEvent.setup();
    await openHello();
    await user.click(screen.getByRole('button', { name: 'Node 1: FULLY_CONNECTED', pressed: false }));
    await screen.findByRole('heading', { name: 'Node 1: FULLY_CONNECTED' });
    const k = 1;
    const expected = golden.cases.find((c) => c.source === `hello_world_int8 node ${k}`)?.expected;
    const table = screen.getByRole('table', { name: /Prepare's requantization per output channel/ });
    const first = within(table).getAllByRole('row')[1];
    expect(first).toHaveTextContent(String(expected?.multipliers[0]));
    expect(first).toHaveTextContent(String(expected?.shifts[0]));
  });

  it('steps an output of the first layer to the code the whole run computed, from the keyboard', async () => {
    const user = userEvent.setup();
    await openHello();
    const last = screen.getByRole('button', { name: 'Last »' });
    act(() => last.focus());
    await user.keyboard('{Enter}');
    expect(screen.getByText(/The whole model's run computed the same code/)).toBeInTheDocument();
    expect(screen.getByText(/^1 of 1 term$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '« First' }));
    expect(screen.getByText(/^0 of 1 term$/)).toBeInTheDocument();
    expect(screen.queryByText(/The whole model's run computed/)).toBeNull();
  });

  it('moves through the node list with the arrow keys, one tab stop for the whole list', async () => {
    const user = userEvent.setup();
    await openHello();
    const first = screen.getByRole('button', { name: 'Node 0: FULLY_CONNECTED' });
    expect(screen.getByRole('button', { name: 'Node 1: FULLY_CONNECTED' })).toHaveAttribute('tabindex', '-1');
    act(() => first.focus());
    await user.keyboard('{ArrowDown}');
    expect(await screen.findByRole('heading', { name: 'Node 1: FULLY_CONNECTED' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Node 1: FULLY_CONNECTED' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(await screen.findByRole('heading', { name: 'Node 2: FULLY_CONNECTED' })).toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('heading', { name: 'Node 2: FULLY_CONNECTED' })).toBeInTheDocument();
  });

  it('draws a constant’s codes and, from the run, an activation’s', async () => {
    const user = userEvent.setup();
    await openHello();
    const model = readModel(modelBytes('tflite/hello_world_int8.tflite'));
    const weights = model.tensors[model.nodes[0]?.inputs[1] ?? -1]?.name ?? '';
    const output = model.tensors[model.nodes[0]?.outputs[0] ?? -1]?.name ?? '';
    expect(screen.getByRole('heading', { name: `${weights}: its codes` })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tensor drawn:' }), `${output} (from the run)`);
    expect(await screen.findByRole('heading', { name: `${output}: its codes` })).toBeInTheDocument();
    // hello_world's first layer: 16 outputs in one row.
    expect(screen.getByText(/^Drawn as 1 row .* × 16 columns/)).toBeInTheDocument();
  });

  it('moves hello_world along sin x with the slider', async () => {
    await openHello();
    const slider = screen.getByRole('slider', { name: 'Input x, from 0 to 2π' });
    act(() => useAppStore.getState().setModelX(3.14));
    expect(slider).toHaveValue('3.14');
    // hello_world_test.cc: x = 3.14 is the code 0.
    expect(screen.getByText(/x quantized to the code 0;/)).toBeInTheDocument();
  });
});

describe('elementwise nodes stepped', () => {
  it('walks an ADD element: both inputs shifted left by 20 and rescaled, the sum rescaled, to the run’s code', async () => {
    const user = userEvent.setup();
    await renderApp();
    const golden = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../fixtures/tflite/reference_kernels.json'), 'utf8'),
    ) as {
      add: {
        scales: [number, number, number];
        zeroPoints: [number, number, number];
        activation: number;
        shapes: [number[], number[], number[]];
      }[];
    };
    const c = golden.add[1];
    if (!c) throw new Error('no ADD case');
    const bytes = writeAdd(c.scales, c.zeroPoints, c.activation, c.shapes);
    await act(() => openFile(new File([bytes.slice()], 'add.tflite')));
    await screen.findByRole('heading', { name: 'Node 0 (ADD): one output element, step by step' });
    expect(screen.getByText(/^Input 1 at \[0, 0, 0, 0\]: \(q − Z\) · 2\^20/)).toBeInTheDocument();
    // Input 2 broadcasts along its channels: element 5 reads its channel 2.
    const field = screen.getByRole('spinbutton', { name: /Output element/ });
    await user.clear(field);
    await user.type(field, '5');
    expect(await screen.findByText(/^Input 2 at \[0, 0, 0, 2\]/)).toBeInTheDocument();
    expect(screen.getByText(/The whole model's run computed the same code/)).toBeInTheDocument();
  });

  it('walks okay_nabu’s QUANTIZE: a code requantized to the output’s scale, M0 and shift', async () => {
    const user = userEvent.setup();
    await renderApp();
    await act(() =>
      readBlob(new Blob([modelBytes('tflite/okay_nabu.tflite').slice()]), 'okay_nabu.tflite', 'okay_nabu'),
    );
    await screen.findByRole('heading', { name: 'Node 17: CONV_2D' });
    const button = screen.getAllByRole('button', { name: /^Node \d+: QUANTIZE$/ })[0];
    if (!button) throw new Error('no QUANTIZE');
    await user.click(button);
    expect(await screen.findByText(/^Requantize: \(q − Z_in\)/)).toBeInTheDocument();
    expect(screen.getByText(/The whole model's run computed the same code/)).toBeInTheDocument();
  });
});

describe('an ONNX model in section 9', () => {
  it('walks a QLinearConv output to its code: the terms, + B, the float32 M, round half to even; ONNX Runtime’s M per channel', async () => {
    const user = userEvent.setup();
    await renderApp();
    // A QLinearConv as exporters write it: the scales, zero points, weights and bias are initializers.
    const bytes = onnxModel(
      [node('QLinearConv', ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz', 'b'], ['y'], { group: 1 })],
      [
        floatTensor('xs', [], [0.02]),
        intTensor('xz', 2, [], [128]),
        intTensor(
          'w',
          3,
          [2, 3, 3, 3],
          Array.from({ length: 54 }, (_, i) => ((i * 37) % 255) - 127),
        ),
        floatTensor('ws', [2], [0.004, 0.0071]),
        intTensor('wz', 3, [2], [0, 0]),
        floatTensor('ys', [], [0.05]),
        intTensor('yz', 2, [], [120]),
        intTensor('b', 6, [2], [-300, 450]),
      ],
      [{ name: 'x', elemType: 2, dims: [1, 3, 7, 7] }],
    );
    await act(() => openFile(new File([bytes.slice()], 'qlinearconv.onnx')));
    await screen.findByRole('heading', { name: 'Node 0 (QLinearConv): one output element, term by term' });
    expect(screen.getByRole('table', { name: /ONNX Runtime's requantization per output channel/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Last »' }));
    expect(screen.getByText(/^M = S_x · S_w\[c\] \/ S_y = .* in float32/)).toBeInTheDocument();
    expect(screen.getByText(/^Round half to even:/)).toBeInTheDocument();
    expect(
      screen.getByText(/Here MLAS's float32 product is -?[\d.e+-]+(: the same code|, so ONNX Runtime gives)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/The whole model's run computed the same code/)).toBeInTheDocument();
    // The receptive field is drawn on the 7 × 7 input.
    expect(
      screen.getByRole('img', { name: /The input's 7 × 7 positions with the receptive field lit/ }),
    ).toBeInTheDocument();
  });
});

describe('ONNX’s QDQ form in section 9', () => {
  it('explains DequantizeLinear → Conv → QuantizeLinear as the QLinearConv ONNX Runtime runs, and compares the two on the run', async () => {
    await renderApp();
    await act(() => openFile(new File([qdqConv().slice()], 'qdq.onnx')));
    expect(
      await screen.findByRole('heading', { name: 'QDQ: this Conv runs as one QLinearConv in ONNX Runtime' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/its DequantizeLinear scale is S_x·S_w\[c\] for every channel/)).toBeInTheDocument();
    expect(
      await screen.findByText(
        /the fused QLinearConv and the model's float path give the same code for \d+ of 36 outputs/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Output element 0 fused: acc -?\d+ × M/)).toBeInTheDocument();
  });
});

describe('section 9 in links, undo and the saved session', () => {
  it('undoes a change of node like any other edit', async () => {
    const user = userEvent.setup();
    await openHello();
    await user.click(screen.getByRole('button', { name: 'Node 2: FULLY_CONNECTED', pressed: false }));
    await screen.findByRole('heading', { name: 'Node 2: FULLY_CONNECTED' });
    act(() => useAppStore.temporal.getState().undo());
    expect(await screen.findByRole('heading', { name: 'Node 0: FULLY_CONNECTED' })).toBeInTheDocument();
  });

  it('asks for the file a link was made with, refuses another file, and opens the right one at the link’s node', async () => {
    await renderApp();
    const nabu = modelBytes('tflite/okay_nabu.tflite');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', nabu.slice()));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const source = { kind: 'file', name: 'okay_nabu.tflite', size: nabu.length, sha256 } as const;
    act(() => useAppStore.setState({ modelView: { source, node: 5, element: 7, x: 1, seed: 3 }, modelStep: 4 }));
    expect(
      await screen.findByText(
        /This link was made with the file okay_nabu.tflite \(60,\d{3} bytes\)/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(sha256)).toBeInTheDocument();
    const hello = modelBytes('tflite/hello_world_int8.tflite');
    await act(() => openFile(new File([hello.slice()], 'hello.tflite')));
    expect(screen.getByText(/hello.tflite is not the file this link was made with/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^Node \d+:/ })).toBeNull();
    await act(() => openFile(new File([nabu.slice()], 'okay_nabu.tflite')));
    expect(await screen.findByRole('heading', { name: /^Node 5: / })).toBeInTheDocument();
    expect(screen.queryByText(/This link was made with the file/)).toBeNull();
    expect(useAppStore.getState().modelView).toMatchObject({ node: 5, element: 7, seed: 3 });
    expect(useAppStore.getState().modelStep).toBe(4);
  });
});

describe('a real layer in the explorer', () => {
  it('puts hello_world’s second layer into sections 1–6: its input and weights in real numbers, TFLite’s schemes, the output’s range', async () => {
    const user = userEvent.setup();
    await openHello();
    await user.click(screen.getByRole('button', { name: 'Node 1: FULLY_CONNECTED', pressed: false }));
    await user.click(await screen.findByRole('button', { name: 'Open this layer in the explorer' }));
    expect(screen.getByText(/Loaded into sections 1–6: .* LHS 1×16 .* RHS 16×16/)).toBeInTheDocument();
    const model = readModel(modelBytes('tflite/hello_world_int8.tflite'));
    const w = model.tensors[4];
    const out = model.tensors[8];
    const s = useAppStore.getState();
    expect([s.rhs.rows, s.rhs.cols, s.lhs.rows, s.lhs.cols]).toEqual([16, 16, 1, 16]);
    // RHS[j][c] = S_w · w[c][j] (weights are [out, depth] in the file).
    const sw = w?.quantization?.scales[0] ?? NaN;
    expect(s.rhs.data[3 * 16 + 5]).toBe(Math.fround(sw * Number(w?.data?.[5 * 16 + 3])));
    const so = out?.quantization?.scales[0] ?? NaN;
    const zo = out?.quantization?.zeroPoints[0] ?? NaN;
    expect(s.productOptions.resultRange).toEqual({ min: so * (-128 - zo), max: so * (127 - zo) });
    expect(s.productOptions.activation).toBe('relu');
    const b = model.tensors[3];
    expect(s.productOptions.bias?.[2]).toBe((b?.quantization?.scales[0] ?? NaN) * Number(b?.data?.[2]));
    expect(s.productOptions.schemes.rhs.symmetric).toBe(true);
  });
});
