#include "generations.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "naskah/core/file.h"
#include "naskah/index/schema.h"
#include "naskah/index/store.h"
#include "naskah/index/synonyms.h"

namespace naskah::index {
namespace fs = std::filesystem;

namespace internal {

std::string generation_name(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "%s%06d", k_generation_prefix, number);
  return name;
}

// The number of a "gen-NNNNNN" folder name, or -1.
int generation_number(const std::string& name) {
  if (!name.starts_with(k_generation_prefix)) return -1;
  const std::string digits = name.substr(std::strlen(k_generation_prefix));
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
  return std::stoi(digits);
}

std::string stub_path(const std::string& index_dir) {
  return index_dir + "/" + k_stub_name;
}

// The generation folder named by the stub ("auto gen-000003"), or empty.
std::string stub_target(const std::string& index_dir) {
  std::ifstream in(stub_path(index_dir));
  std::string kind;
  std::string name;
  if (!(in >> kind >> name) || generation_number(name) < 0) return {};
  return name;
}

tl::unexpected<Error> xapian_error(const Xapian::Error& e, const std::string& where) {
  if (std::string_view(e.get_type()) == "DatabaseLockError") {
    return fail(codes::k_index_locked,
                "another process holds the index database open for writing; try again later",
                where);
  }
  return fail(
      codes::k_index_damaged,
      "the index could not be used: " + e.get_description() + "; rebuild it with naskah reindex",
      where);
}

Result<void> make_folder(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(codes::k_io_write, "cannot create the folder: " + ec.message(), dir);
  return {};
}

Result<void> write_stub(const std::string& index_dir, const std::string& generation) {
  return write_file_atomic(stub_path(index_dir), "auto " + generation + "\n");
}

std::vector<std::pair<int, std::string>> generations(const std::string& index_dir) {
  std::vector<std::pair<int, std::string>> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (const int n = generation_number(name); n >= 0 && entry.is_directory()) {
      out.emplace_back(n, name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Creates the next generation folder; mkdir's atomicity settles a race between builders.
Result<std::string> create_generation(const std::string& index_dir) {
  const auto existing = generations(index_dir);
  int next = existing.empty() ? 1 : existing.back().first + 1;
  for (int tries = 0; tries < 100; ++tries, ++next) {
    const std::string name = generation_name(next);
    if (::mkdir((index_dir + "/" + name).c_str(), 0755) == 0) return name;
    if (errno != EEXIST) break;
  }
  return fail(codes::k_io_write,
              std::string("cannot create a new index generation: ") + std::strerror(errno),
              index_dir);
}

// `flags` may add Xapian::DB_NO_SYNC for a scratch database (a part of a build).
Result<Xapian::WritableDatabase> create_database(const std::string& path, int flags) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | flags);
    add_synonyms(db, builtin_synonyms());
    // 2: the text moved from the document data to slot::k_text (record_of reads both).
    db.set_metadata("naskah.schema", "2");
    return db;
  } catch (const Xapian::Error& e) {
    return xapian_error(e, path);
  }
}

bool has_document(Xapian::Database& db, const std::string& sha256) {
  return db.term_exists(id_term(sha256));
}

}  // namespace internal

using internal::stub_path;
using internal::stub_target;
using internal::xapian_error;

bool is_index_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(stub_path(path), ec);
}

std::string live_generation(const std::string& index_dir) {
  const std::string name = stub_target(index_dir);
  if (name.empty() || !fs::is_directory(index_dir + "/" + name)) return {};
  return index_dir + "/" + name;
}

Result<Xapian::Database> open_for_search(const std::string& index_dir) {
  if (live_generation(index_dir).empty()) {
    return fail(codes::k_index_missing,
                "nothing has been indexed yet; add documents with naskah ingest", index_dir);
  }
  try {
    return Xapian::Database(stub_path(index_dir));
  } catch (const Xapian::Error& e) {
    return xapian_error(e, index_dir);
  }
}

}  // namespace naskah::index
