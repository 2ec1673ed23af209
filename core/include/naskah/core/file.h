// Reading input files whole, with a size limit checked before any byte is read.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "naskah/core/error.h"

namespace naskah {

// Returns the bytes of `path`. Fails with input.unreadable (missing, a folder, no
// permission), input.empty (zero bytes) or input.too-large (more than `max_bytes`).
[[nodiscard]] Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace naskah
