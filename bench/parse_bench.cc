// Parse time per document: the agreement parser on the text of every dev-corpus agreement
// (../shared/corpus/dev/text) and on our samples, one benchmark per text. The issue's
// target: well under 5 ms for a five-page agreement, a small fraction of its OCR time.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "naskah/extract/parser.h"

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void parse_text(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    naskah::AgreementRecord record;
    record.text = text;
    naskah::extract::parse_agreement(record, naskah::extract::ParseOptions{"2026-01-01"});
    benchmark::DoNotOptimize(record);
  }
  std::size_t pages = text.empty() || text.back() == '\f' ? 0 : 1;
  for (char c : text) pages += c == '\f' ? 1 : 0;
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["kB"] = static_cast<double>(text.size()) / 1024.0;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void register_folder(const std::filesystem::path& folder, const std::string& prefix) {
  if (!std::filesystem::is_directory(folder)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    benchmark::RegisterBenchmark((prefix + file.stem().string()).c_str(), parse_text, read(file))
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_folder(std::filesystem::path(NASKAH_SHARED_DIR) / "corpus/dev/text", "dev/");
  register_folder(std::filesystem::path(NASKAH_SOURCE_DIR) / "samples/text", "samples/");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
