// The command line: parses arguments, runs a command, returns the exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mplint {

/// Runs mplint with `args` (without the program name). Exit codes: 0 clean, 1 findings at
/// or above --fail-on, 2 usage, config or I/O error.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);

}  // namespace mplint
