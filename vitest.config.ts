import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "extractors/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["dist/**", "node_modules/**", "data/**"],
    testTimeout: 60_000,
  },
});
