/** See v8-tuning.js: sets the command's V8 compiler flags when imported. */
export {};
