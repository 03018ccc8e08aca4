// Paths that name package files from inside code and markup: '/images/a.png' in JS,
// src="../../img/{{name}}.png" in WXML, url(/bg.png) in WXSS, tabBar icons in JSON. They make
// files reachable that no import names (performance/unused-file), so reading them errs on the
// side of "reached": every token that looks like a file path counts, comments included.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace mplint {

/// Collects from raw text the tokens that name a file (a known extension) or a folder (ending
/// in '/'), normalized: leading "./", "../", "/", "~/" and "@/" dropped; a folder becomes
/// "dir/*". `{{…}}` and `${…}` become '*' (any characters), strings inside them count too.
void collect_path_literals(std::string_view text, std::set<std::string>* out);

/// Adds one pattern built from code (a concatenation: '/img/' + name + '.png' is "/img/*.png")
/// when it is specific enough to name files: a folder before the first '*', or a file
/// extension after the last one with some literal text before it.
void add_path_pattern(std::string_view pattern, std::set<std::string>* out);

/// Whether a collected token names `path` (a package path): it matches a tail of the path
/// that starts at a '/' boundary, '*' matching any characters. A token ending in '*' (a
/// folder, or a name with no extension) names media files only.
bool path_literal_matches(std::string_view token, std::string_view path);

}  // namespace mplint
