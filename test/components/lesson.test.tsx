/** The lesson as a teacher and a student use it: chapters, keys, tasks, the link, two languages. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import en from '../../src/i18n/catalogs/lesson.en.json';
import { decodeLink } from '../../src/permalink/codec.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const linkState = () => {
  const decoded = decodeLink(window.location.hash.slice(1));
  if (!decoded.ok) throw new Error('the link does not decode');
  return decoded.state;
};

describe('the lesson', () => {
  it('opens on chapter 1, checks its task, and turns pages with the clicker keys; the chapter is in the link', async () => {
    const user = userEvent.setup();
    await renderApp();
    await user.click(screen.getByRole('button', { name: 'Start the lesson' }));
    const article = await screen.findByRole('article', { name: 'Why integers' });
    expect(within(article).getByText('Chapter 1 of 8')).toBeInTheDocument();
    const task = within(article).getByText(/Click the LHS's top-left cell, type 1.5/);
    expect(task.closest('li')).toHaveTextContent('(To do)');
    // Do it: the task is ticked and announced.
    await user.click(screen.getByRole('textbox', { name: 'LHS row 1, column 1' }));
    await user.keyboard('1.5{Enter}');
    expect(task.closest('li')).toHaveTextContent('(Done)');
    expect(within(article).getByRole('status')).toHaveTextContent("Done: Click the LHS's top-left cell");
    // Clicker keys from the page (not from a field): next, next, previous.
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByRole('article', { name: 'r = S(q − Z): one number' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'r = S(q − Z): one number' })).toHaveFocus();
    await user.keyboard('{PageDown}');
    expect(await screen.findByRole('article', { name: 'Choosing S and Z from the min and max' })).toBeInTheDocument();
    await user.keyboard('{PageUp}');
    expect(await screen.findByRole('article', { name: 'r = S(q − Z): one number' })).toBeInTheDocument();
    await vi.waitFor(() => expect(linkState().lesson).toBe(1));
    // A chapter dot jumps; the last chapter's Next is disabled.
    await user.click(screen.getByRole('button', { name: /^Chapter 8: / }));
    expect(await screen.findByRole('article', { name: 'Where S₃ and Z₃ come from' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Next/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Leave the lesson' }));
    expect(await screen.findByRole('region', { name: /7 · Where S₃ and Z₃ come from/ })).toBeInTheDocument();
    expect(useAppStore.getState().lesson).toBeNull();
  }, 30_000);

  it('speaks Simplified Chinese when chosen: the lesson, its controls, <html lang> and the link', async () => {
    const user = userEvent.setup();
    useAppStore.getState().setLesson(2);
    await renderApp();
    const english = await screen.findByRole('article', { name: 'Choosing S and Z from the min and max' });
    // The chapter's formulas are MathML (a fraction for S), the same in both languages.
    const math = english.querySelector('math');
    expect(math?.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
    expect(math?.querySelector('mfrac')).not.toBeNull();
    const formula = math?.outerHTML;
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    const article = await screen.findByRole('article', { name: '由最小值和最大值确定 S 和 Z' });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(within(article).getByText('第 3 章，共 8 章')).toBeInTheDocument();
    expect(article.querySelector('math')?.outerHTML).toBe(formula);
    expect(screen.getByRole('button', { name: /下一章/ })).toBeInTheDocument();
    expect(screen.getByLabelText('语言')).toHaveValue('zh-CN');
    // The header around the lesson speaks it too.
    expect(screen.getByRole('button', { name: '撤销' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '复制链接' })).toBeInTheDocument();
    expect(screen.getByTestId('link-length')).toHaveTextContent(/^链接：[\d,]+ 个字符$/);
    // No English words of the lesson leak into the Chinese one.
    const lessonText = [screen.getByRole('navigation', { name: '课程' }), article].map((e) => e.textContent).join(' ');
    // (Words of two or more, not shared terms such as LHS or CSV.)
    const leaks = Object.values(en).filter((m) => !m.includes('{') && m.includes(' ') && lessonText.includes(m));
    expect(leaks).toEqual([]);
    await vi.waitFor(() => expect(linkState().locale).toBe('zh-CN'));
    // And back.
    await user.selectOptions(screen.getByLabelText('语言'), 'en');
    expect(await screen.findByRole('article', { name: 'Choosing S and Z from the min and max' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  }, 30_000);
});
