#include "analyzer/treemap.h"

#include <algorithm>
#include <numeric>

namespace mplint {

namespace {

// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
double worst_ratio(double sum, double largest, double smallest, double side) {
  double side2 = side * side, sum2 = sum * sum;
  return std::max(side2 * largest / sum2, sum2 / (side2 * smallest));
}

// Lays the row order[from, to) along the short side of `box` and takes it off the box.
void place_row(const std::vector<double>& area, const std::vector<size_t>& order, size_t from,
               size_t to, double sum, Box* box, std::vector<Box>* out) {
  bool column = box->w >= box->h;  // the row runs down the left edge, else along the top
  double thickness = column ? sum / box->h : sum / box->w;
  double at = column ? box->y : box->x;
  for (size_t k = from; k < to; ++k) {
    double length = area[order[k]] / thickness;
    (*out)[order[k]] =
        column ? Box{box->x, at, thickness, length} : Box{at, box->y, length, thickness};
    at += length;
  }
  if (column) {
    box->x += thickness;
    box->w = std::max(0.0, box->w - thickness);
  } else {
    box->y += thickness;
    box->h = std::max(0.0, box->h - thickness);
  }
}

}  // namespace

std::vector<Box> squarify(const std::vector<double>& weights, Box box) {
  std::vector<Box> out(weights.size(), Box{box.x, box.y, 0, 0});
  std::vector<size_t> order;
  double total = 0;
  for (size_t i = 0; i < weights.size(); ++i)
    if (weights[i] > 0) {
      order.push_back(i);
      total += weights[i];
    }
  if (order.empty() || box.w <= 0 || box.h <= 0) return out;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return weights[a] > weights[b]; });
  std::vector<double> area(weights.size(), 0);
  for (size_t i : order) area[i] = weights[i] / total * box.w * box.h;
  size_t from = 0;
  while (from < order.size()) {
    double side = std::min(box.w, box.h);
    double sum = area[order[from]], largest = sum, smallest = sum;
    size_t to = from + 1;
    // Grow the row while the next item does not make its worst rectangle worse.
    while (to < order.size()) {
      double a = area[order[to]];
      if (worst_ratio(sum + a, largest, a, side) > worst_ratio(sum, largest, smallest, side)) break;
      sum += a;
      smallest = a;
      ++to;
    }
    if (to == order.size()) sum = box.w * box.h;  // the last row fills what rounding left
    place_row(area, order, from, to, sum, &box, &out);
    from = to;
  }
  return out;
}

}  // namespace mplint
