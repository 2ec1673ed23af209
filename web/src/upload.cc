// Uploads: an operator's file is handed to the pipeline (dropped into the inbox, where the
// watcher takes it like any other file: web knows nothing of OCR), and its way through the
// pipeline can be followed.
#include <spdlog/spdlog.h>

#include "naskah/core/file.h"
#include "naskah/core/sha256.h"
#include "naskah/core/sniff.h"
#include "server_impl.h"

namespace naskah::web {

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
                     std::to_string(options.upload_max_bytes / (1024 * 1024)) + " MB.",
                 {{"limit_mb", options.upload_max_bytes / (1024 * 1024)}});
      return;
    }
    const std::string extension = extension_of(sniff(file.content));
    if (extension.empty()) {
      metrics.count_upload("refused");
      send_error(res, 415, naskah::codes::k_input_unsupported,
                 "This is not a PDF, TIFF, PNG or JPEG file. Scan the agreement to one of "
                 "these and upload it again.");
      return;
    }
    const std::string sha = sha256_hex(file.content);
    const std::string who = current_identity().user.name;
    auto name = services.drop_upload(file.content, file.filename, extension, who);
    if (!name) {
      spdlog::error("upload: {}", printable(name.error().message));
      send_error(res, 500, name.error().code, "The upload could not be stored.");
      return;
    }
    {
      const std::lock_guard lock(uploads_mutex);
      uploads[sha] = *name;
    }
    metrics.count_upload("accepted");
    audit_event(req, naskah::audit::k_upload, sha,
                {{"name", printable(*name)}, {"bytes", file.content.size()}});
    const std::string shown = printable(*name);  // kept as bytes on disk, escaped in JSON
    spdlog::info("upload: {} ({} bytes) from {} into the inbox as '{}'", sha.substr(0, 12),
                 file.content.size(), printable(current_identity().user.name), shown);
    send_json(res, 202,
              nlohmann::ordered_json{{"sha256", sha}, {"name", shown}, {"state", "queued"}});
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
