// Squarified treemap layout (Bruls, Huizing, van Wijk 2000) for the HTML report's package
// sizes: rectangles whose areas are proportional to their weights, as close to squares as
// the algorithm finds.
#pragma once

#include <vector>

namespace mplint {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

/// One rectangle per weight, in the order given, tiling `box` (weights ≤ 0 get an empty box
/// at its corner). Deterministic: equal weights keep their order.
std::vector<Box> squarify(const std::vector<double>& weights, Box box);

}  // namespace mplint
