// Reading input files whole, with a size limit checked before any byte is read; writing
// files so that a crash never leaves half of one.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "naskah/core/error.h"

namespace naskah {

// Returns the bytes of `path`. Fails with input.unreadable (missing, a folder, no
// permission), input.empty (zero bytes) or input.too-large (more than `max_bytes`).
[[nodiscard]] Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

// Writes `bytes` to `path` so that after a crash the file is either absent, the old one, or
// complete: a temporary file in the same folder, fsync, rename over `path`, fsync the
// folder. Fails with io.write naming the path and the system's reason.
[[nodiscard]] Result<void> write_file_atomic(const std::string& path, std::string_view bytes);

// Makes a rename or a new entry in `folder` durable (fsync of the folder).
[[nodiscard]] Result<void> sync_folder(const std::string& folder);

}  // namespace naskah
