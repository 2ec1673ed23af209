// Synthetic agreement records for the index benchmark: deterministic, about 1,500 words
// each by default, Indonesian with ~10% English, words Zipf-distributed over a few thousand
// real and made-up ones, with the heading, parties, numbers, dates, period and amounts of
// real agreements. Record i is the same on every call and on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/record.h"

namespace naskah::bench {

inline constexpr std::size_t k_default_words = 1500;

// A fixed "today" for the benchmarks, so that status counts and parser warnings do not drift
// with the clock.
inline constexpr const char* k_today = "2025-07-01";

// splitmix64: the same numbers on every platform and standard library (the std::
// distributions are not specified exactly), so every run indexes the same corpus.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <typename Items>
  const auto& pick(const Items& items) {
    return items[below(std::size(items))];
  }

 private:
  std::uint64_t m_state;
};

// Words with a Zipf distribution (s = 1: the r-th word is used in proportion to 1/r, as in
// natural text), real words at the head and made-up ones in the tail. Thread-safe.
class Vocabulary {
 public:
  Vocabulary(std::string_view real, std::size_t size, std::uint64_t seed);
  const std::string& draw(Rng& rng) const {
    const double x = rng.unit() * m_cumulative.back();
    const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), x);
    const auto rank = static_cast<std::size_t>(it - m_cumulative.begin());
    return m_words[std::min(rank, m_words.size() - 1)];
  }
  const std::string& at(std::size_t rank) const { return m_words.at(rank); }
  std::size_t size() const { return m_words.size(); }

 private:
  std::vector<std::string> m_words;
  std::vector<double> m_cumulative;
};

// What all records draw from: built once, read by every thread.
struct Corpus {
  std::size_t words = k_default_words;  // per record, on average
  Corpus();  // the vocabularies
  Vocabulary indonesian;
  Vocabulary english;
  std::vector<std::string> parties;  // 300
  std::vector<std::string> offices;  // 40
};

[[nodiscard]] Corpus make_corpus(std::size_t words);

struct Synthetic {
  AgreementRecord record;
  std::string pdf;  // the "original": a few bytes unique to the record
};

// Record `i`, the same on every call. Every 100th is a second scan of the one before it
// (same heading, other text and bytes), the near duplicate the index flags.
[[nodiscard]] Synthetic make_record(std::size_t i, const Corpus& corpus);

}  // namespace naskah::bench
