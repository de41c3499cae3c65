import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

// The charts (and the recharts pieces whose names would match the vendor rule) load with the
// reports screens only, and the date pickers with the screens that pick dates, so they stay out
// of the vendor chunk every screen downloads.
const LAZY_ONLY = /node_modules\/(@mantine\/charts|@mantine\/dates|react-redux|react-is)\//;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: {
      '@madoguchi/api-client': root('libs/api-client/src/index.ts'),
      '@madoguchi/domain': root('libs/domain/src/index.ts'),
    },
  },
  build: {
    outDir: root('dist/console'),
    emptyOutDir: true,
    // The vendor chunk (React, Mantine) is large but shared and cached; the budget is checked in docs/benchmarks.md.
    chunkSizeWarningLimit: 700,
    // Keep the vendor code that every screen needs in one long-cached chunk.
    rolldownOptions: {
      // The holiday data (libs/domain's business calendar) is a CommonJS module the console
      // never calls; declaring it side-effect free lets it drop out of the bundle.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('@holiday-jp') },
      output: {
        manualChunks: (id) =>
          LAZY_ONLY.test(id)
            ? undefined
            : id.includes('node_modules/@mantine') || id.includes('node_modules/react')
              ? 'vendor'
              : undefined,
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
