// Lint: typescript-eslint (type-aware) + React hooks. TypeScript is pinned to 6.0 because
// typescript-eslint supports TypeScript < 6.1. The import rules keep dependencies one-way:
// components → state → engine, components → viz; the engine imports nothing of the app.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noApp = (...groups) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map((group) => ({ group: [group], message: 'Dependencies point one way (see STYLE.md).' })) },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/models/tflite/schema_generated.ts', 'src/models/onnx/onnx_pb.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'test/fixtures/*.mjs', 'test/helpers/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-eval': 'error',
      'no-implied-eval': 'error',
      // Arrow shorthands like () => set({ x }) are clearer than braces.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  // Plain JavaScript: the hand-run fixture generators (they load ONNX Runtime, which the app never does) and
  // the Node hooks that compile .wat for the benches.
  { files: ['test/fixtures/*.mjs', 'test/helpers/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/engine/**'],
    rules: noApp(
      'react',
      'react-dom',
      'zustand',
      'd3-*',
      '**/state/**',
      '**/components/**',
      '**/viz/**',
      '**/permalink/**',
      '**/app/**',
    ),
  },
  {
    files: ['src/viz/**'],
    rules: noApp('react', 'react-dom', 'zustand', 'd3-selection', '**/state/**', '**/components/**', '**/app/**'),
  },
  { files: ['src/state/**'], rules: noApp('**/components/**', '**/app/**') },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
