#include "naskah/ingest/archive.h"

#include <algorithm>
#include <filesystem>

#include "naskah/core/file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;
namespace {

bool is_sha256(const std::string& name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A record file is at most the text of a very long document; the limit only guards
// against reading something that is not ours.
constexpr std::uint64_t k_max_record_bytes = 512ull * 1024 * 1024;

}  // namespace

std::string extension_for(const std::string& mime) {
  if (mime == "application/pdf") return "pdf";
  if (mime == "image/tiff") return "tif";
  if (mime == "image/png") return "png";
  if (mime == "image/jpeg") return "jpg";
  return "bin";
}

Archive::Archive(std::string archive_dir) : m_dir(std::move(archive_dir)) {}

std::string Archive::folder_of(const std::string& sha256) const {
  return m_dir + "/" + sha256.substr(0, 2);
}

std::string Archive::record_path(const std::string& sha256) const {
  return folder_of(sha256) + "/" + sha256 + ".json";
}

bool Archive::has_record(const std::string& sha256) const {
  std::error_code ec;
  return is_sha256(sha256) && fs::is_regular_file(record_path(sha256), ec);
}

std::optional<std::string> Archive::original_path(const std::string& sha256) const {
  if (!is_sha256(sha256)) return std::nullopt;
  std::error_code ec;
  for (const char* ext : {"pdf", "tif", "png", "jpg", "bin"}) {
    std::string path = folder_of(sha256) + "/" + sha256 + "." + ext;
    if (fs::is_regular_file(path, ec)) return path;
  }
  return std::nullopt;
}

Result<void> Archive::store_original(const std::string& sha256, std::string_view bytes,
                                     const std::string& mime) {
  if (!is_sha256(sha256)) return fail(codes::k_internal, "not a sha256: " + sha256);
  if (original_path(sha256)) return {};
  std::error_code ec;
  fs::create_directories(folder_of(sha256), ec);
  if (ec)
    return fail(codes::k_io_write, "cannot create the archive folder: " + ec.message(), m_dir);
  auto written = write_file_atomic(folder_of(sha256) + "/" + sha256 + "." + extension_for(mime),
                                   bytes);
  if (!written) return written;
  return sync_folder(m_dir);  // the new sub-folder's entry
}

Result<void> Archive::store_record(const AgreementRecord& record,
                                   const nlohmann::json& provenance) {
  if (!original_path(record.sha256)) {
    return fail(codes::k_internal, "a record cannot be archived before its original",
                record.sha256);
  }
  nlohmann::ordered_json json = to_json(record, true);
  json["naskah"] = provenance;
  return write_file_atomic(record_path(record.sha256),
                           json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) +
                               "\n");
}

Result<StoredRecord> Archive::load(const std::string& sha256) const {
  if (!is_sha256(sha256)) return fail("archive.missing", "not a document id: " + sha256);
  auto text = read_file(record_path(sha256), k_max_record_bytes);
  if (!text) {
    return fail("archive.missing", "the archive holds no record for this id", sha256);
  }
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded()) {
    return fail("archive.damaged", "the archived record is not valid JSON",
                record_path(sha256));
  }
  auto record = record_from_json(json);
  if (!record) return fail("archive.damaged", record.error().message, record_path(sha256));
  StoredRecord stored{std::move(*record), json.value("naskah", nlohmann::json::object())};
  if (stored.record.sha256 != sha256) {
    return fail("archive.damaged", "the record names another document", record_path(sha256));
  }
  return stored;
}

Result<StoredRecord> Archive::load_effective(const std::string& sha256) const {
  auto stored = load(sha256);
  if (!stored) return stored;
  auto corrected = corrections(sha256);
  if (!corrected) return tl::unexpected(corrected.error());
  auto effective = apply_corrections(stored->record, *corrected);
  if (!effective) return fail("archive.damaged", effective.error().message, sha256);
  stored->record = std::move(*effective);
  return stored;
}

Result<std::vector<Correction>> Archive::corrections(const std::string& sha256) const {
  std::vector<Correction> out;
  if (!is_sha256(sha256)) return out;
  const std::string path = folder_of(sha256) + "/" + sha256 + ".corrections.jsonl";
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  auto text = read_file(path, k_max_record_bytes);
  if (!text) return tl::unexpected(text.error());
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const auto line = nlohmann::json::parse(text->substr(start, end - start), nullptr, false);
    start = end + 1;
    // A line cut short by a crash while it was appended is skipped; the rest hold.
    if (line.is_discarded()) continue;
    if (auto correction = correction_from_json(line)) out.push_back(std::move(*correction));
  }
  return out;
}

Result<void> Archive::add_correction(const std::string& sha256, const Correction& correction) {
  if (!has_record(sha256)) {
    return fail("archive.missing", "the archive holds no record for this id", sha256);
  }
  return append_line(
      folder_of(sha256) + "/" + sha256 + ".corrections.jsonl",
      to_json(correction).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::vector<std::string> Archive::list() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& sub : fs::directory_iterator(m_dir, ec)) {
    if (!sub.is_directory()) continue;
    std::error_code inner;
    for (const auto& entry : fs::directory_iterator(sub.path(), inner)) {
      const fs::path& p = entry.path();
      if (p.extension() == ".json" && is_sha256(p.stem().string())) {
        ids.push_back(p.stem().string());
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace naskah::ingest
