// SIGTERM and SIGINT for the long-running commands (watch, serve): they set a flag the
// command's loops poll, so files in hand and requests in flight can finish.
#pragma once

#include <atomic>

namespace naskah::cli {

// Installs the handlers; also ignores SIGPIPE (a closed socket is handled where it happens).
void install_stop_handlers();
// Becomes true on SIGTERM or SIGINT, or after request_stop().
[[nodiscard]] const std::atomic<bool>& stop_requested();
void request_stop();

}  // namespace naskah::cli
