#include "analyzer/fixes.h"

#include <algorithm>
#include <sstream>

namespace mplint {

namespace {

bool same_edit(const Edit& a, const Edit& b) {
  return a.loc.range.begin == b.loc.range.begin && a.loc.range.end == b.loc.range.end &&
         a.text == b.text;
}

// Two edits conflict when their ranges overlap, or when both insert at the same place.
bool conflict(const Edit& a, const Edit& b) {
  Range x = a.loc.range, y = b.loc.range;
  if (x.begin == y.begin) return true;
  return x.begin < y.end && y.begin < x.end;
}

uint32_t first_byte(const Fix& fix) {
  uint32_t at = UINT32_MAX;
  for (const Edit& e : fix.edits) at = std::min(at, e.loc.range.begin);
  return at;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

// Myers' O(ND) diff: for each line of `a`, whether it is kept, and the same for `b`.
void diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                std::vector<bool>* keep_a, std::vector<bool>* keep_b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size()), max = n + m;
  std::vector<int> v(2 * max + 2, 0);
  std::vector<std::vector<int>> trace;
  int found_d = -1;
  for (int d = 0; d <= max && found_d < 0; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1]
                                                                       : v[max + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[max + k] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  keep_a->assign(n, false);
  keep_b->assign(m, false);
  int x = n, y = m;
  for (int d = found_d; d >= 0; --d) {
    const std::vector<int>& vd = trace[d];
    int k = x - y;
    int prev_k = (k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1])) ? k + 1 : k - 1;
    int prev_x = d == 0 ? 0 : vd[max + prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) (*keep_a)[--x] = true, (*keep_b)[--y] = true;
    if (d > 0) x = prev_x, y = prev_y;
  }
}

void print_line(std::ostringstream& out, char mark, std::string_view line) {
  out << mark << line;
  if (line.empty() || line.back() != '\n') out << "\n\\ No newline at end of file\n";
}

}  // namespace

std::string apply_fixes(std::string_view text, const std::vector<const Fix*>& fixes,
                        size_t* applied) {
  std::vector<const Fix*> order(fixes);
  std::stable_sort(order.begin(), order.end(),
                   [](const Fix* a, const Fix* b) { return first_byte(*a) < first_byte(*b); });
  std::vector<const Edit*> taken;
  *applied = 0;
  for (const Fix* fix : order) {
    bool ok = !fix->edits.empty();
    std::vector<const Edit*> fresh;
    for (const Edit& e : fix->edits) {
      if (e.loc.range.begin > e.loc.range.end || e.loc.range.end > text.size()) ok = false;
      bool duplicate = false;
      for (const Edit* t : taken) {
        if (same_edit(e, *t))
          duplicate = true;
        else if (conflict(e, *t))
          ok = false;
      }
      if (!duplicate) fresh.push_back(&e);
    }
    if (!ok) continue;
    taken.insert(taken.end(), fresh.begin(), fresh.end());
    ++*applied;
  }
  std::sort(taken.begin(), taken.end(),
            [](const Edit* a, const Edit* b) { return a->loc.range.begin < b->loc.range.begin; });
  std::string out;
  size_t at = 0;
  for (const Edit* e : taken) {
    out.append(text.substr(at, e->loc.range.begin - at));
    out.append(e->text);
    at = e->loc.range.end;
  }
  out.append(text.substr(at));
  return out;
}

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return "";
  std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
  std::vector<bool> keep_a, keep_b;
  diff_lines(a, b, &keep_a, &keep_b);
  // Walk both files together; a change is a run of dropped `a` lines and added `b` lines.
  struct Change {
    size_t a_begin, a_end, b_begin, b_end;
  };
  std::vector<Change> changes;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && keep_a[i] && keep_b[j]) {
      ++i, ++j;
      continue;
    }
    Change c{i, i, j, j};
    while (i < a.size() && !keep_a[i]) ++i;
    while (j < b.size() && !keep_b[j]) ++j;
    c.a_end = i, c.b_end = j;
    changes.push_back(c);
  }
  std::ostringstream out;
  out << "--- a/" << path << "\n+++ b/" << path << "\n";
  const size_t context = 3;
  for (size_t c = 0; c < changes.size();) {
    // Changes closer than twice the context share a hunk.
    size_t last = c;
    while (last + 1 < changes.size() &&
           changes[last + 1].a_begin - changes[last].a_end <= 2 * context)
      ++last;
    size_t a_start = changes[c].a_begin - std::min(context, changes[c].a_begin);
    size_t b_start = changes[c].b_begin - (changes[c].a_begin - a_start);
    size_t a_stop = std::min(a.size(), changes[last].a_end + context);
    size_t b_stop = changes[last].b_end + (a_stop - changes[last].a_end);
    auto range = [](size_t start, size_t count) {
      return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
    };
    out << "@@ -" << range(a_start, a_stop - a_start) << " +" << range(b_start, b_stop - b_start)
        << " @@\n";
    size_t x = a_start;
    for (size_t k = c; k <= last; ++k) {
      for (; x < changes[k].a_begin; ++x) print_line(out, ' ', a[x]);
      for (size_t y = changes[k].a_begin; y < changes[k].a_end; ++y) print_line(out, '-', a[y]);
      for (size_t y = changes[k].b_begin; y < changes[k].b_end; ++y) print_line(out, '+', b[y]);
      x = changes[k].a_end;
    }
    for (; x < a_stop; ++x) print_line(out, ' ', a[x]);
    c = last + 1;
  }
  return out.str();
}

}  // namespace mplint
