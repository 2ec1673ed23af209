// naskah search QUERY [--json] [filters]: full-text search over the index (CONTRACT.md).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.h"
#include "naskah/search/search.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  search::Filters filters;
  std::string sort = "relevance";
  int offset = 0;
  int limit = 20;
  std::string today;
  bool json = false;
};

// A snippet's HTML for a terminal: <mark> as bold (or [..] when not a terminal).
std::string plain_snippet(const std::string& html, bool terminal) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    auto starts = [&](const char* s) { return html.compare(i, std::strlen(s), s) == 0; };
    if (starts("<mark>")) {
      out += terminal ? "\033[1m" : "[";
      i += 6;
    } else if (starts("</mark>")) {
      out += terminal ? "\033[0m" : "]";
      i += 7;
    } else if (html[i] == '&') {
      const auto semi = html.find(';', i);
      const std::string entity = semi == std::string::npos ? "" : html.substr(i, semi - i + 1);
      const char* plain = entity == "&amp;"    ? "&"
                          : entity == "&lt;"   ? "<"
                          : entity == "&gt;"   ? ">"
                          : entity == "&quot;" ? "\""
                          : entity == "&#39;"  ? "'"
                                               : nullptr;
      out += plain ? plain : "&";
      i += plain ? entity.size() : 1;
    } else {
      out += html[i] == '\n' ? ' ' : html[i];
      ++i;
    }
  }
  return out;
}

void print_table(const search::Results& r) {
  const bool terminal = ::isatty(STDOUT_FILENO) == 1;
  std::cout << r.total << (r.estimated ? " (about)" : "") << " agreement(s)";
  if (!r.query.empty()) std::cout << " for \"" << r.query << "\"";
  std::cout << " (status as of " << r.today << ")\n";
  if (r.suggestion) std::cout << "did you mean: " << *r.suggestion << "\n";
  for (const search::Hit& h : r.hits) {
    const AgreementRecord& rec = h.record;
    std::cout << "\n" << h.rank << ". [" << h.status << "] " << rec.doc_type.value_or("?")
              << "  signed " << rec.signed_date.value_or("?") << "  ends "
              << rec.end_date.value_or("?") << "\n";
    if (rec.title) std::cout << "   " << *rec.title << "\n";
    std::string parties;
    for (const Party& p : rec.parties) parties += (parties.empty() ? "" : "; ") + p.name;
    if (!parties.empty()) std::cout << "   " << parties << "\n";
    if (!rec.numbers.empty()) {
      std::string numbers;
      for (const auto& n : rec.numbers) numbers += (numbers.empty() ? "" : ", ") + n;
      std::cout << "   no. " << numbers << "\n";
    }
    std::cout << "   " << plain_snippet(h.snippet, terminal) << "\n";
    std::cout << "   id " << h.id << "  " << rec.source.path << "\n";
  }
  std::cout << "\n";
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    std::cout << name << ":";
    for (const auto& [value, n] : values) std::cout << "  " << value << " (" << n << ")";
    std::cout << "\n";
  }
}

int run_search(const SearchArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const auto& settings = config->settings();
  auto sort = search::parse_sort(args.sort);
  if (!sort) return report_error(sort.error(), args.json, "");

  search::Request request;
  for (const auto& w : args.words) request.query += (request.query.empty() ? "" : " ") + w;
  request.filters = args.filters;
  request.sort = *sort;
  request.offset = args.offset;
  request.limit = args.limit;
  request.today = args.today;
  request.expiring_days = settings.search.expiring_days;
  auto shards = search_shards(settings);
  if (!shards) return report_error(shards.error(), args.json, "configuration");
  search::Searcher searcher(std::move(*shards), shard_options(settings));
  auto results = searcher.search(request);
  if (!results) return report_error(results.error(), args.json, "");
  if (args.json) {
    std::cout << search::to_json(*results).dump(2) << '\n';
  } else {
    print_table(*results);
  }
  return k_ok;
}

}  // namespace

void add_search(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "search the agreements: words (all must match), \"a phrase\", OR, NOT, prefix*, and "
      "fields pihak:/party:, nomor:/number:, tentang:/title:, jenis:/type:, tahun:/year:, "
      "status:, kantor:/office:, signed:2021..2022-06");
  globals.add_to(*cmd);
  cmd->add_option("QUERY", args->words, "the query; empty lists everything");
  auto& f = args->filters;
  cmd->add_option("--type,--jenis", f.type, "mou, pks, addendum or other (repeatable)");
  cmd->add_option("--party,--pihak", f.party, "a party, by name or some of its words");
  cmd->add_option("--year,--tahun", f.year, "year of signing");
  cmd->add_option("--status", f.status, "active, expiring, expired or unknown");
  cmd->add_option("--office,--kantor", f.office, "unit or office that sent the file");
  cmd->add_option("--signed-from,--signed_from", f.signed_from, "signed on or after (2021-06-30)");
  cmd->add_option("--signed-to,--signed_to", f.signed_to, "signed on or before");
  cmd->add_option("--sort", args->sort, "relevance, signed, -signed (newest first) or end");
  cmd->add_option("--offset", args->offset, "skip this many results")->check(CLI::NonNegativeNumber);
  cmd->add_option("--limit", args->limit, "show this many results (default 20)")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--today", args->today, "compute status as of this date (YYYY-MM-DD)");
  cmd->add_flag("--json", args->json, "print results as JSON (CONTRACT.md)");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_search(*args, globals); });
}

}  // namespace naskah::cli
