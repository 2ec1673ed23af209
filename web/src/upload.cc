// Uploads: an operator's file goes into the inbox, where the watcher takes it like any
// other file (web knows nothing of OCR), and its way through the pipeline can be followed.
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>

#include <fcntl.h>
#include <spdlog/spdlog.h>

#include "naskah/core/file.h"
#include "naskah/core/sha256.h"
#include "server_impl.h"

namespace naskah::web {
namespace {

namespace fs = std::filesystem;

// The extension of a scan naskah reads, told by its first bytes; "" for anything else.
std::string scan_extension(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("%PDF-"sv)) return ".pdf";
  if (bytes.starts_with("II*\0"sv) || bytes.starts_with("MM\0*"sv)) return ".tif";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n"sv)) return ".png";
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return ".jpg";
  return "";
}

// The uploaded file's name made safe for the inbox: its last path part only, no control
// characters or characters that are trouble on a share, no leading dots (hidden files are
// skipped by the watcher), at most 120 bytes, with the scan's extension when it had none.
std::string safe_name(const std::string& given, const std::string& extension) {
  std::string name = given;
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) {
    name = name.substr(slash + 1);
  }
  for (char& c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || std::string_view(":*?\"<>|").find(c) != std::string_view::npos) {
      c = '_';
    }
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' ' || name.front() == '~')) {
    name.erase(0, 1);
  }
  if (name.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name = name.substr(0, cut);
  }
  if (name.empty()) name = "upload";
  std::string lower = fs::path(name).extension().string();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {".part", ".crdownload", ".tmp"}) {
    if (lower == known) name += extension;  // the watcher would take it for a partial file
  }
  if (fs::path(name).extension().empty()) name += extension;
  return name;
}

// Moves `temp` to `folder/name`, or "name (2).pdf"... when taken, never replacing a file.
// Returns the name used.
Result<std::string> move_in(const std::string& temp, const std::string& folder,
                            const std::string& name) {
  const fs::path wanted(name);
  for (int n = 1; n < 1000; ++n) {
    const std::string candidate =
        n == 1 ? name
               : wanted.stem().string() + " (" + std::to_string(n) + ")" +
                     wanted.extension().string();
    const std::string target = folder + "/" + candidate;
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
      return candidate;
    }
    if (errno != EEXIST) break;
  }
  return fail(naskah::codes::k_internal,
              "The upload could not be put into the inbox: " + std::string(std::strerror(errno)));
}

}  // namespace

void Server::Impl::install_upload_routes() {
  http->Post("/api/upload", [this](const httplib::Request& req, httplib::Response& res) {
    if (!require_role(res, Role::operator_)) return;
    if (!req.is_multipart_form_data() || !req.has_file("file")) {
      send_error(res, 400, naskah::codes::k_usage_invalid,
                 "Send the scan as multipart/form-data in a field named \"file\".");
      return;
    }
    const httplib::MultipartFormData file = req.get_file_value("file");
    if (file.content.empty()) {
      send_error(res, 400, naskah::codes::k_input_empty, "The file is empty.");
      return;
    }
    if (file.content.size() > options.upload_max_bytes) {
      send_error(res, 413, naskah::codes::k_input_too_large,
                 "The file is larger than the upload limit of " +
                     std::to_string(options.upload_max_bytes / (1024 * 1024)) + " MB.");
      return;
    }
    const std::string extension = scan_extension(file.content);
    if (extension.empty()) {
      metrics.count_upload("refused");
      send_error(res, 415, naskah::codes::k_input_unsupported,
                 "This is not a PDF, TIFF, PNG or JPEG file. Scan the agreement to one of "
                 "these and upload it again.");
      return;
    }
    const std::string sha = sha256_hex(file.content);
    std::error_code ec;
    fs::create_directories(options.inbox_dir, ec);
    // Written whole under a hidden name (the watcher skips those), then renamed in.
    const std::string temp = options.inbox_dir + "/.upload-" + random_token().substr(0, 16);
    if (auto written = write_file_atomic(temp, file.content); !written) {
      spdlog::error("upload: {}", written.error().message);
      send_error(res, 500, naskah::codes::k_internal, "The upload could not be stored.");
      return;
    }
    auto name = move_in(temp, options.inbox_dir, safe_name(file.filename, extension));
    if (!name) {
      fs::remove(temp, ec);
      spdlog::error("upload: {}", name.error().message);
      send_error(res, 500, name.error().code, name.error().message);
      return;
    }
    (void)sync_folder(options.inbox_dir);
    {
      const std::lock_guard lock(uploads_mutex);
      uploads[sha] = *name;
    }
    metrics.count_upload("accepted");
    spdlog::info("upload: {} ({} bytes) from {} into the inbox as '{}'", sha.substr(0, 12),
                 file.content.size(), current_identity().user.name, *name);
    send_json(res, 202,
              nlohmann::ordered_json{{"sha256", sha}, {"name", *name}, {"state", "queued"}});
  });

  http->Get(R"(/api/uploads/([0-9a-f]{64}))", [this](const httplib::Request& req,
                                                    httplib::Response& res) {
    if (!require_role(res, Role::operator_)) return;
    const std::string sha = req.matches[1].str();
    nlohmann::ordered_json out{{"sha256", sha}};
    auto found = searcher().contains(sha);
    if (found && *found) {
      out["state"] = "searchable";
      return send_json(res, 200, out);
    }
    const UploadState state = services.upload_state(sha);
    bool ours = false;
    {
      const std::lock_guard lock(uploads_mutex);
      ours = uploads.contains(sha);
    }
    if (state.state == "queued" && !ours) {
      send_error(res, 404, "not-found", "No upload with this id is known.");
      return;
    }
    out["state"] = state.state;
    if (state.error) {
      out["error"] = {{"code", state.error->code},
                      {"message", state.error->message},
                      {"message_id", state.message_id}};
    }
    send_json(res, 200, out);
  });
}

}  // namespace naskah::web
