// Where `setData` and the synchronous `wx.*Sync` APIs run often, for the performance rules:
// once per iteration of a loop, and on every call of a page or component method (the project
// rules join the methods with `onPageScroll` and the scroll/touchmove handlers a WXML binds).
// Built in one walk per script and kept in the facts.
//
// Runs once per iteration: a loop body (for, for-in, for-of, while, do), the condition and
// update of a for/while/do loop (not a for-of's list, read once), and the callback of
// forEach/map/filter/reduce/reduceRight/some/every/find/findIndex/findLast/findLastIndex/
// flatMap, with what they run at once (an IIFE, `(function () {…}).call(this)`,
// `new Promise(executor)`, `wx.nextTick(fn)`). Not: a function that runs later (a success
// callback, `.then`, a timer); code that runs once at most, before an exit of the loop
// (`…; break`, `return`, `throw`; `return x` in find/some, `return false` in every) or under
// a test of its counter for one value (`if (i === list.length - 1)`); a loop that awaits.
//
// Runs on every call of a method: its body and the callbacks it starts (success callbacks,
// `.then`, `wx.nextTick`), but not what it hands to setTimeout/setInterval/
// requestAnimationFrame or to a function named like throttle/debounce, and not what runs
// only past a check of state: an `if`/`?:`/`&&`/`||` condition or an early `if (…) return`
// that reads the time (`Date.now()`, `new Date`, `getTime()`, `timeStamp`), a field of `this`
// the method assigns (`this.lastTop`, `this.ticking`), a data key it passes to setData
// (`this.data.fixed !== fixed`), or a variable it assigns (`lastTime = now`).
#pragma once

#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace mplint {

/// A call that costs on every run: `setData` on `this` (or a variable holding `this`), or a
/// synchronous `wx.*Sync` API.
struct HotCall {
  enum class Kind { set_data, sync_api };
  Kind kind = Kind::set_data;
  std::string callee;  // as written: "this.setData", "that.setData", "wx.getStorageSync"
  Loc at;              // the callee
};

/// A hot call that runs once per iteration of a loop.
struct LoopCall {
  HotCall call;
  std::string loop;  // "for", "for…of", "for…in", "while", "do…while", "forEach callback"
  Loc loop_at;       // the loop's keyword, or the iteration method's name
};

/// A method of `Page({...})` or of `Component({ methods })` and what runs on every call of it
/// with no throttle or check of state in between.
struct MethodCalls {
  struct Callee {
    std::string name;  // `this.name(…)`
    Loc at;
  };
  std::string name;
  std::vector<HotCall> calls;
  std::vector<Callee> callees;  // methods of this file with hot calls that it calls
};

struct ScriptHotPaths {
  std::vector<LoopCall> in_loops;
  /// Methods with hot calls or callees; not those replaced at run time (`this.x = throttle(…)`).
  std::vector<MethodCalls> methods;
};

class SyntaxTree;
class SourceText;

ScriptHotPaths extract_hot_paths(const SyntaxTree& tree, const SourceText& source);

}  // namespace mplint
