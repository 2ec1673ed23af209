// The `naskah` command line: parses arguments, runs one sub-command, returns the exit code
// of CONTRACT.md (0 success, 1 failure, 2 usage error, 3 input refused).
#pragma once

namespace naskah {

[[nodiscard]] int run_cli(int argc, char** argv);

}  // namespace naskah
