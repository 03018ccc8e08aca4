// Did-you-mean: how far a misspelt name is from the names it may have meant.
#pragma once

#include <cstddef>
#include <string_view>

namespace mplint {

/// Edit distance with adjacent transpositions (Damerau): "veiw" -> "view" is 1.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace mplint
