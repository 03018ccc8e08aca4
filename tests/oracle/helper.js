// Syntax oracles that run in one node process for many files (a process per file is slow).
// Usage: node --experimental-vm-modules helper.js js|json|ge < newline-separated paths
// Prints one JSON object per path: {path, ok, line, message}; line is 1-based or null.
//   js:   what `node --check` says: a CommonJS script (the function wrapper node uses); when
//         that fails and the file uses import/export, an ES module (like `node --check x.mjs`).
//   json: strict JSON.parse (comments and trailing commas are errors); a BOM is stripped.
//   ge:   glass-easel's template compiler; ok when it reports no error and no warning.
'use strict';
const fs = require('fs');
const vm = require('vm');
const path = require('path');
const { execFileSync } = require('child_process');
const os = require('os');

const mode = process.argv[2];
const files = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
let TmplGroup;
if (mode === 'ge') {
  ({ TmplGroup } = require(path.join(__dirname, '../tools/node_modules/glass-easel-template-compiler')));
}

const stripBom = (s) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
const lineOfStack = (e, file) => {
  const m = String(e.stack).match(new RegExp('^' + file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ':(\\d+)', 'm'));
  return m ? +m[1] : null;
};
const lineOfOffset = (src, off) => src.slice(0, off).split('\n').length;
const looksLikeModule = (src) => /(^|[;}\s])(import\s*[\w{*'\"(.]|export\s*[\w{*])/.test(src);

function checkJs(file) {
  const src = stripBom(fs.readFileSync(file, 'utf8'));
  try {
    vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
    return { ok: true };
  } catch (e) {
    if (!looksLikeModule(src)) return { ok: false, line: lineOfStack(e, file), message: String(e.message) };
  }
  try {
    new vm.SourceTextModule(src, { identifier: file });
    return { ok: true };
  } catch (e) {
    // vm modules give no position: ask `node --check` on an .mjs copy (rare: broken modules).
    const tmp = path.join(os.tmpdir(), `oracle-${process.pid}.mjs`);
    fs.writeFileSync(tmp, src);
    try {
      execFileSync(process.execPath, ['--check', tmp], { stdio: 'pipe' });
      return { ok: true };
    } catch (e2) {
      const m = String(e2.stderr).match(/\.mjs:(\d+)/);
      return { ok: false, line: m ? +m[1] : null, message: String(e.message) };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
}

// Where strict JSON goes wrong, for the messages of JSON.parse that name no position.
function jsonErrorOffset(s) {
  let i = 0;
  const ws = () => { while (/[ \t\n\r]/.test(s[i] || '')) i++; };
  const fail = () => { throw i; };
  const lit = (w) => { if (s.startsWith(w, i)) i += w.length; else fail(); };
  function value() {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++; ws();
      if (s[i] === close) { i++; return; }
      for (;;) {
        if (c === '{') { ws(); if (s[i] !== '"') fail(); str(); ws(); if (s[i] !== ':') fail(); i++; }
        value(); ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === close) { i++; return; }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
      if (!m) fail();
      i += m[0].length;
    }
  }
  function str() {
    i++;
    for (;;) {
      const c = s[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') { i++; return; }
      if (c === '\\') {
        i++;
        if (s[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) fail(); i += 5; }
        else if ('"\\/bfnrt'.includes(s[i])) i++;
        else fail();
      } else i++;
    }
  }
  try {
    value(); ws();
    return i < s.length ? i : s.length;
  } catch (at) {
    return Math.min(at, s.length);
  }
}

function checkJson(file) {
  const src = stripBom(fs.readFileSync(file, 'utf8'));
  try {
    JSON.parse(src);
    return { ok: true };
  } catch (e) {
    const m = String(e.message).match(/at position (\d+)/);
    const line = lineOfOffset(src, m ? +m[1] : jsonErrorOffset(src));
    return { ok: false, line, message: String(e.message) };
  }
}

function checkGe(file) {
  const src = fs.readFileSync(file, 'utf8');
  const group = new TmplGroup();
  let diags;
  try {
    diags = group.addTmpl(file, src) || [];
  } catch (e) {
    return { ok: false, line: null, message: 'glass-easel threw: ' + e };
  } finally {
    group.free();
  }
  const bad = diags.filter((d) => d.isError || /warn|error|fatal/i.test(d.level));
  if (!bad.length) return { ok: true };
  bad.sort((a, b) => a.startLine - b.startLine);
  return { ok: false, line: bad[0].startLine + 1, message: bad.map((d) => `${d.startLine + 1}: ${d.message}`).join('; ') };
}

const check = { js: checkJs, json: checkJson, ge: checkGe }[mode];
const out = [];
for (const file of files) {
  let r;
  try {
    r = check(file);
  } catch (e) {
    r = { ok: false, line: null, message: 'oracle failed: ' + e.message };
  }
  out.push(JSON.stringify({ path: file, ok: r.ok, line: r.line ?? null, message: r.message ?? '' }));
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
