// Helpers shared by the tests: where the test material is, running the naskah binary
// with a timeout, and the character error rate of a text against its truth.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace naskah::test {

// A file of this repository (samples/..., config/...).
[[nodiscard]] std::string source_path(const std::string& relative);
// A file of ../shared (corpus/dev/...); throws when the shared folder is absent.
[[nodiscard]] std::string shared_path(const std::string& relative);
[[nodiscard]] bool have_shared();
[[nodiscard]] std::string read_text(const std::string& path);
// The files of `folder` (not recursive), sorted.
[[nodiscard]] std::vector<std::string> list_files(const std::string& folder);

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
  double seconds = 0;
};

// Runs `args` (args[0] is the program) with OMP_THREAD_LIMIT=1, killing it after
// `timeout_seconds`. `memory_mb` > 0 caps its address space (not under ASan).
[[nodiscard]] RunResult run(const std::vector<std::string>& args, int timeout_seconds = 300,
                            int memory_mb = 0);
// Runs the naskah binary under test with `args`.
[[nodiscard]] RunResult run_naskah(const std::vector<std::string>& args, int timeout_seconds = 300,
                                   int memory_mb = 0);

// Starts `args` (args[0] is the program) in the background with OMP_THREAD_LIMIT=1, its
// output discarded (stderr appended to `log` if given); returns its process id.
[[nodiscard]] int spawn(const std::vector<std::string>& args, const std::string& log = {});
// Waits for a process started by spawn; returns its exit code, or -signal when killed.
int wait_exit(int pid);

// A folder of the build tree shared by the tests of a suite, which ctest runs each in its
// own process: the first to come makes it with `make` (under a lock, so the others wait);
// the others reuse it while the binary under test and `stamp` stay the same. Returns it.
[[nodiscard]] std::string shared_fixture(const std::string& name, const std::string& stamp,
                                         const std::function<void(const std::string&)>& make);

// A TCP port on 127.0.0.1 that nobody listens on now (the kernel's pick).
[[nodiscard]] int free_port();
// Whether something accepts connections on 127.0.0.1:`port`.
[[nodiscard]] bool accepts(int port);

// True in the ASan/UBSan build, where everything runs several times slower.
[[nodiscard]] bool under_sanitizer();

// Levenshtein distance over code points / truth length, after folding white space,
// typographic quotes and dashes (as score.py does). 0 is perfect.
[[nodiscard]] double char_error_rate(const std::string& truth, const std::string& text);

}  // namespace naskah::test
