import type { Resources } from './ja';

// `t()` keys are checked against the Japanese resource, so a mistyped or removed key fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
