// typescript-eslint flat config. The layering rule keeps the core, the sandbox and shared code free of
// `vscode`, so they run in plain Node (tests, CLI) and in the webview.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'src/core, src/sandbox, src/shared and the webview app must not import vscode; use an adapter in src/vscode.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**', 'src/sandbox/**', 'src/shared/**', 'src/webview/**', 'src/cli/**'], rules: noVscode },
  // Prettier (width 140) does not break long strings or comments; this rule catches them.
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-len': ['error', { code: 140, ignoreUrls: false, ignoreStrings: false, ignoreTemplateLiterals: false, ignoreComments: false }],
    },
  },
  // Tests read JSON replies whose shape is the thing under test.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
