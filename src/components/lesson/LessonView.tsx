/**
 * The lesson: one chapter at a time — its narration, what to try (checked on the state itself) and
 * its live panels, large. Next and previous with the buttons, the chapter dots, or what presenter
 * clickers send (→ / PageDown / Space, ← / PageUp); the chapter is in the link.
 */
import { useLingui } from '@lingui/react';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { CHAPTERS, type Chapter, type LessonPanel } from '../../lesson/chapters.ts';
import { useAppStore } from '../../state/store.ts';
import { NumberedPages } from '../common/NumberedPages.tsx';
import { PanelBoundary, SECTION_NAME } from '../common/PanelBoundary.tsx';
import { useClickerKeys } from '../common/useClickerKeys.ts';
import { Formula } from './Formula.tsx';
import './lesson.css';

/**
 * The lesson, at chapter `at`. `panel` renders a section of the page (the app owns them: this
 * chunk loads on demand without its own copy of the panels).
 */
export function LessonView({ at, panel }: { at: number; panel: (p: LessonPanel) => ReactNode }) {
  const { i18n } = useLingui();
  const setLesson = useAppStore((s) => s.setLesson);
  const chapter = CHAPTERS[Math.max(0, Math.min(at, CHAPTERS.length - 1))] as Chapter;
  const index = CHAPTERS.indexOf(chapter);
  const go = (to: number) => {
    if (to >= 0 && to < CHAPTERS.length) setLesson(to);
  };
  const heading = useRef<HTMLHeadingElement>(null);
  // A new chapter is read from its title; so is the first, when the button that opened the lesson
  // is gone and focus with it (not when a link opens the page on a chapter).
  const first = useRef(true);
  useEffect(() => {
    const opened = first.current;
    first.current = false;
    if (!opened || document.activeElement === document.body) heading.current?.focus();
  }, [index]);

  useClickerKeys(index, CHAPTERS.length, setLesson);

  const title = (c: Chapter) => i18n._(c.title);
  return (
    <div className="lesson">
      <nav className="lesson-nav chrome" aria-label={i18n._('lesson.nav')}>
        <NumberedPages
          at={index}
          count={CHAPTERS.length}
          go={go}
          previous={i18n._('lesson.previous')}
          next={i18n._('lesson.next')}
          name={(k) => i18n._('lesson.goto', { n: k + 1, title: title(CHAPTERS[k] as Chapter) })}
          title={(k) => title(CHAPTERS[k] as Chapter)}
        />
        <button type="button" className="lesson-leave" onClick={() => setLesson(null)}>
          {i18n._('lesson.leave')}
        </button>
      </nav>
      <article className="lesson-chapter" aria-labelledby="lesson-title">
        <p className="lesson-progress">{i18n._('lesson.progress', { n: index + 1, total: CHAPTERS.length })}</p>
        <h2 id="lesson-title" ref={heading} tabIndex={-1}>
          {title(chapter)}
        </h2>
        {chapter.narration.map((id) => (
          <p key={id} className="lesson-narration">
            {i18n._(id)}
          </p>
        ))}
        <Formula chapter={chapter.id} />
        <Tasks key={chapter.id} chapter={chapter} />
        <p className="muted lesson-keys">{i18n._('lesson.keys')}</p>
      </article>
      <LessonHandout />
      <div className="lesson-stage">
        <Suspense fallback={<p className="panel muted">{i18n._('lesson.loading')}</p>}>
          {chapter.panels.map((p) => (
            <PanelBoundary key={p} name={i18n._(SECTION_NAME[p])}>
              {panel(p)}
            </PanelBoundary>
          ))}
        </Suspense>
      </div>
    </div>
  );
}

/** A chapter's tasks, each ticked when the state shows it done; a task that gets done is announced. */
function Tasks({ chapter }: { chapter: Chapter }) {
  const { i18n } = useLingui();
  const done = useAppStore((s) => chapter.tasks.map((t) => t.done(s, useAppStore)).join(','));
  const flags = done.split(',').map((f) => f === 'true');
  const previous = useRef(flags);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const newly = chapter.tasks.find((_, k) => flags[k] && !previous.current[k]);
    previous.current = flags;
    if (newly) setAnnounced(i18n._('lesson.announceDone', { task: i18n._(newly.text) }));
    // flags is derived from `done`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);
  return (
    <section className="lesson-tasks" aria-labelledby={`try-${chapter.id}`}>
      <h3 id={`try-${chapter.id}`}>{i18n._('lesson.try')}</h3>
      <ul>
        {chapter.tasks.map((t, k) => (
          <li key={t.text} className={flags[k] ? 'done' : undefined}>
            <span className="lesson-tick" aria-hidden="true">
              {flags[k] ? '✓' : '○'}
            </span>{' '}
            {i18n._(t.text)}{' '}
            <span className="visually-hidden">
              ({flags[k] ? i18n._('lesson.taskDone') : i18n._('lesson.taskTodo')})
            </span>
          </li>
        ))}
      </ul>
      <p role="status" className="note-line">
        {announced}
      </p>
    </section>
  );
}

/** Every chapter's words and tasks, for paper: shown only when printing (the print stylesheet). */
function LessonHandout() {
  const { i18n } = useLingui();
  return (
    <section className="lesson-handout" aria-hidden="true">
      {CHAPTERS.map((c, k) => (
        <div key={c.id} className="lesson-handout-chapter">
          <h2>
            {k + 1}. {i18n._(c.title)}
          </h2>
          {c.narration.map((id) => (
            <p key={id}>{i18n._(id)}</p>
          ))}
          <h3>{i18n._('lesson.try')}</h3>
          <ul>
            {c.tasks.map((t) => (
              <li key={t.text}>☐ {i18n._(t.text)}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
