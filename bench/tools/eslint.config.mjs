// The ESLint configuration bench/run times against mplint: ESLint's recommended rules on the
// corpus's .js files and eslint-plugin-wxml with @wxml/parser on its .wxml files. bench/run
// copies this file next to the installed packages (bench/.work/tools) and runs ESLint from the
// corpus folder with --config pointing at the copy.
import js from "@eslint/js";
import wxml from "eslint-plugin-wxml";
import wxmlParser from "@wxml/parser";

// What a mini-program's scripts may use without declaring it: the runtime's globals, CommonJS
// and the timers and console of the JS engine.
const miniProgramGlobals = Object.fromEntries(
  [
    "wx", "App", "Page", "Component", "Behavior", "getApp", "getCurrentPages", "requirePlugin",
    "requireMiniProgram", "Reflect", "Promise", "console", "setTimeout", "clearTimeout",
    "setInterval", "clearInterval", "require", "module", "exports", "global", "globalThis",
    "__wxConfig", "process",
  ].map((name) => [name, "readonly"]),
);

// eslint-plugin-wxml 0.8 ships no recommended configuration (its `configs` is empty): these are
// its rules of type "problem" that need no options (forbid-*, required-* do).
const wxmlProblemRules = [
  "no-const-and-let-in-wxs",
  "no-inconsistent-tagname",
  "no-unexpected-string-bool",
  "no-vue-directive",
  "no-wx-for-with-wx-else",
  "no-wx-for-with-wx-if",
  "no-wx-if-string",
  "report-interpolation-error",
  "report-wxml-syntax-error",
  "report-wxs-syntax-error",
  "wx-key",
  "wxs-module-prop",
];

export default [
  {
    files: ["**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: miniProgramGlobals,
    },
  },
  {
    files: ["**/*.wxml"],
    plugins: { wxml },
    languageOptions: { parser: wxmlParser },
    rules: Object.fromEntries(wxmlProblemRules.map((id) => [`wxml/${id}`, "error"])),
  },
];
