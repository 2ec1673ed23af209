// The index folder's inner workings shared by the writer, the builder and the search side:
// generation folders and the stub naming the live one, Xapian errors as naskah errors.
// Private to index/.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::index::internal {

inline constexpr const char* k_generation_prefix = "gen-";
inline constexpr const char* k_lock_name = "write.lock";
inline constexpr const char* k_part_infix = ".part-";  // "gen-000004.part-2": one thread's part

// "gen-000003" for 3.
[[nodiscard]] std::string generation_name(int number);
// The number of a "gen-NNNNNN" folder name, or -1.
[[nodiscard]] int generation_number(const std::string& name);
// index/current, the Xapian stub file.
[[nodiscard]] std::string stub_path(const std::string& index_dir);
// The generation folder named by the stub ("auto gen-000003"), or empty.
[[nodiscard]] std::string stub_target(const std::string& index_dir);
// Points the stub at `generation`, atomically.
[[nodiscard]] Result<void> write_stub(const std::string& index_dir, const std::string& generation);
// The generation folders, oldest first: {number, name}.
[[nodiscard]] std::vector<std::pair<int, std::string>> generations(const std::string& index_dir);
// Creates the next generation folder; mkdir's atomicity settles a race between builders.
[[nodiscard]] Result<std::string> create_generation(const std::string& index_dir);
// A new (or opened) database with naskah's synonyms and schema version. `flags` may add
// Xapian::DB_NO_SYNC for a scratch database (a part of a build).
[[nodiscard]] Result<Xapian::WritableDatabase> create_database(const std::string& path,
                                                               int flags = 0);
[[nodiscard]] Result<void> make_folder(const std::string& dir);
// A Xapian error as index.locked or index.damaged: no Xapian::Error leaves index/.
[[nodiscard]] tl::unexpected<Error> xapian_error(const Xapian::Error& e, const std::string& where);
[[nodiscard]] bool has_document(Xapian::Database& db, const std::string& sha256);

}  // namespace naskah::index::internal
