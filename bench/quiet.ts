// Imported first by run.ts: src/config.ts reads LOG_LEVEL when it is first imported, and an
// import is evaluated before any statement of the importing file, so setting it there is too late.
process.env.LOG_LEVEL ??= 'warn';
export {};
