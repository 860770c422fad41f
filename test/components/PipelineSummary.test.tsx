import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';

describe('the page shell', () => {
  it('shows the gemmlowp example parameters a reader can check against the C++ output', () => {
    render(<App />);
    expect(screen.getByTestId('LHS-scale')).toHaveTextContent('0.0066029881');
    expect(screen.getByTestId('LHS-zero-point')).toHaveTextContent('113');
    expect(screen.getByTestId('RHS-scale')).toHaveTextContent('0.0070503601');
    expect(screen.getByTestId('RHS-zero-point')).toHaveTextContent('114');
    expect(screen.getByTestId('Result-scale')).toHaveTextContent('0.0106628919');
    expect(screen.getByTestId('Result-zero-point')).toHaveTextContent('118');
    expect(screen.getByTestId('multiplier')).toHaveTextContent(/1200097792 · 2−31 · 2−7/);
    const result = screen.getByRole('table', { name: 'Result (uint8)' });
    expect(result).toHaveTextContent('168115255066151');
  });
});
