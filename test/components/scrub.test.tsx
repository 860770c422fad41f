/** Scrubbing a cell by dragging: live, one undo step, and it always ends (and undo always resumes). */
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const cell = () => screen.getByRole('textbox', { name: 'LHS row 1, column 1' });
const value = () => useAppStore.getState().lhs.data[0];
const START = Math.fround(0.629447340965271);
/** S of the example's LHS: 4 px = one step. */
const STEP = Math.fround(Math.fround(0.9377355575561523 + 0.7460263967514038) / 255);

const down = (x: number, pointerId = 1) =>
  fireEvent.pointerDown(cell(), { button: 0, buttons: 1, pointerId, clientX: x });
const move = (x: number, buttons = 1, pointerId = 1) =>
  fireEvent.pointerMove(cell(), { buttons, pointerId, clientX: x });
const up = (x: number, pointerId = 1) => fireEvent.pointerUp(cell(), { button: 0, buttons: 0, pointerId, clientX: x });

/** A typed edit of another cell, which must be an undo step of its own. */
function typedEdit(v: number) {
  useAppStore.getState().setCell('rhs', 0, 0, v);
}

describe('scrubbing a cell', () => {
  it('follows the pointer at 4 px a step, and the whole drag is one undo step', async () => {
    await renderApp();
    down(100);
    move(102); // under the threshold: a click, not a drag
    expect(value()).toBe(START);
    move(108);
    expect(value()).toBe(Math.fround(START + 8 * (STEP / 4)));
    move(140);
    up(140);
    expect(value()).toBe(Math.fround(START + 40 * (STEP / 4)));
    useAppStore.temporal.getState().undo();
    expect(value()).toBe(START);
  });

  it('ends when the pointer capture is lost: later moves change nothing and undo tracks edits again', async () => {
    await renderApp();
    down(100);
    move(120);
    const scrubbed = value();
    fireEvent(cell(), new PointerEvent('lostpointercapture', { pointerId: 1 }));
    move(200);
    expect(value()).toBe(scrubbed);
    typedEdit(9);
    useAppStore.temporal.getState().undo();
    expect(useAppStore.getState().rhs.data[0]).not.toBe(9); // the typed edit was its own step
    expect(value()).toBe(scrubbed);
  });

  it('ends at a move with no button down (a release the page never saw)', async () => {
    await renderApp();
    down(100);
    move(120);
    const scrubbed = value();
    move(160, 0); // hovering, button up
    move(200, 1);
    expect(value()).toBe(scrubbed);
    typedEdit(9);
    useAppStore.temporal.getState().undo();
    expect(useAppStore.getState().rhs.data[0]).not.toBe(9);
  });

  it('ends when the window loses focus', async () => {
    await renderApp();
    down(100);
    move(120);
    const scrubbed = value();
    fireEvent.blur(window);
    move(200);
    expect(value()).toBe(scrubbed);
  });

  it('belongs to the pointer that started it: another pointer moving does nothing', async () => {
    await renderApp();
    down(100, 1);
    move(200, 1, 2);
    expect(value()).toBe(START);
    down(100, 2); // a second finger cannot start a second scrub
    move(120, 1, 1);
    expect(value()).toBe(Math.fround(START + 20 * (STEP / 4)));
    up(120, 1);
  });

  it('puts the value back with Escape, and the undo history as it was (redo included)', async () => {
    await renderApp();
    typedEdit(9);
    useAppStore.temporal.getState().undo();
    const { pastStates, futureStates } = useAppStore.temporal.getState();
    down(100);
    move(160);
    expect(value()).not.toBe(START);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(value()).toBe(START);
    move(200);
    expect(value()).toBe(START);
    expect(useAppStore.temporal.getState().pastStates).toEqual(pastStates); // no empty undo step
    expect(useAppStore.temporal.getState().futureStates).toEqual(futureStates);
    useAppStore.temporal.getState().redo();
    expect(useAppStore.getState().rhs.data[0]).toBe(9);
  });

  it('leaves a finger alone: on a phone a swipe scrolls the grid', async () => {
    await renderApp();
    fireEvent.pointerDown(cell(), { button: 0, buttons: 1, pointerId: 1, clientX: 100, pointerType: 'touch' });
    fireEvent.pointerMove(cell(), { buttons: 1, pointerId: 1, clientX: 200, pointerType: 'touch' });
    expect(value()).toBe(START);
  });

  it('ends at a new press of the same pointer (its release was never seen) and starts again from there', async () => {
    await renderApp();
    down(100);
    move(120);
    const scrubbed = value();
    down(300);
    move(304);
    expect(value()).toBe(Math.fround((scrubbed ?? NaN) + 4 * (STEP / 4)));
    up(304);
    useAppStore.temporal.getState().undo();
    expect(value()).toBe(scrubbed); // two drags, two undo steps
  });
});
