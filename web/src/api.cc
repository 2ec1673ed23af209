// The read side of the JSON API: search, one agreement (record, original, page images) and
// the dashboard's figures. Everything here needs a viewer or more (the gate has checked).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "naskah/core/clock.h"
#include "naskah/core/file.h"
#include "naskah/core/warnings.h"
#include "naskah/search/export.h"
#include "naskah/search/report.h"
#include "server_impl.h"

namespace naskah::web {
namespace {

namespace fs = std::filesystem;

// A whole number parameter in [low, high]; `fallback` when absent.
Result<int> int_param(const httplib::Request& req, const char* name, int fallback, int low,
                      int high) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high) {
    return fail(naskah::codes::k_usage_invalid,
                std::string(name) + " must be a whole number from " + std::to_string(low) + " to " +
                    std::to_string(high) + ".");
  }
  return value;
}

std::vector<std::string> all_values(const httplib::Request& req, const char* name) {
  std::vector<std::string> values;
  const auto [first, last] = req.params.equal_range(name);
  for (auto it = first; it != last; ++it) {
    if (!it->second.empty()) values.push_back(it->second);
  }
  return values;
}

// The search request the parameters describe (CONTRACT.md: the flags' names).
Result<search::Request> request_from(const httplib::Request& req, int expiring_days) {
  search::Request r;
  r.query = req.get_param_value("q");
  if (r.query.size() > 1000) {
    return fail(naskah::codes::k_usage_invalid, "The query is too long (1000 characters at most).");
  }
  r.filters.type = all_values(req, "type");
  r.filters.party = all_values(req, "party");
  r.filters.year = all_values(req, "year");
  r.filters.status = all_values(req, "status");
  r.filters.office = all_values(req, "office");
  r.filters.signed_from = req.get_param_value("signed_from");
  r.filters.signed_to = req.get_param_value("signed_to");
  auto sort = search::parse_sort(req.get_param_value("sort"));
  if (!sort) return tl::unexpected(sort.error());
  r.sort = *sort;
  auto offset = int_param(req, "offset", 0, 0, 100'000);
  if (!offset) return tl::unexpected(offset.error());
  auto limit = int_param(req, "limit", 20, 0, 100);
  if (!limit) return tl::unexpected(limit.error());
  r.offset = *offset;
  r.limit = *limit;
  r.expiring_days = expiring_days;
  return r;
}

// The cache key of a request: the index state, today (status depends on it), the route and
// its parameters (httplib keeps them sorted by name).
std::string cache_key(const std::string& state, const httplib::Request& req) {
  std::string key = state + "|" + today_iso() + "|" + req.path;
  for (const auto& [name, value] : req.params) key += "&" + name + "=" + value;
  return key;
}

void send_body(httplib::Response& res, const std::string& body) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json");
}

void send_failure(httplib::Response& res, const Error& error) {
  const int status = status_for(error);
  if (status >= 500) spdlog::error("api: {} {}", error.code, error.message);
  send_error(res, status, error.code, error.message);
}

// A list of report rows cut to `limit`, with how many there were.
// What a caller gets when the answer it waited for was not computed (it never is without
// an error of its own; see ResultCache::answer).
const Error k_no_answer{naskah::codes::k_internal, "the answer could not be computed", ""};

nlohmann::ordered_json rows_json(const nlohmann::ordered_json& rows, std::size_t limit) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) out.push_back(rows[i]);
  return out;
}

// "x.pdf" safe in a Content-Disposition header: the ASCII form and the RFC 5987 one.
std::string disposition(const std::string& name) {
  std::string ascii;
  std::string encoded;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == ' ';
    ascii += plain && u < 0x80 ? c : '_';
    if (std::isalnum(u) && u < 0x80) {
      encoded += c;
    } else if (c == '.' || c == '-' || c == '_') {
      encoded += c;
    } else {
      constexpr const char* k_hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += k_hex[u >> 4];
      encoded += k_hex[u & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

// The dashboard's lists: at most this many rows each (counts.* have the whole number).
constexpr std::size_t k_dashboard_rows = 100;

// Thumbnails of results: the first page at this resolution.
constexpr int k_thumbnail_dpi = 20;

// Exports: hits asked for a page at a time, and at most this many rows.
constexpr int k_export_page = 1000;
constexpr std::size_t k_export_max = 100'000;

void Server::Impl::with_family(const std::string& id, nlohmann::json& record) {
  auto family = searcher().family(id, today_iso(), options.expiring_days);
  if (family && *family) {
    const nlohmann::ordered_json known = search::to_json(**family);
    for (const auto& [key, value] : known.items()) record[key] = value;
  }
  std::optional<std::string> end;
  for (const char* key : {"effective_end_date", "end_date"}) {
    if (!end && record.contains(key) && record[key].is_string())
      end = record[key].get<std::string>();
  }
  record["status"] = search::status_of(end, today_iso(), options.expiring_days);
  // The warnings as codes and values, which the UI says in its language (core/warnings.h).
  if (record.contains("warnings") && record["warnings"].is_array()) {
    record["warning_codes"] = warnings_json(record["warnings"].get<std::vector<std::string>>());
  }
}

// A page as PNG, drawn once in a worker process (one of web.render_workers, under its
// limits), turned as OCR found it upright, then served from DATA/cache/pages.
void Server::Impl::send_page_image(httplib::Response& res, const std::string& id, int page,
                                   int dpi) {
  const int rotation = services.page_rotation ? services.page_rotation(id, page) : 0;
  const std::string cached = options.cache_dir + "/" + id.substr(0, 2) + "/" + id + "-" +
                             std::to_string(page) + "-" + std::to_string(dpi) +
                             (rotation != 0 ? "-r" + std::to_string(rotation) : "") + ".png";
  auto png = read_file(cached, 64ull * 1024 * 1024);
  if (!png) {
    auto rendered = services.render_page(id, page, dpi, rotation);
    if (!rendered) return send_failure(res, rendered.error());
    std::error_code ec;
    fs::create_directories(fs::path(cached).parent_path(), ec);
    if (auto written = write_file_atomic(cached, *rendered); !written) {
      spdlog::warn("page cache: {}", written.error().message);
    }
    png = std::move(*rendered);
  }
  res.set_header("Cache-Control", "private, max-age=86400, immutable");
  res.set_content(std::move(*png), "image/png");
}

void Server::Impl::install_api_routes() {
  http->Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    auto request = request_from(req, options.expiring_days);
    if (!request) return send_failure(res, request.error());
    const auto started = std::chrono::steady_clock::now();
    auto observe = [&] {
      metrics.observe_search(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    };
    auto state = searcher().state();
    const std::string key = state && answers.enabled() ? cache_key(*state, req) : "";
    std::optional<Error> failure;
    const auto body = answers.answer(key, [&]() -> std::shared_ptr<const std::string> {
      auto found = searcher().search(*request);
      if (!found) {
        failure = found.error();
        return nullptr;
      }
      nlohmann::ordered_json made = search::to_json(*found);
      if (!found->warnings.empty()) made["warning_codes"] = warnings_json(found->warnings);
      return std::make_shared<const std::string>(
          made.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    });
    observe();
    if (!body) return send_failure(res, failure.value_or(k_no_answer));
    send_body(res, *body);
  });

  http->Get(R"(/api/agreements/([0-9a-f]{64}))",
            [this](const httplib::Request& req, httplib::Response& res) {
              const std::string id = req.matches[1].str();
              auto record = services.load_record(id);
              if (!record) return send_failure(res, record.error());
              audit_event(req, naskah::audit::k_view, id);
              with_family(id, *record);
              send_json(res, 200, *record);
            });

  // A person's corrections (operators and admins): {"changes": {"field": value}, "reason"}.
  http->Patch(R"(/api/agreements/([0-9a-f]{64}))", [this](const httplib::Request& req,
                                                          httplib::Response& res) {
    if (!require_role(res, Role::operator_)) return;
    const std::string id = req.matches[1].str();
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("changes") || !body["changes"].is_object() ||
        body["changes"].empty() || (body.contains("reason") && !body["reason"].is_string())) {
      send_error(res, 400, naskah::codes::k_usage_invalid,
                 R"(Send {"changes": {"field": value, ...}, "reason": "..."} as JSON.)");
      return;
    }
    auto before = services.history(id);
    if (!before) return send_failure(res, before.error());
    const std::string who = current_identity().user.name;
    auto record = services.correct(id, body["changes"], who, body.value("reason", std::string()));
    if (!record) return send_failure(res, record.error());
    for (const auto& [field, value] : body["changes"].items()) {
      audit_event(req, naskah::audit::k_correct, id,
                  {{"field", field},
                   {"old", (*before)["fields"][field]["now"]},
                   {"new", (*record)[field]}});
    }
    with_family(id, *record);
    send_json(res, 200, *record);
  });

  http->Get(R"(/api/agreements/([0-9a-f]{64})/history)",
            [this](const httplib::Request& req, httplib::Response& res) {
              auto history = services.history(req.matches[1].str());
              if (!history) return send_failure(res, history.error());
              send_json(res, 200, *history);
            });

  http->Get(R"(/api/agreements/([0-9a-f]{64})/file)", [this](const httplib::Request& req,
                                                             httplib::Response& res) {
    auto file = services.original(req.matches[1].str());
    if (!file) return send_failure(res, file.error());
    std::error_code ec;
    const auto size = fs::file_size(file->path, ec);
    auto in = std::make_shared<std::ifstream>(file->path, std::ios::binary);
    if (ec || !*in) {
      return send_failure(res,
                          Error{naskah::codes::k_internal, "The original cannot be read.", {}});
    }
    audit_event(req, naskah::audit::k_download, req.matches[1].str(),
                {{"name", printable(file->name)}});
    res.set_header("Content-Disposition", disposition(file->name));
    res.set_header("Cache-Control", "private, max-age=86400, immutable");
    res.set_content_provider(static_cast<std::size_t>(size), file->mime,
                             [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
                               in->seekg(static_cast<std::streamoff>(offset));
                               in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                               const auto got = in->gcount();
                               if (got <= 0) return false;
                               return sink.write(buffer.data(), static_cast<std::size_t>(got));
                             });
  });

  http->Get(R"(/api/agreements/([0-9a-f]{64})/pages/([0-9]{1,4}))",
            [this](const httplib::Request& req, httplib::Response& res) {
              send_page_image(res, req.matches[1].str(), std::stoi(req.matches[2].str()),
                              options.page_dpi);
            });
  // A result's thumbnail: its first page, small (a 20 dpi A4 page is 165 x 234 px).
  http->Get(R"(/api/agreements/([0-9a-f]{64})/thumbnail)",
            [this](const httplib::Request& req, httplib::Response& res) {
              send_page_image(res, req.matches[1].str(), 1, k_thumbnail_dpi);
            });

  // The review queue ("Perlu diperiksa"): every agreement with something for a person to
  // check, each with its reasons, for a reviewer to take one after the other.
  http->Get("/api/review", [this](const httplib::Request&, httplib::Response& res) {
    auto report = search::make_report(searcher(), "", options.expiring_days);
    if (!report) return send_failure(res, report.error());
    nlohmann::ordered_json queue = nlohmann::ordered_json::array();
    for (const search::ReportRow& row : report->suspicious) {
      const AgreementRecord& r = row.record;
      queue.push_back(
          {{"id", r.sha256},
           {"title", r.title ? nlohmann::ordered_json(*r.title) : nullptr},
           {"doc_type", r.doc_type ? nlohmann::ordered_json(*r.doc_type) : nullptr},
           {"numbers", r.numbers},
           {"signed_date", r.signed_date ? nlohmann::ordered_json(*r.signed_date) : nullptr},
           {"reasons", row.reasons},
           {"checks", search::findings_json(row.reasons)}});
    }
    send_json(res, 200, nlohmann::ordered_json{{"queue", queue}});
  });

  // Exports for spreadsheets: ?list=search (with the search's own parameters) or
  // expiring|expired|suspicious (with ?days=), &format=csv|xlsx; the columns of `report`.
  http->Get("/api/export", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string list = req.get_param_value("list");
    const std::string format = req.get_param_value("format");
    if (format != "csv" && format != "xlsx") {
      return send_error(res, 400, naskah::codes::k_usage_invalid, "format must be csv or xlsx");
    }
    search::Table table;
    if (list == "search") {
      auto request = request_from(req, options.expiring_days);
      if (!request) return send_failure(res, request.error());
      request->offset = 0;
      request->limit = k_export_page;
      for (;;) {  // every hit, a page at a time, up to k_export_max
        auto found = searcher().search(*request);
        if (!found) return send_failure(res, found.error());
        auto page = search::results_table(*found);
        if (table.header.empty()) table.header = page.header;
        table.rows.insert(table.rows.end(), page.rows.begin(), page.rows.end());
        request->offset += k_export_page;
        if (found->hits.empty() || static_cast<std::uint64_t>(request->offset) >= found->total ||
            table.rows.size() >= k_export_max) {
          break;
        }
      }
    } else if (list == "expiring" || list == "expired" || list == "suspicious") {
      auto days = int_param(req, "days", options.expiring_days, 1, 3650);
      if (!days) return send_failure(res, days.error());
      auto report = search::make_report(searcher(), "", *days);
      if (!report) return send_failure(res, report.error());
      table = search::report_table(*report, {list});
    } else {
      return send_error(res, 400, naskah::codes::k_usage_invalid,
                        "list must be search, expiring, expired or suspicious");
    }
    const std::string name = "naskah-" + list + "-" + today_iso() + "." + format;
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_header("Cache-Control", "no-store");
    if (format == "csv") return res.set_content(search::to_csv(table), "text/csv; charset=utf-8");
    auto workbook = search::to_xlsx(table, list);
    if (!workbook) return send_failure(res, workbook.error());
    res.set_content(std::move(*workbook),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  http->Get("/api/stats", [this](const httplib::Request& req, httplib::Response& res) {
    auto days = int_param(req, "days", options.expiring_days, 1, 3650);
    if (!days) return send_failure(res, days.error());
    auto state = searcher().state();
    const std::string key = state && answers.enabled() ? cache_key(*state, req) : "";
    std::optional<Error> failure;
    const auto body = answers.answer(key, [&]() -> std::shared_ptr<const std::string> {
      auto made = stats_body(*days);
      if (!made) {
        failure = made.error();
        return nullptr;
      }
      return std::make_shared<const std::string>(std::move(*made));
    });
    if (!body) return send_failure(res, failure.value_or(k_no_answer));
    send_body(res, *body);
  });
}

// The dashboard's numbers: counts by facet and the report's lists, trimmed.
Result<std::string> Server::Impl::stats_body(int days) {
  search::Request all;
  all.limit = 0;
  all.expiring_days = days;
  auto results = searcher().search(all);
  if (!results) return tl::unexpected(results.error());
  auto report = search::make_report(searcher(), "", days);
  if (!report) return tl::unexpected(report.error());
  // "Recently" expired: within the last `days` days, as the expiring are within the next
  // (the report holds every expired one, back to the first archived).
  const std::size_t expired_all = report->expired.size();
  const std::string since = add_days(report->today, -days);
  std::erase_if(report->expired, [&](const search::ReportRow& row) {
    const auto& end = row.record.effective_end();
    return !end || *end < since;
  });
  const auto contract = search::to_json(*results);
  const auto listed = search::to_json(*report);
  nlohmann::ordered_json out{{"today", report->today}, {"days", days}, {"total", results->total}};
  for (const char* facet : {"status", "doc_type", "year", "party", "office"}) {
    out[facet] = contract["facets"].contains(facet) ? contract["facets"][facet]
                                                    : nlohmann::ordered_json::object();
  }
  out["counts"] = {{"expiring", report->expiring.size()},
                   {"expired", report->expired.size()},
                   {"expired_all", expired_all},
                   {"suspicious", report->suspicious.size()}};
  // Bounded: the dashboard pages through these; the exports and searches have them all.
  out["expiring"] = rows_json(listed["expiring"], k_dashboard_rows);
  out["expired"] = rows_json(listed["expired"], k_dashboard_rows);
  out["suspicious"] = rows_json(listed["suspicious"], k_dashboard_rows);
  if (!results->warnings.empty()) {
    out["warnings"] = results->warnings;
    out["warning_codes"] = warnings_json(results->warnings);
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace naskah::web
