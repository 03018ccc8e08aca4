#include "analyzer/treemap.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mplint;

namespace {

bool inside(const Box& b, const Box& outer) {
  constexpr double e = 1e-6;
  return b.x >= outer.x - e && b.y >= outer.y - e && b.x + b.w <= outer.x + outer.w + e &&
         b.y + b.h <= outer.y + outer.h + e;
}

bool overlap(const Box& a, const Box& b) {
  constexpr double e = 1e-6;
  return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

}  // namespace

TEST_CASE("squarify: areas in proportion to the weights, inside the box, no overlap") {
  Box box{10, 20, 600, 400};
  std::vector<double> weights = {6, 6, 4, 3, 2, 2, 1, 0.5, 0.25, 120};
  std::vector<Box> out = squarify(weights, box);
  REQUIRE(out.size() == weights.size());
  double total = 0;
  for (double w : weights) total += w;
  double covered = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    CHECK(inside(out[i], box));
    CHECK(out[i].w * out[i].h == doctest::Approx(weights[i] / total * box.w * box.h).epsilon(1e-6));
    covered += out[i].w * out[i].h;
    for (size_t j = 0; j < i; ++j) CHECK_FALSE(overlap(out[i], out[j]));
  }
  CHECK(covered == doctest::Approx(box.w * box.h));
}

TEST_CASE("squarify: rectangles stay near square where the weights allow") {
  std::vector<double> weights(16, 1.0);
  for (const Box& b : squarify(weights, Box{0, 0, 400, 400}))
    CHECK(std::max(b.w / b.h, b.h / b.w) < 2.0);
}

TEST_CASE("squarify: zero weights and an empty box give empty rectangles, not NaN") {
  std::vector<Box> out = squarify({0, 5, 0}, Box{0, 0, 100, 50});
  CHECK(out[0].w * out[0].h == 0);
  CHECK(out[1].w == doctest::Approx(100));
  CHECK(out[1].h == doctest::Approx(50));
  CHECK(out[2].w * out[2].h == 0);
  for (const Box& b : squarify({1, 2}, Box{0, 0, 0, 0})) CHECK_FALSE(std::isnan(b.w + b.h));
  CHECK(squarify({}, Box{0, 0, 10, 10}).empty());
}
